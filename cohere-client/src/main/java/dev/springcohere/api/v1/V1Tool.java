package dev.springcohere.api.v1;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

/**
 * A v1 tool (spec {@code Tool}): a name, a description and flat
 * {@code parameter_definitions} whose types are Python type names ({@code str},
 * {@code int}, {@code List[str]}…).
 *
 * @param name the tool name ({@code [A-Za-z_][A-Za-z0-9_]*})
 * @param description what the tool does
 * @param parameterDefinitions the parameters by name, in order, possibly empty
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({ "name", "description", "parameter_definitions" })
public record V1Tool(String name, String description,
		@JsonProperty("parameter_definitions") @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, ParameterDefinition> parameterDefinitions) {

	/**
	 * Creates a tool.
	 * @param name the name
	 * @param description the description ({@code null} becomes empty: the spec requires
	 * one)
	 * @param parameterDefinitions the parameters, or {@code null} for none
	 */
	public V1Tool(String name, @Nullable String description,
			@Nullable Map<String, ParameterDefinition> parameterDefinitions) {
		this.name = Objects.requireNonNull(name, "'name' must not be null");
		this.description = (description != null) ? description : "";
		this.parameterDefinitions = (parameterDefinitions != null)
				? Collections.unmodifiableMap(new LinkedHashMap<>(parameterDefinitions)) : Map.of();
	}

	/**
	 * One parameter of a v1 tool.
	 *
	 * @param description what the parameter means, or {@code null}
	 * @param type the Python type name, such as {@code str} or {@code List[int]}
	 * @param required whether the parameter is required ({@code null}: the server's
	 * default, not required)
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	@JsonIgnoreProperties(ignoreUnknown = true)
	@JsonPropertyOrder({ "description", "type", "required" })
	public record ParameterDefinition(@Nullable String description, String type, @Nullable Boolean required) {

		/**
		 * Checks the type.
		 * @param description the description, or {@code null}
		 * @param type the type name
		 * @param required whether required, or {@code null}
		 */
		public ParameterDefinition {
			Objects.requireNonNull(type, "'type' must not be null");
		}

	}

}
