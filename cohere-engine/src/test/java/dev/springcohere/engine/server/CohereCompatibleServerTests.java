package dev.springcohere.engine.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.springcohere.api.ChatRequest;
import dev.springcohere.api.ChatResponse;
import dev.springcohere.api.ChatStreamAccumulator;
import dev.springcohere.api.DetokenizeResponse;
import dev.springcohere.api.EmbedRequest;
import dev.springcohere.api.EmbedResponse;
import dev.springcohere.api.RerankRequest;
import dev.springcohere.api.RerankResponse;
import dev.springcohere.api.StreamEvent;
import dev.springcohere.api.TokenizeRequest;
import dev.springcohere.api.TokenizeResponse;
import dev.springcohere.api.UserMessage;
import dev.springcohere.backend.Capabilities;
import dev.springcohere.backend.Capability;
import dev.springcohere.backend.CohereBackend;
import dev.springcohere.api.error.CohereAuthenticationException;
import dev.springcohere.client.CohereClient;
import dev.springcohere.client.CohereClientBuilder;
import dev.springcohere.api.error.CohereInvalidRequestException;
import dev.springcohere.http.CohereRetryPolicy;
import dev.springcohere.api.error.CohereServerException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import tools.jackson.databind.JsonNode;

class CohereCompatibleServerTests {

	private static final ChatRequest CHAT = ChatRequest.builder()
		.model("command-a-03-2025")
		.messages(UserMessage.of("Hello"))
		.temperature(0.3)
		.build();

	private final ScriptedBackend backend = new ScriptedBackend();

	private final List<AutoCloseable> open = new ArrayList<>();

	@AfterEach
	void closeAll() throws Exception {
		for (AutoCloseable closeable : this.open.reversed()) {
			closeable.close();
		}
	}

