package dev.springcohere.api;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * A text content block ({@code {"type": "text", "text": "..."}}), allowed in messages of
 * every role.
 *
 * @param text the text
 * @since 0.1.0
 */
@JsonDeserialize
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(value = "type", allowGetters = true, ignoreUnknown = true)
@JsonPropertyOrder({ "type", "text" })
public record TextContent(
		String text) implements UserContentBlock, SystemContentBlock, AssistantContentBlock, ToolContentBlock {

	/**
	 * Creates a text block.
	 * @param text the text
	 */
	public TextContent {
		Objects.requireNonNull(text, "'text' must not be null");
	}

	/**
	 * Creates a text block.
	 * @param text the text
	 * @return the block
	 */
	public static TextContent of(String text) {
		return new TextContent(text);
	}

	@Override
	@JsonProperty("type")
	public ContentType type() {
		return ContentType.TEXT;
	}

}
