/**
 * Cohere's batches API ({@code /v2/batches}): asynchronous batches of requests read from
 * a dataset.
 */
@NullMarked
package dev.springcohere.api.batches;

import org.jspecify.annotations.NullMarked;
