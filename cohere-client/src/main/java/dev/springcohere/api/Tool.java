package dev.springcohere.api;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;

/**
 * A tool the model may call (spec {@code ToolV2}).
 *
 * @param type the tool type, {@code "function"}
 * @param function the function definition
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({ "type", "function" })
public record Tool(String type, @Nullable Function function) {

	/** The only tool type the API defines. */
	public static final String FUNCTION = "function";

	/**
	 * Creates a tool.
	 * @param type the tool type
	 * @param function the function definition
	 */
	public Tool {
		Objects.requireNonNull(type, "'type' must not be null");
	}

	/**
	 * Creates a function tool.
	 * @param name the function name
	 * @param description what the function does, or {@code null}
	 * @param parameters the JSON schema of the arguments
	 * @return the tool
	 */
	public static Tool function(String name, @Nullable String description, JsonNode parameters) {
		return new Tool(FUNCTION, new Function(name, description, parameters));
	}

	/**
	 * A function definition: name, description and a JSON schema of its arguments.
	 *
	 * @param name the function name
	 * @param description what the function does, or {@code null}
	 * @param parameters the JSON schema of the arguments (a copy is kept)
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	@JsonIgnoreProperties(ignoreUnknown = true)
	@JsonPropertyOrder({ "name", "description", "parameters" })
	public record Function(String name, @Nullable String description, JsonNode parameters) {

		/**
		 * Creates a function definition.
		 * @param name the function name
		 * @param description the description, or {@code null}
		 * @param parameters the JSON schema of the arguments
		 */
		public Function {
			Objects.requireNonNull(name, "'name' must not be null");
			Objects.requireNonNull(parameters, "'parameters' must not be null");
			parameters = parameters.deepCopy();
		}

		/**
		 * Returns a copy of the JSON schema of the arguments.
		 * @return the schema
		 */
		@Override
		public JsonNode parameters() {
			return this.parameters.deepCopy();
		}

	}

}
