package dev.springcohere.api;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * A citation source of a type this library does not know, kept as received and written
 * back unchanged.
 *
 * @param raw the source as received (a copy is kept)
 * @since 0.1.0
 */
@JsonDeserialize
public record UnknownSource(JsonNode raw) implements Source {

	/**
	 * Creates an unknown source.
	 * @param raw the source as received, a JSON object
	 */
	@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
	public UnknownSource {
		Objects.requireNonNull(raw, "'raw' must not be null");
		raw = raw.deepCopy();
	}

	@Override
	public String type() {
		return this.raw.path("type").asString("");
	}

	@Override
	public @Nullable String id() {
		JsonNode id = this.raw.get("id");
		return (id != null && id.isString()) ? id.asString() : null;
	}

	/**
	 * Returns a copy of the source as received.
	 * @return the raw JSON
	 */
	@Override
	@JsonValue
	public JsonNode raw() {
		return this.raw.deepCopy();
	}

}
