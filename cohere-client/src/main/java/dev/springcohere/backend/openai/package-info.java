/**
 * The {@code openai-compat} backend: Cohere v2 requests and responses translated to and
 * from the OpenAI Chat Completions and Embeddings format, for Cohere's compatibility API
 * and OpenAI-compatible servers (vLLM, TGI, LiteLLM); also used by the {@code azure}
 * backend for the Azure AI model inference route.
 */
@NullMarked
package dev.springcohere.backend.openai;

import org.jspecify.annotations.NullMarked;
