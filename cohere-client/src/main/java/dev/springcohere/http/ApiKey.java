package dev.springcohere.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A Cohere API key (or any bearer secret). Its value is only handed out by
 * {@link #reveal()}; {@link #toString()} prints a fixed mask, {@link #hashCode()} is a
 * constant and {@link #equals(Object)} compares in constant time, so that neither logs
 * nor collections leak anything about the key.
 *
 * @since 0.1.0
 */
public final class ApiKey {

	private static final String MASK = "****";

	private final String value;

	private ApiKey(String value) {
		this.value = value;
	}

	/**
	 * Wraps a key.
	 * @param value the key; surrounding whitespace is removed
	 * @return the wrapped key
	 * @throws IllegalArgumentException if the key is empty, blank, or contains whitespace
	 * or control characters (the message never repeats the key)
	 */
	public static ApiKey of(String value) {
		Objects.requireNonNull(value, "'value' must not be null");
		String trimmed = value.strip();
		if (trimmed.isEmpty()) {
			throw new IllegalArgumentException("The API key must not be empty; set the 'cohere.api-key' property or"
					+ " the CO_API_KEY environment variable");
		}
		for (int i = 0; i < trimmed.length(); i++) {
			char c = trimmed.charAt(i);
			if (Character.isWhitespace(c) || Character.isISOControl(c)) {
				throw new IllegalArgumentException("The API key must not contain whitespace or control characters"
						+ " (found one at index " + i + "); check how it was copied");
			}
		}
		return new ApiKey(trimmed);
	}

	/**
	 * Returns the key itself, for the {@code Authorization} header only.
	 * @return the key
	 */
	public String reveal() {
		return this.value;
	}

	/**
	 * Replaces every occurrence of the key in a text with a mask, for texts that may echo
	 * it (error bodies, logs).
	 * @param text the text to clean
	 * @return the text without the key
	 */
	public String redact(String text) {
		Objects.requireNonNull(text, "'text' must not be null");
		return text.contains(this.value) ? text.replace(this.value, MASK) : text;
	}

	@Override
	public boolean equals(Object other) {
		if (this == other) {
			return true;
		}
		return (other instanceof ApiKey that) && MessageDigest.isEqual(this.value.getBytes(StandardCharsets.UTF_8),
				that.value.getBytes(StandardCharsets.UTF_8));
	}

	@Override
	public int hashCode() {
		return ApiKey.class.hashCode();
	}

	@Override
	public String toString() {
		return "ApiKey[" + MASK + "]";
	}

}
