package dev.springcohere.tool;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.springcohere.annotation.CohereTool;
import dev.springcohere.annotation.ToolParam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests {@link StrictSchemaChecker}: the messages promised for schemas outside Cohere's
 * strict subset, and the choices made where Cohere's documentation is silent.
 */
class StrictSchemaCheckerTests {

	private final StrictSchemaChecker checker = new StrictSchemaChecker();

	private final JsonMapper mapper = JsonMapper.builder().build();

	record Limits(@Min(1) int count, @Size(max = 3) String code) {
	}

	static class BadTools {

		@CohereTool(description = "Searches")
		public String search(@Min(1) int page, Limits limits) {
			return "";
		}

		@CohereTool
		public String allOptional(Optional<String> query, @ToolParam(required = false) String sort) {
			return "";
		}

		@CohereTool
		public String lookup(Map<String, String> filters, @Pattern(regexp = "^[a-z]+$") String code) {
			return "";
		}

	}

	static class GoodTools {

		@CohereTool
		public String weather(String city, Optional<String> unit) {
			return city;
		}

	}

	@Test
	void strictScanReportsEveryViolationWithClassMethodParameterAndFix() {
		ToolScanner scanner = new ToolScanner(new JsonSchemaGenerator(), true);
		assertThatExceptionOfType(StrictSchemaException.class).isThrownBy(() -> scanner.scan(new BadTools()))
			.satisfies((ex) -> {
				String message = ex.getMessage();
				assertThat(message).contains("tool 'search' (" + BadTools.class.getName() + "#search(int, Limits))")
					.contains(
							"page (/properties/page): [tool 'search'] keyword 'minimum' is not supported; remove @Min")
					.contains("limits.count (/properties/limits/properties/count)")
					.contains("limits.code (/properties/limits/properties/code): [tool 'search'] keyword 'maxLength'"
							+ " is not supported; remove @Size")
					.contains("tool 'allOptional' (" + BadTools.class.getName() + "#allOptional(Optional, String))")
					.contains("(root) (/): [tool 'allOptional'] no parameter or property is required; make at least"
							+ " one property required: remove Optional, @Nullable or @ToolParam(required = false) from"
							+ " one of [query, sort]")
					.contains("filters (/properties/filters): [tool 'lookup'] an object without declared properties"
							+ " (such as a Map, Object or JsonNode); use a record or class with fixed properties")
					.contains("code (/properties/code): [tool 'lookup'] pattern '^[a-z]+$' uses the anchor '^'");
				assertThat(ex.getViolations()).hasSize(6);
			});
	}

	@Test
	void nonStrictScanKeepsConstraintKeywords() {
		List<ToolCallback> tools = new ToolScanner().scan(new BadTools());
		assertThat(tools).extracting(ToolCallback::name).containsExactly("allOptional", "lookup", "search");
	}

	@Test
	void fittingToolsPassTheStrictScan() {
		assertThat(new ToolScanner(new JsonSchemaGenerator(), true).scan(new GoodTools())).hasSize(1);
	}

	@Test
	void unsupportedKeywordsFormatsTypesAndReferencesAreReported() {
		JsonNode schema = this.mapper.readTree("""
				{"type": "object", "additionalProperties": false, "required": ["a", "missing"],
				 "properties": {
				   "a": {"type": "string", "format": "email"},
				   "b": {"oneOf": [{"type": "string"}]},
				   "c": {"type": ["string", "null"]},
				   "d": {"$ref": "#/$defs/Nowhere"},
				   "e": {"const": {"x": 1}},
				   "f": {"type": "array", "items": {"type": "string"}, "uniqueItems": true},
				   "g": {"type": "string", "pattern": "a(?=b)"}
				 }}
				""");
		assertThat(this.checker.check(schema)).extracting(StrictSchemaViolation::toString)
			.containsExactlyInAnyOrder(
					"(root) (/): required property \"missing\" is not in 'properties'; declare the property or remove it"
							+ " from 'required'",
					"a (/properties/a): format 'email' is not supported; use a type without a format, or one of"
							+ " LocalDate, LocalTime, Instant, OffsetDateTime, UUID",
					"b (/properties/b): keyword 'oneOf' is not supported; use one concrete record type here (no"
							+ " polymorphic subtypes or schema composition)",
					"c (/properties/c): 'type' is [\"string\",\"null\"], not a single type name; make the property"
							+ " non-nullable and leave it out of 'required' instead",
					"d (/properties/d): '$ref' \"#/$defs/Nowhere\" does not point to an entry of the root '$defs';"
							+ " generate the schema with JsonSchemaGenerator, which hoists definitions",
					"e (/properties/e): 'const' holds object value; use a string, number, boolean or null constant",
					"f (/properties/f): keyword 'uniqueItems' is not supported; declare a List instead of a Set, or"
							+ " leave strict mode (uniqueItems is accepted only in non-strict tool use)",
					"g (/properties/g): pattern 'a(?=b)' uses a lookahead; remove anchors and lookaheads from @Pattern"
							+ " (Cohere matches the whole value anyway)");
	}

