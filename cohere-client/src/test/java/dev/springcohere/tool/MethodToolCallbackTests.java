package dev.springcohere.tool;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.springcohere.annotation.CohereTool;
import dev.springcohere.annotation.ToolParam;
import dev.springcohere.api.DocumentContent;
import dev.springcohere.api.TextContent;
import dev.springcohere.api.Tool;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests {@link MethodToolCallback}: definitions, argument conversion and validation,
 * context injection, results and failures.
 */
class MethodToolCallbackTests {

	private final JsonSchemaGenerator generator = new JsonSchemaGenerator();

	private final JsonMapper mapper = JsonMapper.builder().build();

	enum Unit {

		CELSIUS, FAHRENHEIT

	}

	record Stop(String city, LocalDate day) {
	}

	record Forecast(String city, int temperature, Unit unit) {
	}

	static class Tools {

		@CohereTool(name = "get_forecast", description = "Forecast for a city")
		public Forecast forecast(@ToolParam(description = "City") String city, Unit unit, Optional<Integer> days,
				int count, @Nullable String note) {
			return new Forecast(city + "|" + days.map(String::valueOf).orElse("none") + "|" + count + "|" + note, 21,
					unit);
		}

		@CohereTool
		public String plan(List<Stop> stops, @ToolParam(name = "max_stops") int maxStops, ToolContext context) {
			return stops.size() + " stops until " + stops.get(stops.size() - 1).day() + ", max " + maxStops + " for "
					+ context.conversationId().orElse("?") + "/" + context.get("user", String.class).orElse("?");
		}

		@CohereTool
		public void reset(String what) {
		}

		@CohereTool
		public @Nullable String nothing(String what) {
			return null;
		}

		@CohereTool
		public ToolResult raw(String what) {
			return ToolResult.ofText("raw " + what);
		}

		@CohereTool
		public int count(String what) {
			return what.length();
		}

		@CohereTool
		public List<Forecast> week(String city) {
			return List.of(new Forecast(city, 20, Unit.CELSIUS));
		}

		@CohereTool
		public int total(Map<String, Integer> counts) {
			return counts.values().stream().mapToInt(Integer::intValue).sum();
		}

		@CohereTool
		public String explode(String why) {
			throw new IllegalStateException("boom: " + why);
		}

		@CohereTool
		String hidden(String what) {
			return "hidden " + what;
		}

	}

	private MethodToolCallback tool(String name) {
		Tools tools = new Tools();
		return ToolScanner.toolMethods(Tools.class)
			.stream()
			.filter((method) -> method.getName().equals(name))
			.map((method) -> MethodToolCallback.of(tools, method, this.generator))
			.findFirst()
			.orElseThrow();
	}

	@Test
	void definitionCarriesNameDescriptionAndSchema() {
		Tool definition = tool("forecast").definition();
		assertThat(definition.type()).isEqualTo("function");
		assertThat(definition.function().name()).isEqualTo("get_forecast");
		assertThat(definition.function().description()).isEqualTo("Forecast for a city");
		JsonNode parameters = definition.function().parameters();
		assertThat(parameters.path("properties").propertyNames()).containsExactly("city", "unit", "days", "count",
				"note");
		assertThat(parameters.path("required").toString()).isEqualTo("[\"city\",\"unit\",\"count\"]");
		assertThat(tool("count").definition().function().description()).isNull();
		assertThat(tool("forecast")).hasToString(
				"tool 'get_forecast' (" + Tools.class.getName() + "#forecast(String, Unit, Optional, int, String))");
	}

	@Test
	void argumentsAreConvertedAndTheResultIsAJsonDocument() {
		ToolResult result = tool("forecast").call("{\"city\":\"Paris\",\"unit\":\"CELSIUS\",\"days\":3,\"count\":2}",
				ToolContext.empty());
		assertThat(result.isError()).isFalse();
		assertThat(result.content()).singleElement()
			.isInstanceOfSatisfying(DocumentContent.class,
					(document) -> assertThat(document.document().data().toString())
						.isEqualTo("{\"city\":\"Paris|3|2|null\",\"temperature\":21,\"unit\":\"CELSIUS\"}"));
	}

	@Test
	void absentOptionalArgumentsAndNullsBecomeEmptyValues() {
		ToolResult result = tool("forecast").call(
				"{\"city\":\"Oslo\",\"unit\":\"FAHRENHEIT\",\"count\":1," + "\"days\":null,\"note\":null}",
				ToolContext.empty());
		assertThat(result.isError()).isFalse();
		assertThat(result.content().toString()).contains("Oslo|none|1|null");
	}

