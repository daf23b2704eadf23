package dev.springcohere.api.v1;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The v1 {@code response_format} (spec {@code ResponseFormat}): {@code text}, or
 * {@code json_object} with an optional JSON {@code schema} (v2 calls this field
 * {@code json_schema}).
 *
 * @param type {@code text} or {@code json_object}
 * @param schema the JSON schema the answer follows, or {@code null}
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({ "type", "schema" })
public record V1ResponseFormat(String type, @Nullable JsonNode schema) {

	/**
	 * Checks the type.
	 * @param type the type
	 * @param schema the schema, or {@code null}
	 */
	public V1ResponseFormat {
		Objects.requireNonNull(type, "'type' must not be null");
		schema = (schema != null) ? schema.deepCopy() : null;
	}

	/**
	 * Plain text answers.
	 * @return the format
	 */
	public static V1ResponseFormat text() {
		return new V1ResponseFormat("text", null);
	}

	/**
	 * JSON answers, following a schema when one is given.
	 * @param schema the schema, or {@code null} for any JSON object
	 * @return the format
	 */
	public static V1ResponseFormat jsonObject(@Nullable JsonNode schema) {
		return new V1ResponseFormat("json_object", schema);
	}

	/**
	 * Returns a copy of the schema.
	 * @return the schema, or {@code null}
	 */
	@Override
	public @Nullable JsonNode schema() {
		return (this.schema != null) ? this.schema.deepCopy() : null;
	}

}
