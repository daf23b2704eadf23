/**
 * Cohere's embed jobs API ({@code /v1/embed-jobs}): asynchronous embedding of a dataset.
 */
@NullMarked
package dev.springcohere.api.embedjobs;

import org.jspecify.annotations.NullMarked;
