/**
 * RAG sample: retrieval-augmented answers with citations over a folder of Markdown
 * documents (embed, Spring AI's SimpleVectorStore, rerank, chat with documents).
 */
@org.jspecify.annotations.NullMarked
package dev.springcohere.sample.rag;
