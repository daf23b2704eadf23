package dev.springcohere.api;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * A chat request document given as a plain string.
 *
 * @param text the document text
 * @since 0.1.0
 */
@JsonDeserialize
public record TextDocument(String text) implements ChatDocument {

	/**
	 * Creates a string document.
	 * @param text the document text
	 */
	@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
	public TextDocument {
		Objects.requireNonNull(text, "'text' must not be null");
	}

	/**
	 * Returns the document text, written as the JSON string.
	 * @return the text
	 */
	@Override
	@JsonValue
	public String text() {
		return this.text;
	}

}
