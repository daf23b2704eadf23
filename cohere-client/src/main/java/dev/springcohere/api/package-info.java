/**
 * The typed, immutable model of Cohere's v2 API: chat, stream events, embed, rerank,
 * tokenize and models.
 */
@NullMarked
package dev.springcohere.api;

import org.jspecify.annotations.NullMarked;
