package dev.springcohere.api.v1;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The result of one v1 tool call (spec {@code ToolResult}): the call it answers and its
 * outputs, each a JSON object.
 *
 * @param call the call answered
 * @param outputs the outputs, JSON objects, possibly empty
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({ "call", "outputs" })
public record V1ToolResult(V1ToolCall call, List<JsonNode> outputs) {

	/**
	 * Creates a result.
	 * @param call the call answered
	 * @param outputs the outputs (JSON objects), or {@code null} for none
	 */
	public V1ToolResult(V1ToolCall call, @Nullable List<JsonNode> outputs) {
		this.call = Objects.requireNonNull(call, "'call' must not be null");
		this.outputs = (outputs != null) ? outputs.stream().map(V1ToolResult::object).toList() : List.of();
	}

	private static JsonNode object(JsonNode output) {
		Objects.requireNonNull(output, "'outputs' must not hold null");
		if (!output.isObject()) {
			throw new IllegalArgumentException("Each output of a v1 tool result must be a JSON object, got: " + output);
		}
		return output.deepCopy();
	}

}