	@Test
	void rootMustBeAnObjectAndNestedObjectsNeedARequiredProperty() {
		assertThat(this.checker.check(this.mapper.readTree("{\"type\": \"array\", \"items\": {\"type\": \"string\"}}")))
			.extracting(StrictSchemaViolation::problem)
			.containsExactly("the root schema is not of type 'object'");
		JsonNode nested = this.mapper.readTree("""
				{"type": "object", "additionalProperties": false, "required": ["inner"],
				 "properties": {"inner": {"type": "object", "additionalProperties": false,
				   "properties": {"x": {"type": "string"}}}}}
				""");
		assertThat(this.checker.check(nested))
			.extracting(StrictSchemaViolation::pointer, StrictSchemaViolation::problem)
			.containsExactly(
					org.assertj.core.groups.Tuple.tuple("/properties/inner", "this object has no required property"));
	}

	@Test
	void untypedValuesAreRejected() {
		JsonNode schema = this.mapper.readTree(
				"{\"type\":\"object\",\"additionalProperties\":false,\"required\":[\"v\"],\"properties\":{\"v\":{}}}");
		assertThat(this.checker.check(schema)).extracting(StrictSchemaViolation::toString)
			.containsExactly("v (/properties/v): a value without a type (such as Object or JsonNode); use a concrete"
					+ " Java type here");
	}

	@Test
	void anyOfIsAcceptedFollowingTheV2Documentation() {
		JsonNode schema = this.mapper.readTree("""
				{"type": "object", "additionalProperties": false, "required": ["v"],
				 "properties": {"v": {"anyOf": [{"type": "string"}, {"type": "integer"}]}}}
				""");
		assertThat(this.checker.check(schema)).isEmpty();
	}

	@Test
	void nestingDepthIsUnlimitedByDefaultAndCanBeLimited() {
		JsonNode schema = this.mapper.readTree("""
				{"type": "object", "additionalProperties": false, "required": ["a"],
				 "properties": {"a": {"type": "object", "additionalProperties": false, "required": ["b"],
				   "properties": {"b": {"type": "object", "additionalProperties": false, "required": ["c"],
				     "properties": {"c": {"type": "string"}}}}}}}
				""");
		assertThat(this.checker.check(schema)).isEmpty();
		assertThat(new StrictSchemaChecker(2).check(schema)).extracting(StrictSchemaViolation::toString)
			.containsExactly("a.b (/properties/a/properties/b): objects nest 3 levels deep, more than the 2 allowed;"
					+ " flatten the nested record types");
	}

	@Test
	void propertiesCountAtEveryLevelAndDefinitionsOnce() {
		JsonNode schema = new JsonSchemaGenerator().parametersSchema(method(SchemaSignatures.class, "nested"));
		// person(6 properties) + pojo(2) + top level(2) + Address once in $defs(3)
		assertThat(StrictSchemaChecker.countProperties(schema)).isEqualTo(13);
	}

	@Test
	void moreThanTwoHundredPropertiesAcrossStrictToolsAreRejected() {
		StringBuilder properties = new StringBuilder();
		for (int i = 0; i < 101; i++) {
			properties.append((i > 0) ? "," : "").append("\"p").append(i).append("\":{\"type\":\"string\"}");
		}
		JsonNode schema = this.mapper.readTree("{\"type\":\"object\",\"additionalProperties\":false,"
				+ "\"required\":[\"p0\"],\"properties\":{" + properties + "}}");
		ToolCallback first = new FixedTool(dev.springcohere.api.Tool.function("first", null, schema));
		ToolCallback second = new FixedTool(dev.springcohere.api.Tool.function("second", null, schema));
		this.checker.requireStrictTools(List.of(first));
		assertThatExceptionOfType(StrictSchemaException.class)
			.isThrownBy(() -> this.checker.requireStrictTools(List.of(first, second)))
			.withMessageContaining(
					"the tools declare 202 properties in all, more than the 200 Cohere allows with" + " strict_tools");
	}

	@Test
	void violationPathNamesListItemsAndDefinitions() {
		assertThat(new StrictSchemaViolation("/properties/people/items/properties/zip", "p", "f").path())
			.isEqualTo("people[].zip");
		assertThat(new StrictSchemaViolation("/$defs/Address/properties/zip", "p", "f").path())
			.isEqualTo("Address.zip");
		assertThat(new StrictSchemaViolation("", "p", "f").path()).isEqualTo("(root)");
	}

	static java.lang.reflect.Method method(Class<?> type, String name) {
		return java.util.Arrays.stream(type.getDeclaredMethods())
			.filter((method) -> method.getName().equals(name))
			.findFirst()
			.orElseThrow();
	}

	record FixedTool(dev.springcohere.api.Tool definition) implements ToolCallback {

		@Override
		public ToolResult call(String arguments, ToolContext context) {
			return ToolResult.ofText(arguments);
		}

	}

}
