/**
 * The agent loop: a {@link dev.springcohere.agent.CohereAgent} sends a conversation with
 * its tools, runs the tool calls the model asks for, sends their results back following
 * Cohere's v2 multi-step protocol, and repeats until the model answers; blocking,
 * reactive and streamed.
 */
@NullMarked
package dev.springcohere.agent;

import org.jspecify.annotations.NullMarked;