	@Test
	void nestedRecordsDatesRenamedParametersAndContextAreInjected() {
		ToolContext context = ToolContext.of("conv-7", Map.of("user", "ada"));
		ToolResult result = tool("plan").call("{\"stops\":[{\"city\":\"Lyon\",\"day\":\"2025-05-01\"},"
				+ "{\"city\":\"Nice\",\"day\":\"2025-05-04\"}],\"max_stops\":5}", context);
		assertThat(result).isEqualTo(ToolResult.ofText("2 stops until 2025-05-04, max 5 for conv-7/ada"));
		assertThat(tool("plan").definition().function().parameters().path("properties").propertyNames())
			.containsExactly("stops", "max_stops");
	}

	@Test
	void returnValuesMapToTextDocumentsOrFixedTexts() {
		assertThat(tool("reset").call("{\"what\":\"x\"}", ToolContext.empty()))
			.isEqualTo(ToolResult.ofText(MethodToolCallback.VOID_RESULT));
		assertThat(tool("nothing").call("{\"what\":\"x\"}", ToolContext.empty()))
			.isEqualTo(ToolResult.ofText(MethodToolCallback.NULL_RESULT));
		assertThat(tool("raw").call("{\"what\":\"x\"}", ToolContext.empty())).isEqualTo(ToolResult.ofText("raw x"));
		assertThat(tool("count").call("{\"what\":\"four\"}", ToolContext.empty()))
			.isEqualTo(ToolResult.ofJson(this.mapper.readTree("4")));
		assertThat(tool("week").call("{\"city\":\"Bergen\"}", ToolContext.empty()))
			.isEqualTo(ToolResult.ofJson(this.mapper
				.readTree("{\"value\":[{\"city\":\"Bergen\",\"temperature\":20," + "\"unit\":\"CELSIUS\"}]}")));
		assertThat(tool("hidden").call("{\"what\":\"x\"}", ToolContext.empty()))
			.isEqualTo(ToolResult.ofText("hidden x"));
	}

	@Test
	void invalidArgumentsBecomeAnErrorResultWithPathsAndTheSchema() {
		ToolResult result = tool("forecast").call("{\"city\":5,\"unit\":\"KELVIN\",\"extra\":true}",
				ToolContext.empty());
		assertThat(result.isError()).isTrue();
		String text = text(result.content().get(0));
		assertThat(text).startsWith("Tool 'get_forecast' was not run: its arguments do not match the schema:\n- ")
			.contains("- /city: integer found, string expected")
			.contains("- /unit: ")
			.contains("- /: required property 'count' not found")
			.contains("'extra'")
			.contains("Call it again with arguments that match this JSON schema: {\"type\":\"object\"");
	}

	@Test
	void malformedOrNonObjectArgumentsBecomeErrorResults() {
		ToolResult malformed = tool("count").call("{\"what\":", ToolContext.empty());
		assertThat(malformed.isError()).isTrue();
		assertThat(text(malformed.content().get(0))).contains("the arguments are not valid JSON");
		ToolResult array = tool("count").call("[1]", ToolContext.empty());
		assertThat(text(array.content().get(0))).contains("the arguments are array, not a JSON object");
	}

	@Test
	void conversionFailuresAfterValidationBecomeErrorResults() {
		ToolResult result = tool("plan")
			.call("{\"stops\":[{\"city\":\"Lyon\",\"day\":\"not a date\"}]," + "\"max_stops\":1}", ToolContext.empty());
		assertThat(result.isError()).isTrue();
		assertThat(text(result.content().get(0))).contains("/stops").contains("not a date");
	}

	@Test
	void mapsAcceptAnyKeyWithValuesOfTheirType() {
		assertThat(tool("total").call("{\"counts\":{\"a\":2,\"b\":3}}", ToolContext.empty()))
			.isEqualTo(ToolResult.ofJson(this.mapper.readTree("5")));
		ToolResult invalid = tool("total").call("{\"counts\":{\"a\":\"two\"}}", ToolContext.empty());
		assertThat(invalid.content().toString()).contains("/counts/a: string found, integer expected");
	}

	@Test
	void aThrowingToolBecomesAnErrorResult() {
		ToolResult result = tool("explode").call("{\"why\":\"testing\"}", ToolContext.empty());
		assertThat(result).isEqualTo(ToolResult.error("Tool 'explode' failed: IllegalStateException: boom: testing"));
	}

	private static String text(Object block) {
		return ((TextContent) block).text();
	}

}
