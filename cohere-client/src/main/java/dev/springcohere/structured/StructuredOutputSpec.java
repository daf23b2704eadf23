package dev.springcohere.structured;

import java.util.List;
import java.util.Objects;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.springcohere.annotation.StructuredOutput;
import dev.springcohere.api.ResponseFormat;
import dev.springcohere.tool.JsonSchemaGenerator;
import dev.springcohere.tool.SchemaValidator;
import dev.springcohere.tool.StrictSchemaChecker;

/**
 * The structured-output contract of one Java type: its JSON schema, the
 * {@code response_format} that asks for it, and the parser that turns an answer back into
 * the type. Create it with {@link StructuredOutputs#spec(Class)}. Immutable and
 * thread-safe.
 *
 * @param <T> the answer type
 * @since 0.1.0
 */
public final class StructuredOutputSpec<T> {

	private final Class<T> type;

	private final String name;

	private final ObjectNode schema;

	private final SchemaValidator validator;

	private final JsonMapper mapper;

	StructuredOutputSpec(Class<T> type, JsonSchemaGenerator generator, StrictSchemaChecker checker) {
		this.type = type;
		StructuredOutput annotation = type.getAnnotation(StructuredOutput.class);
		this.name = (annotation != null && !annotation.name().isBlank()) ? annotation.name().strip()
				: type.getSimpleName();
		ObjectNode generated = generator.schemaFor(type);
		ObjectNode ordered = generator.mapper().createObjectNode();
		ordered.put("title", this.name);
		if (annotation != null && !annotation.description().isBlank()) {
			ordered.put("description", annotation.description().strip());
		}
		generated.remove("title");
		if (ordered.has("description")) {
			generated.remove("description");
		}
		JsonNode definitions = generated.remove("$defs");
		ordered.setAll(generated);
		if (definitions != null) {
			ordered.set("$defs", definitions);
		}
		checker.requireStrict(ordered, "Structured output '" + this.name + "' (" + type.getName() + ")");
		this.schema = ordered;
		this.validator = new SchemaValidator(ordered);
		this.mapper = generator.mapper();
	}

	/**
	 * Returns the answer type.
	 * @return the type
	 */
	public Class<T> type() {
		return this.type;
	}

	/**
	 * Returns the name of the schema: {@link StructuredOutput#name()}, else the simple
	 * class name.
	 * @return the name, also the schema's {@code title}
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Returns a copy of the JSON schema.
	 * @return the schema
	 */
	public JsonNode schema() {
		return this.schema.deepCopy();
	}

	/**
	 * Returns the response format that asks for this type: {@code {type: json_object,
	 * json_schema: ...}}.
	 * @return the response format
	 */
	public ResponseFormat responseFormat() {
		return ResponseFormat.jsonObject(this.schema);
	}

	/**
	 * Parses an answer: surrounding whitespace and a Markdown code fence are removed,
	 * then the JSON is validated against the schema and converted to the type.
	 * @param text the answer's text
	 * @return the value
	 * @throws StructuredOutputException if the text is not JSON, does not match the
	 * schema, or does not convert
	 */
	public T parse(String text) {
		Objects.requireNonNull(text, "'text' must not be null");
		String json = stripFence(text.strip());
		if (json.isEmpty()) {
			throw new StructuredOutputException(this.name, text, List.of("the answer is empty"));
		}
		JsonNode node;
		try {
			node = this.mapper.readTree(json);
		}
		catch (JacksonException ex) {
			throw new StructuredOutputException(this.name, text, List.of("not valid JSON: " + ex.getOriginalMessage()));
		}
		List<String> errors = this.validator.validate(node);
		if (!errors.isEmpty()) {
			throw new StructuredOutputException(this.name, text, errors);
		}
		try {
			return this.mapper.treeToValue(node, this.type);
		}
		catch (JacksonException ex) {
			throw new StructuredOutputException(this.name, text,
					List.of("does not convert to " + this.type.getName() + ": " + ex.getOriginalMessage()));
		}
	}

	@Override
	public String toString() {
		return "StructuredOutputSpec[" + this.name + " -> " + this.type.getName() + "]";
	}

	private static String stripFence(String text) {
		if (!text.startsWith("```")) {
			return text;
		}
		int start = text.indexOf('\n');
		int end = text.lastIndexOf("```");
		return (start < 0 || end <= start) ? text : text.substring(start + 1, end).strip();
	}

}
