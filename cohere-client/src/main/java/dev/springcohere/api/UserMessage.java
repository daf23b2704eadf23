package dev.springcohere.api;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * A user message ({@code {"role": "user", "content": ...}}).
 *
 * @param content a string or {@link UserContentBlock text and image blocks}
 * @since 0.1.0
 */
@JsonDeserialize
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(value = "role", allowGetters = true, ignoreUnknown = true)
@JsonPropertyOrder({ "role", "content" })
public record UserMessage(MessageContent<UserContentBlock> content) implements ChatMessage {

	/**
	 * Creates a user message.
	 * @param content the content
	 */
	public UserMessage {
		Objects.requireNonNull(content, "'content' must not be null");
	}

	/**
	 * Creates a user message with string content.
	 * @param text the text
	 * @return the message
	 */
	public static UserMessage of(String text) {
		return new UserMessage(MessageContent.of(text));
	}

	/**
	 * Creates a user message with block content, such as text and images.
	 * @param blocks the blocks
	 * @return the message
	 */
	public static UserMessage of(List<? extends UserContentBlock> blocks) {
		return new UserMessage(MessageContent.of(blocks));
	}

	/**
	 * Creates a user message with block content, such as text and images.
	 * @param blocks the blocks
	 * @return the message
	 */
	public static UserMessage of(UserContentBlock... blocks) {
		return of(List.of(blocks));
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
		return Role.USER;
	}

}
