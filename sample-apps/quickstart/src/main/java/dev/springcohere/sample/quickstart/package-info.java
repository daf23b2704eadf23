/**
 * Quickstart sample: a REST API over the Cohere starter (chat, streaming, embed, rerank,
 * agent, extract).
 */
@org.jspecify.annotations.NullMarked
package dev.springcohere.sample.quickstart;
