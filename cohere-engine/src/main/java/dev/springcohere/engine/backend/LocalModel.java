package dev.springcohere.engine.backend;

import java.util.Objects;

import dev.springcohere.backend.Capability;

/**
 * One model a {@link LocalBackend} serves: its name, what it does, and the most tokens it
 * reads in one request.
 *
 * @param name the name it answers to (the configured name, else the checkpoint's path)
 * @param capability {@link Capability#CHAT}, {@link Capability#EMBED} or
 * {@link Capability#RERANK}
 * @param contextLength the context limit of a chat request, or the longest sequence of an
 * encoder, in tokens
 * @since 0.1.0
 */
public record LocalModel(String name, Capability capability, int contextLength) {

	/**
	 * Checks the values.
	 * @param name the name
	 * @param capability the capability
	 * @param contextLength the context length
	 */
	public LocalModel {
		Objects.requireNonNull(name, "'name' must not be null");
		Objects.requireNonNull(capability, "'capability' must not be null");
		if (contextLength < 1) {
			throw new IllegalArgumentException("'contextLength' must be at least 1 but was " + contextLength);
		}
	}

}
