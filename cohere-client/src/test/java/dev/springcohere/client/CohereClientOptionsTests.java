package dev.springcohere.client;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import dev.springcohere.api.ChatRequest;
import dev.springcohere.api.ChatResponse;
import dev.springcohere.api.EmbedRequest;
import dev.springcohere.api.EmbedResponse;
import dev.springcohere.api.ListModelsRequest;
import dev.springcohere.api.RawResponse;
import dev.springcohere.api.RequestOptions;
import dev.springcohere.api.RerankRequest;
import dev.springcohere.api.StreamEvent;
import dev.springcohere.api.TokenizeRequest;
import dev.springcohere.api.UserMessage;
import dev.springcohere.api.error.CohereAuthenticationException;
import dev.springcohere.api.error.CohereTimeoutException;
import dev.springcohere.api.error.UnsupportedCapabilityException;
import dev.springcohere.backend.Capabilities;
import dev.springcohere.backend.Capability;
import dev.springcohere.backend.CohereBackend;
import dev.springcohere.http.CohereRetryPolicy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Per-call options and raw responses of the core calls (chat, stream, embed, rerank,
 * tokenize, models) over a real HTTP server, and on a backend that does not speak HTTP.
 */
class CohereClientOptionsTests {

	@RegisterExtension
	static final WireMockExtension server = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort())
		.build();

	private static final String CHAT_ANSWER = "{\"id\":\"c-1\",\"finish_reason\":\"COMPLETE\",\"message\":{\"role\":"
			+ "\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"Hi\"}]},\"usage\":{\"tokens\":"
			+ "{\"input_tokens\":3,\"output_tokens\":1}},\"new_field\":{\"score\":7}}";

	private static final RequestOptions OPTIONS = RequestOptions.builder()
		.header("X-Request-Source", "nightly")
		.extraBody("new_option", true)
		.build();

	private final CohereClient client = CohereClient.builder()
		.apiKey("options-tests-key")
		.baseUrl(server.baseUrl())
		.environment((name) -> null)
		.retryPolicy(CohereRetryPolicy.none())
		.readTimeout(Duration.ofSeconds(10))
		.build();

	@AfterEach
	void closeClient() {
		this.client.close();
	}

	private static ChatRequest hello() {
		return ChatRequest.builder().messages(UserMessage.of("Hello")).build();
	}

	@Test
	void chatWithOptionsSendsHeadersAndExtraFieldsAndTheRawAnswerKeepsStatusHeadersAndUnknownFields() {
		server.stubFor(post("/v2/chat").willReturn(okJson(CHAT_ANSWER).withHeader("x-trace-id", "trace-42")
			.withHeader("X-API-Warning", "model command-r is deprecated")
			.withHeader("X-RateLimit-Remaining", "99")
			.withStatus(200)));
		RawResponse<ChatResponse> raw = this.client.withOptions(OPTIONS).withRawResponse().chat(hello());
		assertThat(raw.status()).isEqualTo(200);
		assertThat(raw.requestId()).isEqualTo("trace-42");
		assertThat(raw.apiWarnings()).containsExactly("model command-r is deprecated");
		assertThat(raw.rateLimitHeaders()).containsEntry("x-ratelimit-remaining", List.of("99"));
		assertThat(raw.body().text()).isEqualTo("Hi");
		assertThat(raw.bodyJson().path("new_field").path("score").asInt()).isEqualTo(7);
		assertThat(this.client.withOptions(OPTIONS).chat(hello()).text()).isEqualTo("Hi");
		assertThat(this.client.withOptions(OPTIONS).chatAsync(hello()).block(Duration.ofSeconds(5)).text())
			.isEqualTo("Hi");
		server.verify(3,
				postRequestedFor(urlEqualTo("/v2/chat")).withHeader("X-Request-Source", equalTo("nightly"))
					.withHeader("Authorization", equalTo("Bearer options-tests-key"))
					.withRequestBody(matchingJsonPath("$.new_option", equalTo("true")))
					.withRequestBody(matchingJsonPath("$.model", equalTo("command-a-03-2025"))));
	}

	@Test
	void clientWithoutOptionsSendsNeitherHeaderNorExtraField() {
		server.stubFor(post("/v2/chat").willReturn(okJson(CHAT_ANSWER)));
		CohereClient withOptions = this.client.withOptions(OPTIONS);
		assertThat(withOptions.options()).isEqualTo(OPTIONS);
		assertThat(this.client.options().isEmpty()).isTrue();
		this.client.chat(hello());
		server.verify(1, postRequestedFor(urlEqualTo("/v2/chat")).withoutHeader("X-Request-Source"));
		assertThat(server.getAllServeEvents().get(0).getRequest().getBodyAsString()).doesNotContain("new_option");
	}

	@Test
	void timeoutEndsASlowChatWithACallTimeout() {
		server.stubFor(post("/v2/chat").willReturn(okJson(CHAT_ANSWER).withFixedDelay(3000)));
		server.stubFor(get("/v1/models?page_size=1").willReturn(okJson("{\"models\":[]}")));
		this.client.models(new ListModelsRequest(1, null, null, null));
		CohereClient impatient = this.client
			.withOptions(RequestOptions.builder().timeout(Duration.ofMillis(200)).build());
		long start = System.nanoTime();
		assertThatExceptionOfType(CohereTimeoutException.class).isThrownBy(() -> impatient.chat(hello()))
			.satisfies((ex) -> assertThat(ex.getPhase()).isEqualTo(CohereTimeoutException.Phase.CALL))
			.withMessageContaining("POST /v2/chat");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
		StepVerifier.create(impatient.chatStream(hello()))
			.expectError(CohereTimeoutException.class)
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void rawStreamGivesStatusAndHeadersAtTheStartThenTheEvents() {
		server.stubFor(post("/v2/chat").willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "text/event-stream")
			.withHeader("x-trace-id", "stream-7")
			.withHeader("X-API-Warning", "stream warning")
			.withBody(sse("{\"type\":\"message-start\",\"id\":\"m-1\"}",
					"{\"type\":\"content-delta\",\"index\":0,\"delta\":{\"message\":{\"content\":{\"text\":\"He\"}}}}",
					"{\"type\":\"content-delta\",\"index\":0,\"delta\":{\"message\":{\"content\":{\"text\":\"y\"}}}}",
					"{\"type\":\"message-end\",\"delta\":{\"finish_reason\":\"COMPLETE\"}}"))));
		RawResponse<Flux<StreamEvent>> raw = this.client.withOptions(OPTIONS)
			.withRawResponse()
			.chatStream(hello())
			.block(Duration.ofSeconds(5));
		assertThat(raw.status()).isEqualTo(200);
		assertThat(raw.requestId()).isEqualTo("stream-7");
		assertThat(raw.apiWarnings()).containsExactly("stream warning");
		// the body honours backpressure: one event per request
		StepVerifier.create(raw.body(), 1)
			.expectNextMatches(StreamEvent.MessageStart.class::isInstance)
			.expectNoEvent(Duration.ofMillis(100))
			.thenRequest(2)
			.expectNextCount(2)
			.expectNoEvent(Duration.ofMillis(100))
			.thenRequest(1)
			.expectNextMatches(StreamEvent.MessageEnd.class::isInstance)
			.verifyComplete();
		assertThat(this.client.withOptions(OPTIONS).chatStreamText(hello()).collectList().block(Duration.ofSeconds(5)))
			.containsExactly("He", "y");
		server.verify(2,
				postRequestedFor(urlEqualTo("/v2/chat")).withHeader("X-Request-Source", equalTo("nightly"))
					.withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
					.withRequestBody(matchingJsonPath("$.new_option", equalTo("true"))));
	}

	@Test
	void rawStreamFailsWithTheApiErrorBeforeTheStart() {
		server.stubFor(post("/v2/chat").willReturn(aResponse().withStatus(401)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"message\":\"invalid api token\"}")));
		StepVerifier.create(this.client.withRawResponse().chatStream(hello()))
			.expectError(CohereAuthenticationException.class)
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void embedRerankTokenizeAndModelsAnswerRaw() {
		server.stubFor(post("/v2/embed").willReturn(okJson(
				"{\"id\":\"e-1\",\"embeddings\":{\"float\":[[0.5,0.25]]}," + "\"texts\":[\"a\"],\"future\":\"kept\"}")
			.withHeader("x-trace-id", "embed-1")));
		server.stubFor(post("/v2/rerank")
			.willReturn(okJson("{\"id\":\"r-1\",\"results\":[{\"index\":0," + "\"relevance_score\":0.9}]}")
				.withHeader("X-RateLimit-Limit", "1000")));
		server.stubFor(post("/v1/tokenize").willReturn(
				okJson("{\"tokens\":[1,2],\"token_strings\":[\"a\",\"b\"]}").withHeader("x-trace-id", "tok-1")));
		server.stubFor(get(urlPathEqualTo("/v1/models"))
			.willReturn(okJson("{\"models\":[{\"name\":\"m\"}]}").withHeader("x-trace-id", "models-1")));
		RawCohereClient raw = this.client.withRawResponse()
			.withOptions(RequestOptions.builder().header("X-Team", "search").build());
		RawResponse<EmbedResponse> embed = raw.embed(EmbedRequest.builder().texts("a").build());
		assertThat(embed.requestId()).isEqualTo("embed-1");
		assertThat(embed.body().embeddings().floats()).containsExactly(List.of(0.5, 0.25));
		assertThat(embed.bodyJson().path("future").asString()).isEqualTo("kept");
		assertThat(raw.rerank(RerankRequest.builder().query("q").documents(List.of("d")).build()).rateLimitHeaders())
			.containsEntry("x-ratelimit-limit", List.of("1000"));
		assertThat(raw.tokenize(TokenizeRequest.of(null, "ab")).requestId()).isEqualTo("tok-1");
		assertThat(raw.models(ListModelsRequest.all()).requestId()).isEqualTo("models-1");
		server.verify(postRequestedFor(urlEqualTo("/v2/embed")).withHeader("X-Team", equalTo("search")));
		server.verify(postRequestedFor(urlEqualTo("/v2/rerank")).withHeader("X-Team", equalTo("search")));
		server.verify(postRequestedFor(urlEqualTo("/v1/tokenize")).withHeader("X-Team", equalTo("search")));
		server.verify(getRequestedFor(urlPathEqualTo("/v1/models")).withHeader("X-Team", equalTo("search")));
	}

	@Test
	void rawEmbedInBatchesKeepsTheLastBatchHeadersAndMergesTheVectors() {
		server.stubFor(post("/v2/embed")
			.willReturn(okJson("{\"id\":\"e\",\"embeddings\":{\"float\":[[1.0]]}}").withHeader("x-trace-id", "batch")));
		try (CohereClient batching = CohereClient.builder()
			.apiKey("k")
			.baseUrl(server.baseUrl())
			.environment((name) -> null)
			.retryPolicy(CohereRetryPolicy.none())
			.embedBatchSize(1)
			.build()) {
			RawResponse<EmbedResponse> raw = batching.withRawResponse()
				.embed(EmbedRequest.builder().texts("a", "b").build());
			assertThat(raw.body().embeddings().floats()).hasSize(2);
			assertThat(raw.requestId()).isEqualTo("batch");
			assertThat(raw.bodyText()).isNull();
		}
	}

	@Test
	@SuppressWarnings("deprecation")
	void v1CallsTakeOptionsAndAnswerRaw() {
		server.stubFor(post("/v1/chat")
			.willReturn(okJson("{\"text\":\"v1 hi\",\"future\":1}").withHeader("x-trace-id", "v1-chat")
				.withHeader("X-API-Warning", "v1 is deprecated")));
		server.stubFor(post("/v1/generate").willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/stream+json")
			.withHeader("x-trace-id", "v1-gen")
			.withBody("{\"event_type\":\"text-generation\",\"text\":\"a\",\"is_finished\":false}\n"
					+ "{\"event_type\":\"stream-end\",\"is_finished\":true,\"finish_reason\":\"COMPLETE\","
					+ "\"response\":{\"id\":\"g\",\"generations\":[]}}\n")));
		dev.springcohere.backend.v1.CohereV1Backend v1 = this.client.withOptions(OPTIONS).v1();
		assertThat(v1.options()).isEqualTo(OPTIONS);
		RawResponse<dev.springcohere.api.v1.V1ChatResponse> chat = v1
			.chatRaw(dev.springcohere.api.v1.V1ChatRequest.builder().message("hi").build())
			.block(Duration.ofSeconds(5));
		assertThat(chat.body().text()).isEqualTo("v1 hi");
		assertThat(chat.requestId()).isEqualTo("v1-chat");
		assertThat(chat.apiWarnings()).containsExactly("v1 is deprecated");
		assertThat(chat.bodyJson().path("future").asInt()).isEqualTo(1);
		RawResponse<Flux<dev.springcohere.api.v1.GenerateStreamEvent>> generate = v1
			.generateStreamRaw(dev.springcohere.api.v1.GenerateRequest.builder().prompt("p").build())
			.block(Duration.ofSeconds(5));
		assertThat(generate.requestId()).isEqualTo("v1-gen");
		assertThat(generate.body().collectList().block(Duration.ofSeconds(5))).hasSize(2);
		server.verify(postRequestedFor(urlEqualTo("/v1/chat")).withHeader("X-Request-Source", equalTo("nightly"))
			.withRequestBody(matchingJsonPath("$.new_option", equalTo("true"))));
		server.verify(postRequestedFor(urlEqualTo("/v1/generate")).withHeader("X-Request-Source", equalTo("nightly"))
			.withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
			.withRequestBody(matchingJsonPath("$.new_option", equalTo("true"))));
	}

	@Test
	void backendWithoutHttpAppliesTheTimeoutAndRefusesHeaders() {
		List<String> calls = new CopyOnWriteArrayList<>();
		CohereBackend inProcess = new CohereBackend() {

			@Override
			public String id() {
				return "in-process";
			}

			@Override
			public Capabilities capabilities() {
				return Capabilities.of(Capability.CHAT, Capability.CHAT_STREAM);
			}

			@Override
			public ChatResponse chat(ChatRequest request) {
				calls.add("chat");
				return answer("local answer");
			}

			@Override
			public Mono<ChatResponse> chatAsync(ChatRequest request) {
				calls.add("chatAsync");
				return Mono.just(answer("slow")).delayElement(Duration.ofSeconds(5));
			}

		};
		try (CohereClient local = CohereClient.builder().backend(inProcess).build()) {
			assertThatExceptionOfType(UnsupportedCapabilityException.class)
				.isThrownBy(() -> local.withOptions(OPTIONS).chat(hello()))
				.satisfies((ex) -> assertThat(ex.getCapability()).isEqualTo("request-headers"))
				.withMessageContaining("in-process");
			assertThatExceptionOfType(UnsupportedCapabilityException.class)
				.isThrownBy(() -> local.withOptions(RequestOptions.builder().extraBody("x", 1).build()).chat(hello()))
				.satisfies((ex) -> assertThat(ex.getCapability()).isEqualTo("request-extra-body"));
			assertThat(calls).isEmpty();
			assertThatExceptionOfType(CohereTimeoutException.class)
				.isThrownBy(() -> local.withOptions(RequestOptions.builder().timeout(Duration.ofMillis(100)).build())
					.chat(hello()))
				.withMessageContaining("in-process");
			assertThat(calls).containsExactly("chatAsync");
		}
	}

	private static ChatResponse answer(String text) {
		return new ChatResponse("x", null, dev.springcohere.api.AssistantMessage.of(text), null, null);
	}

	private static String sse(String... events) {
		StringBuilder body = new StringBuilder();
		for (String event : events) {
			body.append("data: ").append(event).append("\n\n");
		}
		return body.toString();
	}

}
