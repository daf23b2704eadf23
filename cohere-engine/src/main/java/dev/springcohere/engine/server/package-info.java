/**
 * A Cohere-v2-compatible HTTP server in front of any
 * {@link dev.springcohere.backend.CohereBackend}: the routes {@code /v2/chat} (JSON and
 * server-sent events), {@code /v2/embed}, {@code /v2/rerank}, {@code /v1/tokenize} and
 * {@code /v1/detokenize}, and {@code GET /v1/models}, so that Cohere SDKs (and this
 * project's own client) can call a local engine.
 */
@NullMarked
package dev.springcohere.engine.server;

import org.jspecify.annotations.NullMarked;
