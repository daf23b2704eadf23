/**
 * Cohere's classify API ({@code /v1/classify}, deprecated by Cohere): texts classified by
 * examples or by a fine-tuned classifier.
 */
@NullMarked
package dev.springcohere.api.classify;

import org.jspecify.annotations.NullMarked;
