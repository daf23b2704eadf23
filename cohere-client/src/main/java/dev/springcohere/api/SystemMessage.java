package dev.springcohere.api;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * A system message: instructions that steer the model ({@code {"role": "system",
 * "content": ...}}).
 *
 * @param content a string or {@link SystemContentBlock text blocks}
 * @since 0.1.0
 */
@JsonDeserialize
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(value = "role", allowGetters = true, ignoreUnknown = true)
@JsonPropertyOrder({ "role", "content" })
public record SystemMessage(MessageContent<SystemContentBlock> content) implements ChatMessage {

	/**
	 * Creates a system message.
	 * @param content the content
	 */
	public SystemMessage {
		Objects.requireNonNull(content, "'content' must not be null");
	}

	/**
	 * Creates a system message with string content.
	 * @param text the instructions
	 * @return the message
	 */
	public static SystemMessage of(String text) {
		return new SystemMessage(MessageContent.of(text));
	}

	/**
	 * Creates a system message with block content.
	 * @param blocks the blocks
	 * @return the message
	 */
	public static SystemMessage of(List<? extends SystemContentBlock> blocks) {
		return new SystemMessage(MessageContent.of(blocks));
	}

	/**
	 * Returns the text of the content (see {@link MessageContent#text()}).
	 * @return the text
	 */
	public String text() {
		return this.content.text();
	}

	@Override
	@JsonProperty("role")
	public Role role() {
		return Role.SYSTEM;
	}

}
