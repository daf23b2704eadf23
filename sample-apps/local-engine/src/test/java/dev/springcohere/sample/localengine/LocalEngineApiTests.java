package dev.springcohere.sample.localengine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.springcohere.engine.model.Fixtures;
import dev.springcohere.sample.support.test.AbstractSampleApiTests;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The sample started on a random port with {@code cohere.backend=local} on the tiny
 * fixture checkpoints: a Command R7B-shaped decoder with random weights (gibberish, but
 * deterministic when greedy), a BERT embedder and an XLM-R cross-encoder.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "cohere.backend=local", "cohere.local.threads=2", "cohere.local.pool-size=1" })
class LocalEngineApiTests extends AbstractSampleApiTests {

	static final Path models = assembleModels();

	private static Path assembleModels() {
		try {
			Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "test-models")), "api-");
			Fixtures.checkpointWithTokenizer("tiny-cohere2", dir.resolve("chat"), 8192);
			Fixtures.checkpointWithTokenizer("tiny-bert", dir.resolve("embed"), 0);
			Fixtures.checkpointWithTokenizer("tiny-xlmr-reranker", dir.resolve("rerank"), 0);
			return dir;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@DynamicPropertySource
	static void engineProperties(DynamicPropertyRegistry registry) {
		registry.add("cohere.local.model", () -> models.resolve("chat").toString());
		registry.add("cohere.local.embed-model", () -> models.resolve("embed").toString());
		registry.add("cohere.local.rerank-model", () -> models.resolve("rerank").toString());
	}

	@Test
	void chatGeneratesGreedilyWithFinishReasonAndTokenUsage() throws Exception {
		String request = "{\"message\":\"Hello\",\"maxTokens\":6,\"temperature\":0}";
		HttpResponse<String> first = postJson("/api/chat", request);

		assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
		JsonNode body = this.json.readTree(first.body());
		assertThat(body.get("text").asString()).isNotEmpty();
		assertThat(body.get("finishReason").asString()).isIn("MAX_TOKENS", "COMPLETE");
		JsonNode tokens = body.get("usage").get("tokens");
		assertThat(tokens.get("input_tokens").asLong()).as("the rendered chat template").isGreaterThan(100);
		assertThat(tokens.get("output_tokens").asLong()).isBetween(1L, 6L);
		JsonNode again = this.json.readTree(postJson("/api/chat", request).body());
		assertThat(again.get("text").asString()).as("greedy decoding is deterministic")
			.isEqualTo(body.get("text").asString());
	}

	@Test
	void chatStreamSendsTheSameGreedyTextAsDeltasThenEnd() throws Exception {
		String text = this.json
			.readTree(postJson("/api/chat", "{\"message\":\"Hi\",\"maxTokens\":5,\"temperature\":0}").body())
			.get("text")
			.asString();

		HttpResponse<String> response = get("/api/chat/stream?message=Hi&maxTokens=5&temperature=0");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/event-stream"));
		List<String[]> events = events(response.body());
		assertThat(events).hasSizeGreaterThan(1);
		assertThat(events.get(events.size() - 1)[0]).isEqualTo("end");
		StringBuilder streamed = new StringBuilder();
		events.subList(0, events.size() - 1).forEach((event) -> {
			assertThat(event[0]).isEmpty();
			streamed.append(event[1]);
		});
		assertThat(streamed.toString()).isEqualTo(text);
	}

	@Test
	void embedReturnsOneNormalizedVectorPerTextFromTheLocalEmbeddingModel() throws Exception {
		HttpResponse<String> response = postJson("/api/embed", "{\"texts\":[\"hello\",\"world\",\"hello\"]}");

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode embeddings = this.json.readTree(response.body()).get("embeddings");
		assertThat(embeddings.size()).isEqualTo(3);
		assertThat(embeddings.get(0).size()).isEqualTo(64);
		double norm = 0;
		for (JsonNode value : embeddings.get(0)) {
			norm += value.asDouble() * value.asDouble();
		}
		assertThat(Math.sqrt(norm)).isCloseTo(1.0, within(1e-4));
		assertThat(embeddings.get(2)).isEqualTo(embeddings.get(0));
		assertThat(embeddings.get(1)).isNotEqualTo(embeddings.get(0));
	}

	@Test
	void rerankRanksEveryDocumentWithTheLocalCrossEncoder() throws Exception {
		HttpResponse<String> response = postJson("/api/rerank",
				"{\"query\":\"hello\",\"documents\":[\"hello there\",\"goodbye\",\"see you\"],\"topN\":2}");

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode results = this.json.readTree(response.body()).get("results");
		assertThat(results.size()).isEqualTo(2);
		assertThat(results.get(0).get("index").asInt()).isBetween(0, 2);
		assertThat(results.get(1).get("index").asInt()).isBetween(0, 2)
			.isNotEqualTo(results.get(0).get("index").asInt());
		assertThat(results.get(0).get("relevanceScore").asDouble())
			.isGreaterThanOrEqualTo(results.get(1).get("relevanceScore").asDouble());
	}

	@Test
	void badInputAnswers400NamingTheField() throws Exception {
		assertBadRequest(postJson("/api/chat", "{\"message\":\"Hi\",\"maxTokens\":0}"), "maxTokens");
		assertBadRequest(postJson("/api/chat", "{\"message\":\"Hi\",\"temperature\":-1}"), "temperature");
		assertBadRequest(postJson("/api/embed", "{\"texts\":[\"\"]}"), "texts[0]");
	}

	/**
	 * Splits a server-sent event stream into {name, data} pairs; the data lines of an
	 * event are joined with newlines, as the emitter split them.
	 */
	private static List<String[]> events(String body) {
		List<String[]> events = new ArrayList<>();
		for (String block : body.split("\n\n")) {
			if (block.isEmpty()) {
				continue;
			}
			String name = "";
			List<String> data = new ArrayList<>();
			for (String line : block.split("\n", -1)) {
				if (line.startsWith("event:")) {
					name = line.substring("event:".length());
				}
				else if (line.startsWith("data:")) {
					String value = line.substring("data:".length());
					// as every SSE reader does: one leading space is dropped
					data.add(value.startsWith(" ") ? value.substring(1) : value);
				}
			}
			events.add(new String[] { name, String.join("\n", data) });
		}
		return events;
	}

}
