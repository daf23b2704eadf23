/**
 * Spring AI integration: {@link dev.springcohere.springai.CohereChatModel},
 * {@link dev.springcohere.springai.CohereEmbeddingModel}, the reranking
 * {@link dev.springcohere.springai.CohereRerankPostProcessor} and the {@code @CohereTool}
 * bridge {@link dev.springcohere.springai.CohereToolCallbacks}.
 */
@NullMarked
package dev.springcohere.springai;

import org.jspecify.annotations.NullMarked;
