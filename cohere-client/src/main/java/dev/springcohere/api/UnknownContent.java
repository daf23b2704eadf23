package dev.springcohere.api;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * A content block of a type this library does not know, kept as received and written back
 * unchanged.
 *
 * @param raw the block as received (a copy is kept)
 * @since 0.1.0
 */
@JsonDeserialize
public record UnknownContent(
		JsonNode raw) implements UserContentBlock, SystemContentBlock, AssistantContentBlock, ToolContentBlock {

	/**
	 * Creates an unknown block; the node must be an object with a string {@code type}.
	 * @param raw the block as received
	 */
	@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
	public UnknownContent {
		Objects.requireNonNull(raw, "'raw' must not be null");
		if (!raw.path("type").isString()) {
			throw new IllegalArgumentException("A content block needs a string 'type' property, got: " + raw);
		}
		raw = raw.deepCopy();
	}

	@Override
	public ContentType type() {
		return ContentType.of(this.raw.path("type").asString());
	}

	/**
	 * Returns a copy of the block as received.
	 * @return the raw JSON
	 */
	@Override
	@JsonValue
	public JsonNode raw() {
		return this.raw.deepCopy();
	}

}
