/**
 * Cohere and Cohere2 decoders: forward pass, per-session KV cache, sampling and
 * generation.
 */
@NullMarked
package dev.springcohere.engine.decode;

import org.jspecify.annotations.NullMarked;
