package dev.springcohere.engine.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.springcohere.api.CohereJson;
import dev.springcohere.api.ListModelsResponse;
import dev.springcohere.api.ModelEndpoint;
import dev.springcohere.api.ModelInfo;
import dev.springcohere.client.CohereClient;
import dev.springcohere.engine.backend.LocalBackend;
import dev.springcohere.engine.model.Fixtures;
import dev.springcohere.http.CohereRetryPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code serve} as deployed: the models list, served names, unknown models, client
 * mistakes as 4xx and integer counts, over real HTTP against the local backend with the
 * tiny chat, embedding and rerank fixtures.
 */
class ServedModelsServerTests {

	private static final int MAX_CONTEXT = 2048;

	@TempDir
	static Path dir;

	private static LocalBackend backend;

	private static CohereCompatibleServer server;

	private static final HttpClient http = HttpClient.newHttpClient();

	private static final JsonMapper json = CohereJson.createMapper();

	@BeforeAll
	static void start() throws IOException {
		Path chat = Fixtures.checkpointWithTokenizer("tiny-cohere2", Files.createDirectory(dir.resolve("chat")), 8192);
		Path bert = Fixtures.checkpointWithTokenizer("tiny-bert", Files.createDirectory(dir.resolve("bert")));
		Path xlmr = Fixtures.checkpointWithTokenizer("tiny-xlmr-reranker", Files.createDirectory(dir.resolve("xlmr")));
		backend = LocalBackend.builder(chat)
			.modelName("tiny")
			.threads(1)
			.maxContext(MAX_CONTEXT)
			.embedModel(bert, "tiny-bert")
			.rerankModel(xlmr, "tiny-reranker")
			.build();
		server = CohereCompatibleServer.start(backend, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), null,
				ServedModels.of(backend, List.of("command-r7b-12-2024", "my-r7b")));
	}

	@AfterAll
	static void stop() {
		server.close();
		backend.close();
	}

	private static HttpResponse<String> get(String path) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static HttpResponse<String> post(String path, String body) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void listsTheServedModelsInCoheresFormat() throws Exception {
		HttpResponse<String> response = get("/v1/models");
		assertThat(response.statusCode()).isEqualTo(200);
		ListModelsResponse list = json.readValue(response.body(), ListModelsResponse.class);
		assertThat(list.models()).extracting(ModelInfo::name)
			.containsExactly("command-r7b-12-2024", "tiny-bert", "tiny-reranker");
		ModelInfo chat = list.models().get(0);
		assertThat(chat.endpoints()).containsExactly(ModelEndpoint.CHAT);
		assertThat(chat.contextLength()).isEqualTo(MAX_CONTEXT);
		assertThat(chat.features()).contains("tools", "json_schema");
		assertThat(list.models().get(1).endpoints()).containsExactly(ModelEndpoint.EMBED);
		assertThat(list.models().get(2).endpoints()).containsExactly(ModelEndpoint.RERANK);
		// counts are written as integers, as the platform does
		assertThat(response.body()).contains("\"context_length\":" + MAX_CONTEXT + ",")
			.doesNotContain("\"context_length\":" + MAX_CONTEXT + ".0");
	}

	@Test
	void filtersByEndpointAndRejectsAnUnknownOne() throws Exception {
		ListModelsResponse embed = json.readValue(get("/v1/models?endpoint=embed").body(), ListModelsResponse.class);
		assertThat(embed.models()).extracting(ModelInfo::name).containsExactly("tiny-bert");
		HttpResponse<String> bad = get("/v1/models?endpoint=frobnicate");
		assertThat(bad.statusCode()).isEqualTo(400);
		assertThat(message(bad)).contains("'endpoint'").contains("frobnicate");
	}

	@Test
	void getsOneModelByNameOrAliasAndAnswers404ForAnUnknownOne() throws Exception {
		for (String name : List.of("command-r7b-12-2024", "my-r7b", "tiny")) {
			HttpResponse<String> response = get("/v1/models/" + name);
			assertThat(response.statusCode()).as(name).isEqualTo(200);
			assertThat(json.readValue(response.body(), ModelInfo.class).name()).isEqualTo("command-r7b-12-2024");
		}
		HttpResponse<String> unknown = get("/v1/models/gpt-4o");
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(message(unknown)).contains("model 'gpt-4o' not found").contains("--served-model-name");
		HttpResponse<String> post = post("/v1/models", "{}");
		assertThat(post.statusCode()).isEqualTo(405);
		assertThat(post.headers().firstValue("Allow")).hasValue("GET");
	}

	@Test
	void chatAcceptsTheServedNamesAndRejectsOthers() throws Exception {
		for (String name : List.of("command-r7b-12-2024", "my-r7b", "tiny", "command-a-03-2025")) {
			HttpResponse<String> response = post("/v2/chat", chat(name, "Hello", 3));
			assertThat(response.statusCode()).as(name + ": " + response.body()).isEqualTo(200);
		}
		HttpResponse<String> unknown = post("/v2/chat", chat("command-r-plus", "Hello", 3));
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(message(unknown)).contains("model 'command-r-plus' not found");
		HttpResponse<String> embedModel = post("/v2/chat", chat("tiny-bert", "Hello", 3));
		assertThat(embedModel.statusCode()).isEqualTo(400);
		assertThat(message(embedModel)).contains("serves embed, not chat");
		HttpResponse<String> tokenize = post("/v1/tokenize", "{\"text\":\"Hello\",\"model\":\"my-r7b\"}");
		assertThat(tokenize.statusCode()).as(tokenize.body()).isEqualTo(200);
	}

	@Test
	void usageCountsAreIntegers() throws Exception {
		HttpResponse<String> chat = post("/v2/chat", chat("my-r7b", "Hello", 3));
		JsonNode usage = json.readTree(chat.body()).path("usage");
		assertThat(usage.path("billed_units").path("input_tokens").isIntegralNumber()).as(chat.body()).isTrue();
		assertThat(usage.path("billed_units").path("output_tokens").isIntegralNumber()).isTrue();
		assertThat(usage.path("tokens").path("input_tokens").isIntegralNumber()).isTrue();
		HttpResponse<String> embed = post("/v2/embed", "{\"model\":\"tiny-bert\",\"texts\":[\"a b c\"]}");
		assertThat(embed.statusCode()).as(embed.body()).isEqualTo(200);
		JsonNode inputTokens = json.readTree(embed.body()).path("meta").path("billed_units").path("input_tokens");
		assertThat(inputTokens.isIntegralNumber()).as(embed.body()).isTrue();
		assertThat(inputTokens.asInt()).isPositive();
		HttpResponse<String> rerank = post("/v2/rerank",
				"{\"model\":\"rerank-v3.5\",\"query\":\"q\",\"documents\":[\"a\",\"b\"]}");
		assertThat(rerank.statusCode()).as(rerank.body()).isEqualTo(200);
		JsonNode searchUnits = json.readTree(rerank.body()).path("meta").path("billed_units").path("search_units");
		assertThat(searchUnits.isIntegralNumber()).as(rerank.body()).isTrue();
		assertThat(searchUnits.asInt()).isEqualTo(1);
	}

	@Test
	void streamedUsageCountsAreIntegers() throws Exception {
		String body = chat("my-r7b", "Hello", 3).replace("{", "{\"stream\":true,");
		HttpResponse<String> stream = post("/v2/chat", body);
		assertThat(stream.statusCode()).isEqualTo(200);
		String end = stream.body()
			.lines()
			.filter((line) -> line.startsWith("data:") && line.contains("message-end"))
			.findFirst()
			.orElseThrow();
		JsonNode usage = json.readTree(end.substring(5)).path("delta").path("usage");
		assertThat(usage.path("billed_units").path("output_tokens").isIntegralNumber()).as(end).isTrue();
	}

	@Test
	void embedAndRerankAnswer404ForAnUnknownModel() throws Exception {
		HttpResponse<String> embed = post("/v2/embed", "{\"model\":\"embed-english-v3.0\",\"texts\":[\"a\"]}");
		assertThat(embed.statusCode()).isEqualTo(404);
		assertThat(message(embed)).contains("model 'embed-english-v3.0' not found");
		HttpResponse<String> rerank = post("/v2/rerank",
				"{\"model\":\"rerank-english-v2.0\",\"query\":\"q\",\"documents\":[\"a\"]}");
		assertThat(rerank.statusCode()).isEqualTo(404);
	}

	@Test
	void aPromptOverTheContextLimitIsA400ThatSaysSo() throws Exception {
		HttpResponse<String> response = post("/v2/chat", chat("my-r7b", "hello ".repeat(3000), 3));
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(message(response)).contains("more than the context limit of " + MAX_CONTEXT + " tokens");
	}

	@Test
	void servedNamesMustBeDistinctAndNotBlank() {
		assertThatIllegalArgumentException().isThrownBy(() -> ServedModels.of(backend, List.of(" ")))
			.withMessageContaining("blank");
		assertThatIllegalArgumentException().isThrownBy(() -> ServedModels.of(backend, List.of("tiny-bert")))
			.withMessageContaining("'tiny-bert' is given to two served models");
	}

	@Test
	void theCohereClientListsTheModels() {
		try (CohereClient client = CohereClient.builder()
			.backendId("private")
			.baseUrl(server.baseUrl())
			.environment((name) -> null)
			.retryPolicy(CohereRetryPolicy.none())
			.build()) {
			assertThat(client.models().models()).extracting(ModelInfo::name)
				.containsExactly("command-r7b-12-2024", "tiny-bert", "tiny-reranker");
		}
	}

	private static String chat(String model, String text, int maxTokens) {
		return json.writeValueAsString(java.util.Map.of("model", model, "max_tokens", maxTokens, "temperature", 0,
				"messages", List.of(java.util.Map.of("role", "user", "content", text))));
	}

	private static String message(HttpResponse<String> response) {
		return json.readTree(response.body()).path("message").asString();
	}

	@Test
	void engineMetricsAreServedAsJsonAndFollowTheScheduler() throws Exception {
		long stepsBefore = metric("cohere.local.steps").path("value").asLong();
		HttpResponse<String> chat = post("/v2/chat",
				"{\"model\":\"my-r7b\",\"max_tokens\":3,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
		assertThat(chat.statusCode()).as(chat.body()).isEqualTo(200);
		JsonNode steps = metric("cohere.local.steps");
		assertThat(steps.path("kind").asString()).isEqualTo("counter");
		assertThat(steps.path("value").asLong()).as("a chat runs batched steps").isGreaterThan(stepsBefore);
		JsonNode total = metric("cohere.local.kv.blocks.total");
		assertThat(total.path("unit").asString()).isEqualTo("blocks");
		assertThat(total.path("value").asDouble()).isPositive();
		assertThat(metric("cohere.local.active").path("value").asDouble()).as("nothing runs now").isZero();
		HttpResponse<String> post = post("/engine/metrics", "{}");
		assertThat(post.statusCode()).isEqualTo(405);
		assertThat(post.headers().firstValue("Allow")).contains("GET");
	}

	private static JsonNode metric(String name) throws Exception {
		HttpResponse<String> response = get("/engine/metrics");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		for (JsonNode metric : json.readTree(response.body()).path("metrics")) {
			if (metric.path("name").asString().equals(name)) {
				return metric;
			}
		}
		throw new AssertionError("no metric " + name + " in " + response.body());
	}

}