	private CohereCompatibleServer start(CohereBackend backend, String apiKey) {
		CohereCompatibleServer server = CohereCompatibleServer.start(backend,
				new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), apiKey);
		this.open.add(server);
		return server;
	}

	private CohereClient client(CohereCompatibleServer server, String apiKey) {
		CohereClientBuilder builder = CohereClient.builder()
			.backendId("private")
			.baseUrl(server.baseUrl())
			.environment((name) -> null)
			.retryPolicy(CohereRetryPolicy.none())
			.readTimeout(Duration.ofSeconds(10));
		if (apiKey != null) {
			builder.apiKey(apiKey);
		}
		CohereClient client = builder.build();
		this.open.add(client);
		return client;
	}

	private CohereClient client() {
		return client(start(this.backend, null), null);
	}

	private static HttpResponse<String> post(CohereCompatibleServer server, String path, String body)
			throws IOException, InterruptedException {
		try (HttpClient http = HttpClient.newHttpClient()) {
			return http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
		}
	}

	@Test
	void chatAnswersWithTheBackendsResponse() {
		ChatResponse response = client().chat(CHAT);
		assertThat(response).isEqualTo(ScriptedBackend.CHAT_RESPONSE);
		assertThat(this.backend.lastRequest.get()).isEqualTo(CHAT);
	}

	@Test
	void streamedChatAccumulatesToTheSameResponseAsTheBackendsEvents() {
		List<StreamEvent> received = client().chatStream(CHAT).collectList().block();
		assertThat(received).isEqualTo(ScriptedBackend.EVENTS);
		ChatStreamAccumulator overHttp = new ChatStreamAccumulator();
		received.forEach(overHttp::accept);
		ChatStreamAccumulator direct = new ChatStreamAccumulator();
		ScriptedBackend.EVENTS.forEach(direct::accept);
		assertThat(overHttp.result()).isEqualTo(direct.result());
		assertThat(overHttp.result().text()).isEqualTo("Hello there\nünïcode ✓");
		assertThat(((ChatRequest) this.backend.lastRequest.get()).isStreaming()).isTrue();
	}

	@Test
	void streamedEventsAreFramedInThePlatformsWireShape() throws Exception {
		CohereCompatibleServer server = start(this.backend, null);
		HttpResponse<String> response = post(server, "/v2/chat",
				"{\"stream\": true, \"model\": \"m\", \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]}");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("text/event-stream");
		assertThat(response.headers().firstValue("X-Request-Id")).get().asString().isNotBlank();
		String[] frames = response.body().split("\n\n");
		assertThat(frames).hasSize(ScriptedBackend.EVENTS.size());
		assertThat(frames[2]).isEqualTo("event: content-delta\n"
				+ "data: {\"type\":\"content-delta\",\"index\":0,\"delta\":{\"message\":{\"content\":{\"text\":\"Hello\"}}}}");
		String[] end = frames[frames.length - 1].split("\n", 2);
		assertThat(end[0]).isEqualTo("event: message-end");
		JsonNode data = ScriptedBackend.MAPPER.readTree(end[1].substring("data: ".length()));
		assertThat(data.at("/delta/finish_reason").asString()).isEqualTo("COMPLETE");
		assertThat(data.at("/delta/usage/tokens/input_tokens").asInt()).isEqualTo(12);
	}

	@Test
	void aClientThatStopsReadingCancelsTheBackendsStream() throws InterruptedException {
		this.backend.endlessStream = true;
		List<StreamEvent> first = client().chatStream(CHAT).take(4).collectList().block();
		assertThat(first).hasSize(4);
		assertThat(first.get(3)).isInstanceOf(StreamEvent.ContentDelta.class);
		assertThat(this.backend.streamCancelled.await(10, TimeUnit.SECONDS))
			.as("the backend's event stream was cancelled")
			.isTrue();
	}

	@Test
	void aStreamThatFailsAfterItsFirstEventsEndsWithAnErrorMessageEnd() throws Exception {
		this.backend.midStreamFailure = new IllegalStateException("the accelerator fell over");
		CohereCompatibleServer server = start(this.backend, null);
		HttpResponse<String> raw = post(server, "/v2/chat",
				"{\"stream\": true, \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]}");
		assertThat(raw.statusCode()).isEqualTo(200);
		String[] frames = raw.body().split("\n\n");
		assertThat(frames).hasSize(4);
		String[] last = frames[3].split("\n", 2);
		assertThat(last[0]).isEqualTo("event: message-end");
		JsonNode data = ScriptedBackend.MAPPER.readTree(last[1].substring("data: ".length()));
		assertThat(data.at("/delta/finish_reason").asString()).isEqualTo("ERROR");
		assertThat(data.at("/delta/error").asString()).contains("the accelerator fell over");
		CohereClient client = client(server, null);
		assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> client.chatStream(CHAT).blockLast())
			.withMessageContaining("the accelerator fell over");

		this.backend.midStreamFailure = null;
		this.backend.cutStream = true;
		assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> client.chatStream(CHAT).blockLast())
			.withMessageContaining("without a message-end");
	}

	@Test
	void closingTheServerCancelsStreamsInProgress() throws InterruptedException {
		this.backend.endlessStream = true;
		CohereCompatibleServer server = CohereCompatibleServer.start(this.backend,
				new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
		CohereClient client = client(server, null);
		CountDownLatch ticking = new CountDownLatch(5);
		Disposable subscription = client.chatStream(CHAT).subscribe((event) -> ticking.countDown(), (ex) -> {
		});
		try {
			assertThat(ticking.await(10, TimeUnit.SECONDS)).isTrue();
			server.close();
			assertThat(this.backend.streamCancelled.await(10, TimeUnit.SECONDS))
				.as("the backend's event stream was cancelled")
				.isTrue();
		}
		finally {
			subscription.dispose();
		}
	}

	@Test
	void embedRerankTokenizeAndDetokenizeReachTheBackend() {
		CohereClient client = client();
		EmbedRequest embed = EmbedRequest.builder().model("embed-model").texts("a", "b").build();
		EmbedResponse embedded = client.embed(embed);
		assertThat(this.backend.lastRequest.get()).isEqualTo(embed);
		assertThat(embedded.embeddings().floats()).containsExactly(List.of(0.0, 0.5, -0.25), List.of(1.0, 0.5, -0.25));
		assertThat(embedded.texts()).containsExactly("a", "b");
		assertThat(embedded.meta().billedUnits().inputTokens()).isEqualTo(7.0);

		RerankRequest rerank = RerankRequest.builder().model("rr").query("q").documents("x", "y", "z").topN(2).build();
		RerankResponse ranked = client.rerank(rerank);
		assertThat(this.backend.lastRequest.get()).isEqualTo(rerank);
		assertThat(ranked.results()).extracting(RerankResponse.Result::index).containsExactly(2, 1, 0);
		assertThat(ranked.results().getFirst().relevanceScore()).isEqualTo(0.75);

		TokenizeResponse tokens = client.tokenize(TokenizeRequest.of("tok", "hello big world"));
		assertThat(tokens.tokens()).containsExactly(5, 3, 5);
		assertThat(tokens.tokenStrings()).containsExactly("hello", "big", "world");
		DetokenizeResponse text = client.detokenize(List.of(4, 2));
		assertThat(text.text()).isEqualTo("42");
	}

	@Test
	void invalidRequestsGet400NamingTheField() throws Exception {
		CohereCompatibleServer server = start(this.backend, null);
		HttpResponse<String> badJson = post(server, "/v2/chat", "{\"messages\": [");
		assertThat(badJson.statusCode()).isEqualTo(400);
		assertThat(ScriptedBackend.MAPPER.readTree(badJson.body()).get("message").asString()).contains("'messages'")
			.contains("end-of-input")
			.doesNotContain("Source:");
		HttpResponse<String> badField = post(server, "/v2/rerank", "{\"query\": \"q\", \"documents\": \"not a list\"}");
		assertThat(badField.statusCode()).isEqualTo(400);
		assertThat(ScriptedBackend.MAPPER.readTree(badField.body()).get("message").asString()).contains("'documents'");
		HttpResponse<String> missing = post(server, "/v2/rerank", "{\"documents\": [\"d\"]}");
		assertThat(missing.statusCode()).isEqualTo(400);
		assertThat(missing.body()).contains("'query'");
		HttpResponse<String> empty = post(server, "/v1/tokenize", "");
		assertThat(empty.statusCode()).isEqualTo(400);
		assertThat(empty.body()).contains("empty");

		CohereClient client = client(server, null);
		assertThatExceptionOfType(CohereInvalidRequestException.class)
			.isThrownBy(() -> client.rerank(RerankRequest.builder().query("q").documents("d").topN(500).build()))
			.satisfies((ex) -> {
				assertThat(ex.getStatusCode()).isEqualTo(400);
				assertThat(ex.getCohereMessage()).contains("'top_n' must be at most 100");
				assertThat(ex.getRequestId()).isNotBlank();
			});
	}

	@Test
	void unknownPathsAndMethodsAreAnsweredWithCoheresErrorBody() throws Exception {
		CohereCompatibleServer server = start(this.backend, null);
		HttpResponse<String> unknown = post(server, "/v2/classify", "{}");
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(unknown.body()).contains("/v2/chat");
		try (HttpClient http = HttpClient.newHttpClient()) {
			HttpResponse<String> get = http.send(
					HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v2/chat")).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(get.statusCode()).isEqualTo(405);
			assertThat(get.headers().firstValue("Allow")).hasValue("POST");
		}
	}

	@Test
	void operationsTheBackendLacksAreNotImplemented() {
		CohereBackend chatOnly = new CohereBackend() {

			@Override
			public String id() {
				return "chat-only";
			}

			@Override
			public Capabilities capabilities() {
				return Capabilities.of(Capability.CHAT);
			}

			@Override
			public ChatResponse chat(ChatRequest request) {
				return ScriptedBackend.CHAT_RESPONSE;
			}

		};
		CohereClient client = client(start(chatOnly, null), null);
		assertThatExceptionOfType(CohereServerException.class)
			.isThrownBy(() -> client.embed(EmbedRequest.builder().texts("a").build()))
			.satisfies((ex) -> {
				assertThat(ex.getStatusCode()).isEqualTo(501);
				assertThat(ex.getCohereMessage()).contains("'chat-only'").contains("'embed'");
			});
		assertThatExceptionOfType(CohereServerException.class).isThrownBy(() -> client.chatStream(CHAT).blockLast())
			.satisfies((ex) -> assertThat(ex.getCohereMessage()).contains("'chat-stream'"));
		assertThat(client.chat(CHAT)).isEqualTo(ScriptedBackend.CHAT_RESPONSE);
	}

	@Test
	void aRequestTurnedAwayForCapacityIs429WithRetryAfter() throws Exception {
		this.backend.failure = dev.springcohere.api.error.CohereApiExceptions.forStatus(429,
				"The local model is busy: all 1 generation slot(s) are in use",
				new dev.springcohere.api.error.CohereApiException.Details(429, "busy", "", null, null));
		CohereCompatibleServer server = start(this.backend, null);
		HttpResponse<String> response = post(server, "/v2/chat",
				"{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
		assertThat(response.statusCode()).isEqualTo(429);
		assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
		assertThat(response.body()).contains("busy");
	}

	@Test
	void backendFailuresAre500WithTheirMessageButNoStackTrace() throws Exception {
		this.backend.failure = new IllegalStateException("model weights went missing");
		CohereCompatibleServer server = start(this.backend, null);
		CohereClient client = client(server, null);
		assertThatExceptionOfType(CohereServerException.class).isThrownBy(() -> client.chat(CHAT)).satisfies((ex) -> {
			assertThat(ex.getStatusCode()).isEqualTo(500);
			assertThat(ex.getCohereMessage()).contains("model weights went missing").contains("POST /v2/chat");
			assertThat(ex.getResponseBody()).doesNotContain("\tat ").doesNotContain("dev.springcohere.engine");
		});
		assertThatExceptionOfType(CohereServerException.class).isThrownBy(() -> client.chatStream(CHAT).blockLast())
			.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(500));
	}

	@Test
	void aConfiguredApiKeyIsRequired() throws Exception {
		CohereCompatibleServer server = start(this.backend, "s3cret-key");
		assertThat(server.toString()).doesNotContain("s3cret-key");
		assertThatExceptionOfType(CohereAuthenticationException.class).isThrownBy(() -> client(server, null).chat(CHAT))
			.satisfies((ex) -> assertThat(ex.getResponseBody()).doesNotContain("s3cret-key"));
		assertThatExceptionOfType(CohereAuthenticationException.class)
			.isThrownBy(() -> client(server, "s3cret-kez").chat(CHAT));
		assertThat(this.backend.lastRequest.get()).isNull();
		assertThat(client(server, "s3cret-key").chat(CHAT)).isEqualTo(ScriptedBackend.CHAT_RESPONSE);
		assertThat(post(server, "/v2/chat", "{}").statusCode()).isEqualTo(401);
	}

	@Test
	void portZeroPicksAFreePort() {
		CohereCompatibleServer server = start(this.backend, null);
		assertThat(server.port()).isPositive();
		assertThat(server.baseUrl()).isEqualTo("http://127.0.0.1:" + server.port());
	}

}
