package dev.springcohere.tool;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.springcohere.annotation.CohereTool;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Property tests of the tool-argument validation: whatever text the model sends as the
 * arguments (random, truncated, mutated JSON), a tool call gives a result and never
 * throws or hangs, and the method only runs with arguments that satisfy its schema.
 */
class ToolArgumentPropertiesTests {

	private static final String VALID = """
			{"city":"Oslo","days":3,"unit":"CELSIUS","stops":[{"name":"a","minutes":5}],"note":"x"}""";

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private final Trips trips = new Trips();

	private final ToolCallback tool = new ToolScanner().scan(this.trips).get(0);

	private final SchemaValidator validator = new SchemaValidator(this.tool.definition().function().parameters());

	@Property(tries = 1000, seed = "20261205")
	void anyArgumentTextGivesAResultAndTheMethodRunsOnlyOnValidArguments(@ForAll("arguments") String arguments) {
		int before = this.trips.runs.get();
		ToolResult result = assertTimeoutPreemptively(Duration.ofSeconds(5),
				() -> this.tool.call(arguments, ToolContext.empty()));
		assertThat(result).isNotNull();
		boolean ran = this.trips.runs.get() > before;
		boolean valid = isValid(arguments);
		if (ran) {
			assertThat(valid).as("the tool ran on arguments that violate its schema: %s", arguments).isTrue();
			assertThat(result.isError()).isFalse();
		}
		else {
			assertThat(result.isError()).as("no error result for arguments the tool did not run on: %s", arguments)
				.isTrue();
		}
	}

	@Property(tries = 500, seed = "20261205")
	void theValidatorNeverThrowsOnAnyJson(@ForAll("json") String json) {
		JsonNode node = MAPPER.readTree(json);
		assertThat(this.validator.validate(node)).isNotNull();
	}

	private boolean isValid(String arguments) {
		try {
			JsonNode node = MAPPER.readTree(arguments);
			return node != null && node.isObject() && this.validator.validate(node).isEmpty();
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	@Provide
	Arbitrary<String> arguments() {
		Arbitrary<String> truncated = Arbitraries.integers()
			.between(0, VALID.length())
			.map((end) -> VALID.substring(0, end));
		Arbitrary<String> mutated = Arbitraries.of("\"Oslo\"", "3", "\"CELSIUS\"", "\"a\"", "5", "\"x\"")
			.flatMap((original) -> json().map((value) -> VALID.replaceFirst(java.util.regex.Pattern.quote(original),
					java.util.regex.Matcher.quoteReplacement(value))));
		Arbitrary<String> random = Arbitraries.strings().ofMaxLength(60);
		return Arbitraries.oneOf(truncated, mutated, random, json(), Arbitraries.just(VALID));
	}

	@Provide
	Arbitrary<String> json() {
		return Arbitraries.recursive(
				() -> Arbitraries.oneOf(
						Arbitraries.of("null", "true", "false", "0", "-1", "1e400", "3.5", "99999999999", "\"\"",
								"\"CELSIUS\"", "\"\\u0000\"", "\"é😀\""),
						Arbitraries.strings().alpha().ofMaxLength(6).map((text) -> "\"" + text + "\"")),
				(element) -> Arbitraries.oneOf(
						element.list().ofMaxSize(3).map((items) -> "[" + String.join(",", items) + "]"),
						element.list().ofMaxSize(3).map((values) -> {
							List<String> keys = List.of("city", "days", "unit", "stops", "name", "minutes", "other");
							StringBuilder object = new StringBuilder("{");
							for (int i = 0; i < values.size(); i++) {
								object.append((i > 0) ? "," : "")
									.append('"')
									.append(keys.get((values.get(i).length() + i) % keys.size()))
									.append("\":")
									.append(values.get(i));
							}
							return object.append('}').toString();
						})),
				4);
	}

	/** The unit of a trip. */
	public enum Unit {

		/** Celsius. */
		CELSIUS,
		/** Fahrenheit. */
		FAHRENHEIT

	}

	/**
	 * A stop of a trip.
	 *
	 * @param name the place
	 * @param minutes how long
	 */
	public record Stop(String name, @Min(1) @Max(600) int minutes) {
	}

	/**
	 * A tool whose schema has strings, bounded integers, an enum, nested records and a
	 * list.
	 */
	public static final class Trips {

		final AtomicInteger runs = new AtomicInteger();

		@CohereTool(name = "plan_trip", description = "Plans a trip")
		public String plan(String city, @Min(1) @Max(14) int days, Unit unit, List<Stop> stops, String note) {
			this.runs.incrementAndGet();
			assertThat(city).isNotNull();
			assertThat(days).isBetween(1, 14);
			assertThat(unit).isNotNull();
			assertThat(stops).allSatisfy((stop) -> assertThat(stop.minutes()).isBetween(1, 600));
			return "planned " + days + " days in " + city;
		}

	}

}
