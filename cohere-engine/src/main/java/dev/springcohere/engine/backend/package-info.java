/**
 * The {@code local} Cohere backend: Cohere's open-weight chat models (Command R7B,
 * Command R/R+), embedding and rerank models run in this JVM behind the same
 * {@link dev.springcohere.backend.CohereBackend} API as the platform. See
 * {@link dev.springcohere.engine.backend.LocalBackend} and
 * {@link dev.springcohere.engine.backend.LocalBackendProvider}.
 */
@NullMarked
package dev.springcohere.engine.backend;

import org.jspecify.annotations.NullMarked;
