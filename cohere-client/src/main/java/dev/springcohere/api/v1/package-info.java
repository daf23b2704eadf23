/**
 * The typed model of Cohere's v1 chat ({@code /v1/chat}: request, answer and stream
 * events) and of the legacy {@code /v1/generate} and {@code /v1/summarize} endpoints,
 * which Cohere marks deprecated.
 */
@NullMarked
package dev.springcohere.api.v1;

import org.jspecify.annotations.NullMarked;
