package dev.springcohere.api;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

/**
 * A tool call the model asks for (spec {@code ToolCallV2}); answer it with a
 * {@link ToolMessage} carrying the same {@link #id()}.
 *
 * @param id the call id
 * @param type the call type, {@code "function"}
 * @param function the function to call, or {@code null} if the server sent none
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({ "id", "type", "function" })
public record ToolCall(@Nullable String id, @Nullable String type, @Nullable Function function) {

	/** The only call type the API defines. */
	public static final String FUNCTION = "function";

	/**
	 * Creates a function call.
	 * @param id the call id
	 * @param name the function name
	 * @param arguments the arguments, a JSON object as text
	 * @return the call
	 */
	public static ToolCall of(String id, String name, String arguments) {
		Objects.requireNonNull(id, "'id' must not be null");
		return new ToolCall(id, FUNCTION, new Function(name, arguments));
	}

	/**
	 * A function call: its name and its arguments as JSON <em>text</em> (the API sends a
	 * string, not an object).
	 *
	 * @param name the function name
	 * @param arguments the arguments, a JSON object written as a string
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	@JsonIgnoreProperties(ignoreUnknown = true)
	@JsonPropertyOrder({ "name", "arguments" })
	public record Function(@Nullable String name, @Nullable String arguments) {

	}

}
