package dev.springcohere.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * A cited tool result (spec {@code ChatToolSource}).
 *
 * @param id the tool call id, or {@code null}
 * @param toolOutput the tool output as the server returns it (a copy is kept), or
 * {@code null}
 * @since 0.1.0
 */
@JsonDeserialize
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(value = "type", allowGetters = true, ignoreUnknown = true)
@JsonPropertyOrder({ "type", "id", "tool_output" })
public record ToolSource(@Nullable String id,
		@JsonProperty("tool_output") @Nullable JsonNode toolOutput) implements Source {

	/** The {@code type} of tool sources. */
	public static final String TYPE = "tool";

	/**
	 * Creates a tool source.
	 * @param id the tool call id, or {@code null}
	 * @param toolOutput the tool output, or {@code null}
	 */
	public ToolSource {
		toolOutput = (toolOutput != null) ? toolOutput.deepCopy() : null;
	}

	/**
	 * Returns a copy of the tool output.
	 * @return the output, or {@code null}
	 */
	@Override
	public @Nullable JsonNode toolOutput() {
		return (this.toolOutput != null) ? this.toolOutput.deepCopy() : null;
	}

	@Override
	@JsonProperty("type")
	public String type() {
		return TYPE;
	}

}
