/**
 * Client-level types shared by every backend: the
 * {@link dev.springcohere.api.error.CohereException} hierarchy, its mapping from HTTP
 * error responses ({@link dev.springcohere.api.error.CohereApiExceptions}) and the one
 * retry policy ({@link dev.springcohere.http.CohereRetryPolicy}) used for blocking and
 * reactive calls alike.
 */
@NullMarked
package dev.springcohere.client;

import org.jspecify.annotations.NullMarked;
