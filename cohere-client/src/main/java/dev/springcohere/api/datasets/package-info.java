/**
 * Cohere's datasets API ({@code /v1/datasets}): uploaded datasets, their validation and
 * the organization's usage.
 */
@NullMarked
package dev.springcohere.api.datasets;

import org.jspecify.annotations.NullMarked;
