package dev.springcohere.api.v1;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * A v1 tool call (spec {@code ToolCall}): the tool's name and its parameters as a JSON
 * object. v1 tool calls have no ids.
 *
 * @param name the tool name
 * @param parameters the parameters, a JSON object (empty when the call has none)
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({ "name", "parameters" })
public record V1ToolCall(String name, JsonNode parameters) {

	/**
	 * Creates a call.
	 * @param name the tool name
	 * @param parameters the parameters, or {@code null} for none
	 */
	public V1ToolCall(String name, @Nullable JsonNode parameters) {
		Objects.requireNonNull(name, "'name' must not be null");
		if (parameters != null && !parameters.isObject() && !parameters.isNull()) {
			throw new IllegalArgumentException(
					"The parameters of the v1 tool call '" + name + "' must be a JSON object, got: " + parameters);
		}
		this.name = name;
		this.parameters = (parameters != null && parameters.isObject()) ? parameters.deepCopy()
				: JsonNodeFactory.instance.objectNode();
	}

	/**
	 * Returns a copy of the parameters.
	 * @return the parameters
	 */
	@Override
	public JsonNode parameters() {
		return this.parameters.deepCopy();
	}

}
