package dev.springcohere.api;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;

/**
 * The format of the answer (request {@code response_format}, spec
 * {@code ResponseFormatV2}): free text, or a JSON object that optionally follows a JSON
 * schema ({@code json_schema}; the v1 name {@code schema} is not used).
 *
 * @param type the format type
 * @param jsonSchema the JSON schema the object must follow (for {@code json_object}; a
 * copy is kept), or {@code null}
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({ "type", "json_schema" })
public record ResponseFormat(ResponseFormatType type, @JsonProperty("json_schema") @Nullable JsonNode jsonSchema) {

	/**
	 * Creates a response format.
	 * @param type the format type
	 * @param jsonSchema the schema, or {@code null}
	 */
	public ResponseFormat {
		Objects.requireNonNull(type, "'type' must not be null");
		jsonSchema = (jsonSchema != null) ? jsonSchema.deepCopy() : null;
	}

	/**
	 * Returns the free text format.
	 * @return the format
	 */
	public static ResponseFormat text() {
		return new ResponseFormat(ResponseFormatType.TEXT, null);
	}

	/**
	 * Returns the JSON object format without a schema.
	 * @return the format
	 */
	public static ResponseFormat jsonObject() {
		return new ResponseFormat(ResponseFormatType.JSON_OBJECT, null);
	}

	/**
	 * Returns the JSON object format following a schema.
	 * @param jsonSchema the JSON schema, whose root must be an object
	 * @return the format
	 */
	public static ResponseFormat jsonObject(JsonNode jsonSchema) {
		Objects.requireNonNull(jsonSchema, "'jsonSchema' must not be null");
		return new ResponseFormat(ResponseFormatType.JSON_OBJECT, jsonSchema);
	}

	/**
	 * Returns a copy of the JSON schema.
	 * @return the schema, or {@code null}
	 */
	@Override
	public @Nullable JsonNode jsonSchema() {
		return (this.jsonSchema != null) ? this.jsonSchema.deepCopy() : null;
	}

}
