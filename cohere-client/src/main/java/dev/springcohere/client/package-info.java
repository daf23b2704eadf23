/**
 * Client-level types shared by every backend: the {@link dev.springcohere.client.CohereException} hierarchy, its
 * mapping from HTTP error responses ({@link dev.springcohere.client.CohereApiExceptions}) and the one retry policy
 * ({@link dev.springcohere.client.CohereRetryPolicy}) used for blocking and reactive calls alike.
 */
@NullMarked
package dev.springcohere.client;

import org.jspecify.annotations.NullMarked;
