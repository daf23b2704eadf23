package dev.springcohere.tool;

import java.util.List;
import java.util.Objects;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import tools.jackson.databind.JsonNode;

/**
 * Validates JSON values against one JSON schema (draft 2020-12), for tool arguments and
 * structured answers. Thread-safe.
 *
 * @since 0.1.0
 */
public final class SchemaValidator {

	private final JsonNode schemaNode;

	private final Schema schema;

	/**
	 * Compiles a schema.
	 * @param schema the schema, with its definitions in the root {@code $defs}
	 */
	public SchemaValidator(JsonNode schema) {
		Objects.requireNonNull(schema, "'schema' must not be null");
		this.schemaNode = schema.deepCopy();
		this.schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(this.schemaNode);
		this.schema.initializeValidators();
	}

	/**
	 * Returns a copy of the schema.
	 * @return the schema
	 */
	public JsonNode schema() {
		return this.schemaNode.deepCopy();
	}

	/**
	 * Validates a value.
	 * @param value the value
	 * @return the errors, each as {@code <JSON pointer of the value>: <message>}, the
	 * root being {@code /}; empty when the value is valid
	 */
	public List<String> validate(JsonNode value) {
		Objects.requireNonNull(value, "'value' must not be null");
		List<Error> errors = this.schema.validate(value);
		return errors.stream().map(SchemaValidator::describe).toList();
	}

	private static String describe(Error error) {
		String location = String.valueOf(error.getInstanceLocation());
		return (location.isEmpty() ? "/" : location) + ": " + error.getMessage();
	}

}
