package dev.springcohere.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.springcohere.api.ChatRequest;
import dev.springcohere.api.ChatResponse;
import dev.springcohere.api.EmbedInputType;
import dev.springcohere.api.EmbedRequest;
import dev.springcohere.api.RerankRequest;
import dev.springcohere.api.SafetyMode;
import dev.springcohere.api.UserMessage;
import dev.springcohere.api.error.CohereAuthenticationException;
import dev.springcohere.api.error.CohereException;
import dev.springcohere.api.error.CohereInvalidRequestException;
import dev.springcohere.api.error.CohereMalformedResponseException;
import dev.springcohere.api.error.CohereServerException;
import dev.springcohere.api.error.UnsupportedCapabilityException;
import dev.springcohere.backend.BackendSettings;
import dev.springcohere.backend.Capabilities;
import dev.springcohere.backend.Capability;
import dev.springcohere.backend.CohereBackend;
import dev.springcohere.http.ApiKey;
import dev.springcohere.http.CohereRetryPolicy;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Tests the {@link CohereClient} facade over WireMock: default models, headers, key and
 * base URL resolution, secrets kept out of strings, retries, and backend selection.
 */
class CohereClientTests {

	@RegisterExtension
	static final WireMockExtension server = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort())
		.build();

	private static final String KEY = "sk-facade-test-0123456789";

	private static final String CHAT_OK = "{\"id\":\"gen-1\",\"finish_reason\":\"COMPLETE\",\"message\":{\"role\":"
			+ "\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"Hi there\"}]}}";

	private static final ChatRequest NO_MODEL = ChatRequest.builder().messages(UserMessage.of("Hello")).build();

	private CohereClientBuilder builder() {
		return CohereClient.builder()
			.apiKey(KEY)
			.baseUrl(server.baseUrl())
			.environment((name) -> null)
			.retryPolicy(CohereRetryPolicy.builder()
				.initialBackoff(Duration.ofMillis(5))
				.maxBackoff(Duration.ofMillis(20))
				.build());
	}

	@Test
	void requestsWithoutAModelGetTheDefaultModels() {
		server.stubFor(post("/v2/chat").willReturn(okJson(CHAT_OK)));
		server.stubFor(post("/v2/embed").willReturn(okJson("{\"id\":\"e\",\"embeddings\":{\"float\":[[0.5]]}}")));
		server.stubFor(post("/v2/rerank").willReturn(okJson("{\"id\":\"r\",\"results\":[]}")));
		server.stubFor(post("/v1/tokenize").willReturn(okJson("{\"tokens\":[1]}")));
		server.stubFor(post("/v1/detokenize").willReturn(okJson("{\"text\":\"a\"}")));
		try (CohereClient client = builder().build()) {
			assertThat(client.chat("Hello").text()).isEqualTo("Hi there");
			client.embed(EmbedRequest.builder().texts("a").build());
			client.rerank(RerankRequest.builder().query("q").documents("d").build());
			client.tokenize("a");
			client.detokenize(List.of(1));
		}
		verifyModel("/v2/chat", "command-a-03-2025");
		verifyModel("/v2/embed", "embed-v4.0");
		verifyModel("/v2/rerank", "rerank-v3.5");
		verifyModel("/v1/tokenize", "command-a-03-2025");
		verifyModel("/v1/detokenize", "command-a-03-2025");
	}

	@Test
	void configuredDefaultModelsAreUsedAndExplicitModelsKept() {
		server.stubFor(post("/v2/chat").willReturn(okJson(CHAT_OK)));
		server.stubFor(post("/v2/rerank").willReturn(okJson("{\"id\":\"r\",\"results\":[]}")));
		try (CohereClient client = builder()
			.requestDefaults(RequestDefaults.builder()
				.chatModel("command-r7b-12-2024")
				.rerankModel("rerank-multilingual-v3.0")
				.build())
			.build()) {
			client.chatAsync(NO_MODEL).block(Duration.ofSeconds(5));
			client.chat(NO_MODEL.mutate().model("command-a-vision-07-2025").build());
			client.rerankAsync(RerankRequest.builder().query("q").documents("d").build()).block(Duration.ofSeconds(5));
		}
		verifyModel("/v2/chat", "command-r7b-12-2024");
		verifyModel("/v2/chat", "command-a-vision-07-2025");
		verifyModel("/v2/rerank", "rerank-multilingual-v3.0");
	}

	@Test
	void configuredRequestOptionsFillOnlyWhatTheRequestLeavesUnset() {
		server.stubFor(post("/v2/chat").willReturn(okJson(CHAT_OK)));
		server.stubFor(post("/v2/embed").willReturn(okJson("{\"id\":\"e\",\"embeddings\":{\"float\":[[0.5]]}}")));
		RequestDefaults defaults = RequestDefaults.builder()
			.temperature(0.2)
			.maxTokens(300)
			.safetyMode(SafetyMode.STRICT)
			.embedInputType(EmbedInputType.SEARCH_QUERY)
			.build();
		try (CohereClient client = builder().requestDefaults(defaults).build()) {
			client.chat(NO_MODEL);
			client.chat(NO_MODEL.mutate().temperature(0.9).build());
			client.withRequestDefaults(client.requestDefaults().modelsOnly()).chat(NO_MODEL);
			client.embed(EmbedRequest.builder().texts("a").build());
			client.embed(EmbedRequest.builder().texts("b").inputType(EmbedInputType.SEARCH_DOCUMENT).build());
		}
		server.verify(postRequestedFor(urlEqualTo("/v2/chat")).withRequestBody(
				equalToJson("{\"temperature\":0.2,\"max_tokens\":300,\"safety_mode\":\"STRICT\"}", true, true)));
		server.verify(postRequestedFor(urlEqualTo("/v2/chat"))
			.withRequestBody(equalToJson("{\"temperature\":0.9,\"max_tokens\":300}", true, true)));
		server.verify(1, postRequestedFor(urlEqualTo("/v2/chat")).withRequestBody(notContaining("temperature")));
		server.verify(postRequestedFor(urlEqualTo("/v2/embed"))
			.withRequestBody(equalToJson("{\"texts\":[\"a\"],\"input_type\":\"search_query\"}", true, true)));
		server.verify(postRequestedFor(urlEqualTo("/v2/embed"))
			.withRequestBody(equalToJson("{\"texts\":[\"b\"],\"input_type\":\"search_document\"}", true, true)));
	}

	@Test
	void aSuccessBodyThatIsNotAChatResponseIsAMalformedResponseWithTheRawBody() {
		server.stubFor(post("/v2/chat").willReturn(okJson("{\"id\": \"gen-1\", oops")));
		try (CohereClient client = builder().build()) {
			assertThatExceptionOfType(CohereMalformedResponseException.class).isThrownBy(() -> client.chat(NO_MODEL))
				.withMessageContaining("/v2/chat")
				.satisfies((ex) -> assertThat(ex.getRawBody()).isEqualTo("{\"id\": \"gen-1\", oops"));
		}
		server.verify(1, postRequestedFor(urlEqualTo("/v2/chat")));
	}

	@Test
	void anEchoedKeyInAMalformedSuccessBodyNeverReachesTheException() {
		String echo = "POST /v2/chat HTTP/1.1\nAuthorization: Bearer " + KEY + "\nContent-Type: application/json\n";
		server.stubFor(post("/v2/chat").willReturn(aResponse().withStatus(200).withBody(echo)));
		server.stubFor(post("/v2/chat").withRequestBody(containing("\"stream\":true"))
			.willReturn(aResponse().withStatus(200)
				.withHeader("Content-Type", "text/event-stream")
				.withBody("data: {\"echo\": \"Bearer " + KEY + "\", oops\n\n")));
		try (CohereClient client = builder().build()) {
			assertThatExceptionOfType(CohereMalformedResponseException.class).isThrownBy(() -> client.chat(NO_MODEL))
				.satisfies((ex) -> assertNoKey(ex));
			assertThatExceptionOfType(CohereMalformedResponseException.class)
				.isThrownBy(() -> client.chatStream(NO_MODEL).blockLast(Duration.ofSeconds(5)))
				.satisfies((ex) -> assertNoKey(ex));
		}
	}

	private static void assertNoKey(CohereMalformedResponseException ex) {
		assertThat(ex.getRawBody()).doesNotContain(KEY).contains("****");
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			assertThat(String.valueOf(cause.getMessage())).doesNotContain(KEY);
		}
	}

	@Test
	void chatSendsTheKeyTheClientNameAndNoStreamFlag() {
		server.stubFor(post("/v2/chat").willReturn(okJson(CHAT_OK)));
		try (CohereClient client = builder().clientName("facade-tests").build()) {
			client.chat(NO_MODEL.mutate().stream(true).build());
		}
		server.verify(1,
				postRequestedFor(urlEqualTo("/v2/chat")).withHeader("Authorization", equalTo("Bearer " + KEY))
					.withHeader("X-Client-Name", equalTo("facade-tests"))
					.withRequestBody(equalToJson("{\"model\":\"command-a-03-2025\",\"messages\":[{\"role\":\"user\","
							+ "\"content\":\"Hello\"}]}")));
	}

	@Test
	void apiKeyAndBaseUrlFallBackToTheEnvironment() {
		server.stubFor(post("/v2/chat").willReturn(okJson(CHAT_OK)));
		Map<String, String> both = Map.of("CO_API_KEY", "env-key-1", "COHERE_API_KEY", "env-key-2", "CO_API_URL",
				server.baseUrl());
		try (CohereClient client = CohereClient.builder().environment(both::get).build()) {
			client.chat(NO_MODEL);
		}
		Map<String, String> second = Map.of("COHERE_API_KEY", "env-key-2", "CO_API_URL", server.baseUrl());
		try (CohereClient client = CohereClient.builder().environment(second::get).build()) {
			client.chat(NO_MODEL);
		}
		server.verify(1,
				postRequestedFor(urlEqualTo("/v2/chat")).withHeader("Authorization", equalTo("Bearer env-key-1")));
		server.verify(1,
				postRequestedFor(urlEqualTo("/v2/chat")).withHeader("Authorization", equalTo("Bearer env-key-2")));
	}

	@Test
	void explicitKeyWinsOverTheEnvironment() {
		server.stubFor(post("/v2/chat").willReturn(okJson(CHAT_OK)));
		try (CohereClient client = builder().environment(Map.of("CO_API_KEY", "env-key")::get).build()) {
			client.chat(NO_MODEL);
		}
		server.verify(1,
				postRequestedFor(urlEqualTo("/v2/chat")).withHeader("Authorization", equalTo("Bearer " + KEY)));
	}

	@Test
	void platformWithoutAnyKeyFailsToBuildSayingWhereToSetIt() {
		assertThatIllegalStateException().isThrownBy(() -> CohereClient.builder().environment((name) -> null).build())
			.withMessageContaining("API key")
			.withMessageContaining("CO_API_KEY");
	}

	@Test
	void privateBackendNeedsABaseUrlAndWorksWithoutAKey() {
		assertThatIllegalStateException()
			.isThrownBy(() -> CohereClient.builder().backendId("private").environment((name) -> null).build())
			.withMessageContaining("'private' backend needs the base URL")
			.withMessageContaining("CO_API_URL");
		server.stubFor(post("/v2/chat").willReturn(okJson(CHAT_OK)));
		try (CohereClient client = CohereClient.builder()
			.backendId("private")
			.baseUrl(server.baseUrl())
			.environment((name) -> null)
			.build()) {
			assertThat(client.backend().id()).isEqualTo("private");
			assertThat(client.chat("Hello").text()).isEqualTo("Hi there");
		}
		server.verify(1, postRequestedFor(urlEqualTo("/v2/chat")).withHeader("Authorization", absent()));
	}

	@Test
	void unknownBackendIdListsTheAvailableOnes() {
		assertThatIllegalArgumentException().isThrownBy(() -> builder().backendId("bedrock").build())
			.withMessageContaining("available: platform, private")
			.withMessageContaining("dev.springcohere:cohere-aws");
	}

	@Test
	void theKeyNeverShowsInStringsOrErrors() {
		server.stubFor(post("/v2/chat").willReturn(aResponse().withStatus(401)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"message\":\"invalid api token: " + KEY + "\"}")));
		try (CohereClient client = builder().build()) {
			assertThat(client.toString()).doesNotContain(KEY).contains("platform");
			assertThat(client.backend().toString()).doesNotContain(KEY);
			assertThat(BackendSettings.builder().apiKey(ApiKey.of(KEY)).build().toString()).doesNotContain(KEY)
				.contains("****");
			assertThatExceptionOfType(CohereAuthenticationException.class).isThrownBy(() -> client.chat(NO_MODEL))
				.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain(KEY))
				.satisfies((ex) -> assertThat(ex.getResponseBody()).doesNotContain(KEY));
		}
		assertThatIllegalArgumentException().isThrownBy(() -> CohereClient.builder().apiKey("bad key-123456"))
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("bad key-123456"));
	}

	@Test
	void rateLimitIsRetriedAfterTheServersRetryAfter() {
		server.stubFor(post("/v2/chat").inScenario("429")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(
					aResponse().withStatus(429).withHeader("Retry-After", "0").withBody("{\"message\":\"slow down\"}"))
			.willSetStateTo("ok"));
		server.stubFor(post("/v2/chat").inScenario("429").whenScenarioStateIs("ok").willReturn(okJson(CHAT_OK)));
		// the computed backoff (20 s) would outlast the timeout; only honouring
		// Retry-After: 0 passes
		CohereRetryPolicy slowBackoff = CohereRetryPolicy.builder()
			.maxAttempts(3)
			.initialBackoff(Duration.ofSeconds(20))
			.maxBackoff(Duration.ofSeconds(30))
			.build();
		try (CohereClient client = builder().retryPolicy(slowBackoff).build()) {
			ChatResponse response = assertTimeoutPreemptively(Duration.ofSeconds(8), () -> client.chat(NO_MODEL));
			assertThat(response.text()).isEqualTo("Hi there");
		}
		server.verify(2, postRequestedFor(urlEqualTo("/v2/chat")));
	}

	@Test
	void badRequestIsNotRetried() {
		server.stubFor(post("/v2/chat").willReturn(aResponse().withStatus(400).withBody("{\"message\":\"bad\"}")));
		try (CohereClient client = builder().build()) {
			assertThatExceptionOfType(CohereInvalidRequestException.class).isThrownBy(() -> client.chat(NO_MODEL))
				.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(400));
		}
		server.verify(1, postRequestedFor(urlEqualTo("/v2/chat")));
	}

	@Test
	void serverErrorsAreRetriedUpToTheAttemptLimitForAsyncCallsToo() {
		server.stubFor(post("/v2/chat").willReturn(aResponse().withStatus(503).withBody("{\"message\":\"busy\"}")));
		try (CohereClient client = builder().build()) {
			assertThatExceptionOfType(CohereServerException.class)
				.isThrownBy(() -> client.chatAsync(NO_MODEL).block(Duration.ofSeconds(5)));
		}
		server.verify(3, postRequestedFor(urlEqualTo("/v2/chat")));
	}

	@Test
	void givenBackendIsUsedNotClosedAndItsMissingCapabilitiesAreNamed() {
		ChatOnlyBackend backend = new ChatOnlyBackend();
		CohereClient client = CohereClient.builder().backend(backend).build();
		assertThat(client.chat("Hello").text()).isEqualTo("echo: command-a-03-2025");
		assertThat(client.capabilities().supports(Capability.EMBED)).isFalse();
		assertThatExceptionOfType(UnsupportedCapabilityException.class)
			.isThrownBy(() -> client.embed(EmbedRequest.builder().texts("a").build()))
			.satisfies((ex) -> assertThat(ex.getBackendId()).isEqualTo("chat-only"))
			.satisfies((ex) -> assertThat(ex.getCapability()).isEqualTo("embed"))
			.withMessageContaining("'chat-only' backend does not support 'embed'");
		client.close();
		assertThat(backend.closed).isFalse();
	}

	@Test
	void modelsWithoutFiltersSendsNoQuery() {
		server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlEqualTo("/v1/models"))
			.willReturn(okJson("{\"models\":[{\"name\":\"embed-v4.0\",\"endpoints\":[\"embed\"]}]}")));
		try (CohereClient client = builder().build()) {
			assertThat(client.models().models()).extracting(dev.springcohere.api.ModelInfo::name)
				.containsExactly("embed-v4.0");
		}
	}

	@Test
	void closingAClientThatCreatedItsBackendReleasesItsHttpClient() {
		server.stubFor(post("/v2/chat").willReturn(okJson(CHAT_OK)));
		CohereClient client = builder().retryPolicy(CohereRetryPolicy.none()).build();
		assertThat(client.chat("Hello").text()).isEqualTo("Hi there");
		client.close();
		assertThatExceptionOfType(CohereException.class).isThrownBy(() -> client.chat("Hello"));
		server.verify(1, postRequestedFor(urlEqualTo("/v2/chat")));
	}

	private static void verifyModel(String path, String model) {
		server.verify(postRequestedFor(urlEqualTo(path)).withRequestBody(
				com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath("$.model", equalTo(model))));
	}

	private static final class ChatOnlyBackend implements CohereBackend {

		private boolean closed;

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
			return new ChatResponse("x", null, dev.springcohere.api.AssistantMessage.of("echo: " + request.model()),
					null, null);
		}

		@Override
		public void close() {
			this.closed = true;
		}

	}

}
