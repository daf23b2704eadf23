/**
 * Cohere's fine-tuning API ({@code /v1/finetuning}): fine-tuned models, their settings,
 * life-cycle events and training-step metrics.
 */
@NullMarked
package dev.springcohere.api.finetuning;

import org.jspecify.annotations.NullMarked;
