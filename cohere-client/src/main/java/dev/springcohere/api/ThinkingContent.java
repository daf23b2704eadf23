package dev.springcohere.api;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * The model's reasoning ({@code {"type": "thinking", "thinking": "..."}}), in assistant
 * messages.
 *
 * @param thinking the reasoning text
 * @since 0.1.0
 */
@JsonDeserialize
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(value = "type", allowGetters = true, ignoreUnknown = true)
@JsonPropertyOrder({ "type", "thinking" })
public record ThinkingContent(String thinking) implements AssistantContentBlock {

	/**
	 * Creates a thinking block.
	 * @param thinking the reasoning text
	 */
	public ThinkingContent {
		Objects.requireNonNull(thinking, "'thinking' must not be null");
	}

	/**
	 * Creates a thinking block.
	 * @param thinking the reasoning text
	 * @return the block
	 */
	public static ThinkingContent of(String thinking) {
		return new ThinkingContent(thinking);
	}

	@Override
	@JsonProperty("type")
	public ContentType type() {
		return ContentType.THINKING;
	}

}
