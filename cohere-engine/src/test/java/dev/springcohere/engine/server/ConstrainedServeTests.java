package dev.springcohere.engine.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.springcohere.engine.backend.LocalBackend;
import dev.springcohere.engine.model.Fixtures;

/**
 * {@code response_format} and {@code tool_choice} through {@code serve}
 * ({@link CohereCompatibleServer} in front of the local backend on the tiny model), as a
 * new user would send them: at temperature 1 with budgets near the shortest answer every
 * reply is a 200 whose JSON validates (never a 500 for a budget that ran out), and a
 * budget below the shortest answer is a 400 naming both numbers.
 */
class ConstrainedServeTests {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private static final String SCHEMA = """
			{"type":"object","properties":{"city":{"type":"string"},"temperature":{"type":"number","minimum":-60,
			 "maximum":60},"unit":{"enum":["C","F"]},"tags":{"type":"array","items":{"type":"string"},"minItems":1},
			 "note":{"type":"string","maxLength":40}},"required":["city","temperature","unit","tags"],
			 "additionalProperties":false}""";

	private static final String TOOL = """
			{"type":"object","properties":{"query":{"type":"string"},"limit":{"type":"integer","minimum":1,
			 "maximum":20}},"required":["query"]}""";

	@TempDir
	static Path dir;

	private static LocalBackend backend;

	private static CohereCompatibleServer server;

	private static HttpClient http;

	@BeforeAll
	static void start() {
		Path checkpoint = Fixtures.checkpointWithTokenizer("tiny-cohere2", dir.resolve("tiny"), 8192);
		backend = LocalBackend.builder(checkpoint).modelName("tiny").threads(1).build();
		server = CohereCompatibleServer.start(backend, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
				null);
		http = HttpClient.newHttpClient();
	}

	@AfterAll
	static void stop() {
		http.close();
		server.close();
		backend.close();
	}

	private static HttpResponse<String> chat(String body) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v2/chat"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String jsonRequest(int maxTokens, long seed, boolean stream) {
		return """
				{"model":"tiny","messages":[{"role":"user","content":"A weather report for Oslo, as JSON"}],
				 "response_format":{"type":"json_object","json_schema":%s},"temperature":1,"seed":%d,
				 "max_tokens":%d,"stream":%s}""".formatted(SCHEMA, seed, maxTokens, stream);
	}

	private static String toolRequest(int maxTokens, long seed) {
		return """
				{"model":"tiny","messages":[{"role":"user","content":"Find the news"}],"tool_choice":"REQUIRED",
				 "strict_tools":true,"tools":[{"type":"function","function":{"name":"search","description":"Searches",
				 "parameters":%s}}],"temperature":1,"seed":%d,"max_tokens":%d}""".formatted(TOOL, seed, maxTokens);
	}

	/** The shortest answer's token count, read from the 400 of a budget of one token. */
	private static int shortest(HttpResponse<String> refused, int asked) {
		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
		assertThat(refused.body()).contains("'max_tokens' is " + asked);
		Matcher m = Pattern.compile("fewer than the (\\d+) tokens").matcher(refused.body());
		assertThat(m.find()).as(refused.body()).isTrue();
		int minimal = Integer.parseInt(m.group(1));
		assertThat(refused.body()).contains("at least " + minimal);
		return minimal;
	}

	private static Schema validator(String schema) {
		return SchemaRegistry
			.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
					(b) -> b.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()))
			.getSchema(MAPPER.readTree(schema));
	}

	@Test
	void responseFormatNearTheShortestAnswerIsAlwaysAValidDocument() throws Exception {
		int minimal = shortest(chat(jsonRequest(1, 1, false)), 1);
		assertThat(chat(jsonRequest(minimal - 1, 1, false)).body()).contains("'max_tokens' is " + (minimal - 1))
			.contains("fewer than the " + minimal + " tokens");
		Schema validator = validator(SCHEMA);
		for (int budget = minimal; budget <= minimal + 12; budget += 3) {
			for (long seed = 1; seed <= 4; seed++) {
				HttpResponse<String> response = chat(jsonRequest(budget, seed, false));
				assertThat(response.statusCode()).as("budget %d seed %d: %s", budget, seed, response.body())
					.isEqualTo(200);
				JsonNode answer = MAPPER.readTree(response.body());
				assertThat(answer.path("finish_reason").asString()).isEqualTo("COMPLETE");
				String text = answer.path("message").path("content").path(0).path("text").asString();
				assertThat(validator.validate(MAPPER.readTree(text))).as("budget %d seed %d: %s", budget, seed, text)
					.isEmpty();
				assertThat(answer.path("usage").path("tokens").path("output_tokens").asDouble())
					.isLessThanOrEqualTo(budget);
			}
		}
	}

	@Test
	void streamedResponseFormatAtTheShortestAnswerEndsWithoutAnError() throws Exception {
		int minimal = shortest(chat(jsonRequest(2, 1, true)), 2);
		for (long seed = 1; seed <= 3; seed++) {
			HttpResponse<String> response = chat(jsonRequest(minimal, seed, true));
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).contains("message-end")
				.contains("\"finish_reason\":\"COMPLETE\"")
				.doesNotContain("\"error\"");
		}
	}

	@Test
	void toolChoiceRequiredNearTheShortestActionAlwaysCallsTheTool() throws Exception {
		int minimal = shortest(chat(toolRequest(1, 1)), 1);
		Schema validator = validator(TOOL);
		for (int budget = minimal; budget <= minimal + 8; budget += 2) {
			for (long seed = 1; seed <= 3; seed++) {
				HttpResponse<String> response = chat(toolRequest(budget, seed));
				assertThat(response.statusCode()).as("budget %d seed %d: %s", budget, seed, response.body())
					.isEqualTo(200);
				JsonNode answer = MAPPER.readTree(response.body());
				assertThat(answer.path("finish_reason").asString()).isEqualTo("TOOL_CALL");
				JsonNode calls = answer.path("message").path("tool_calls");
				assertThat(calls.size()).isPositive();
				for (JsonNode call : calls) {
					JsonNode arguments = MAPPER.readTree(call.path("function").path("arguments").asString());
					assertThat(validator.validate(arguments)).as(arguments.toString()).isEmpty();
				}
			}
		}
	}

}
