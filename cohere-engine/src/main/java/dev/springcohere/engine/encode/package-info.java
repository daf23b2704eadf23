/**
 * BERT and XLM-RoBERTa encoders for local embedding and reranking: the transformer
 * ({@link dev.springcohere.engine.encode.BertEncoder}), sentence-transformers pooling
 * ({@link dev.springcohere.engine.encode.Pooling}), text embeddings
 * ({@link dev.springcohere.engine.encode.EmbeddingEncoder}) and cross-encoder rerankers
 * ({@link dev.springcohere.engine.encode.SequenceClassifier},
 * {@link dev.springcohere.engine.encode.CrossEncoderReranker}).
 */
@NullMarked
package dev.springcohere.engine.encode;

import org.jspecify.annotations.NullMarked;
