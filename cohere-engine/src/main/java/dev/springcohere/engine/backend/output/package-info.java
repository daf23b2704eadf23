/**
 * Parses the text a Cohere model generates (special tokens included) back into the v2
 * chat model: thinking and tool plans, tool calls, the response text and its citations,
 * as a whole ({@link ParsedOutput}) and as the v2 stream events the platform emits,
 * produced incrementally while decoding ({@link StreamingOutputParser}).
 */
@NullMarked
package dev.springcohere.engine.backend.output;

import org.jspecify.annotations.NullMarked;
