package dev.springcohere.springai;

import java.util.Map;

import dev.springcohere.annotation.CohereTool;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.ai.chat.model.ToolContext;
import org.springframework.ai.tool.ToolCallback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CohereToolCallbacksTests {

	record Forecast(String city, int high) {
	}

	static class Tools {

		@CohereTool(description = "Forecast for a city")
		public Forecast forecast(String city, int days) {
			return new Forecast(city, 20 + days);
		}

		@CohereTool(description = "Greets the caller's tenant")
		public String greet(String name, dev.springcohere.tool.ToolContext context) {
			return "hello " + name + " from " + context.get("tenant", String.class).orElse("?");
		}

	}

	private final ToolCallback[] callbacks = CohereToolCallbacks.from(new Tools());

	private ToolCallback named(String name) {
		for (ToolCallback callback : this.callbacks) {
			if (callback.getToolDefinition().name().equals(name)) {
				return callback;
			}
		}
		throw new AssertionError("no tool " + name);
	}

	@Test
	void definitionCarriesNameDescriptionAndGeneratedSchema() {
		ToolCallback forecast = named("forecast");

		assertThat(forecast.getToolDefinition().description()).isEqualTo("Forecast for a city");
		JsonNode schema = Fixtures.json(forecast.getToolDefinition().inputSchema());
		assertThat(schema.get("type").asString()).isEqualTo("object");
		assertThat(schema.get("properties").has("city")).isTrue();
		assertThat(schema.get("properties").get("days").get("type").asString()).isEqualTo("integer");
	}

	@Test
	void callRunsTheMethodAndAnswersJsonForObjects() {
		String result = named("forecast").call("{\"city\":\"Oslo\",\"days\":3}");

		assertThat(Fixtures.json(result)).isEqualTo(Fixtures.json("{\"city\":\"Oslo\",\"high\":23}"));
	}

	@Test
	void invalidArgumentsAreAnsweredAsAnErrorTextNotThrown() {
		String result = named("forecast").call("{\"city\":\"Oslo\",\"days\":\"many\"}");

		assertThat(result).contains("was not run").contains("days");
	}

	@Test
	void springAiToolContextReachesTheMethod() {
		String result = named("greet").call("{\"name\":\"Ann\"}", new ToolContext(Map.of("tenant", "acme")));

		assertThat(result).isEqualTo("hello Ann from acme");
	}

	@Test
	void anObjectWithoutToolsIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> CohereToolCallbacks.from(new Object()));
	}

}
