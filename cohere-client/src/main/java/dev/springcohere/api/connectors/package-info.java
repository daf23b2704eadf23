/**
 * Cohere's connectors API ({@code /v1/connectors}, deprecated by Cohere): data sources
 * for the v1 chat's retrieval, and their OAuth authorization.
 */
@NullMarked
package dev.springcohere.api.connectors;

import org.jspecify.annotations.NullMarked;
