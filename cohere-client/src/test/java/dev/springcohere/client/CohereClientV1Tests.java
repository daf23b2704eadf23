package dev.springcohere.client;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.springcohere.api.CohereJson;
import dev.springcohere.api.JsonTrees;
import dev.springcohere.api.SpecExamples;
import dev.springcohere.api.error.CohereNetworkException;
import dev.springcohere.api.error.UnsupportedCapabilityException;
import dev.springcohere.api.v1.GenerateRequest;
import dev.springcohere.api.v1.GenerateResponse;
import dev.springcohere.api.v1.GenerateStreamEvent;
import dev.springcohere.api.v1.SummarizeRequest;
import dev.springcohere.api.v1.SummarizeResponse;
import dev.springcohere.api.v1.V1ChatRequest;
import dev.springcohere.api.v1.V1ChatResponse;
import dev.springcohere.api.v1.V1ChatStreamEvent;
import dev.springcohere.api.v1.V1Connector;
import dev.springcohere.api.v1.V1Message;
import dev.springcohere.backend.CohereBackend;
import dev.springcohere.http.CohereRetryPolicy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Sends the spec's {@code /v1/chat}, {@code /v1/generate} and {@code /v1/summarize}
 * examples through {@link CohereClient#v1()} and the {@code platform} backend to
 * WireMock: the server must receive the example body and the client must read the example
 * answer.
 */
@SuppressWarnings("deprecation")
class CohereClientV1Tests {

	@RegisterExtension
	static final WireMockExtension server = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort())
		.build();

	private final JsonMapper mapper = CohereJson.createMapper();

	private final CohereClient client = CohereClient.builder()
		.apiKey("v1-key")
		.baseUrl(server.baseUrl())
		.clientName("v1-tests")
		.environment((name) -> null)
		.retryPolicy(CohereRetryPolicy.none())
		.readTimeout(Duration.ofSeconds(10))
		.build();

	@AfterEach
	void closeClient() {
		this.client.close();
	}

	static Stream<SpecExamples.Example> chatExamples() {
		return SpecExamples.of("/v1/chat", "post").stream().filter((example) -> example.body() != null);
	}

	static Stream<SpecExamples.Example> chatStreamExamples() {
		return SpecExamples.of("/v1/chat", "post").stream().filter((example) -> example.stream() != null);
	}

	@Test
	void specHasV1Examples() {
		assertThat(chatExamples()).hasSizeGreaterThanOrEqualTo(3);
		assertThat(chatStreamExamples()).isNotEmpty();
		assertThat(SpecExamples.of("/v1/generate", "post")).isNotEmpty();
		assertThat(SpecExamples.of("/v1/summarize", "post")).isNotEmpty();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("chatExamples")
	void chatSendsTheExampleRequestAndReadsTheExampleAnswer(SpecExamples.Example example) {
		stubJson("/v1/chat", example);
		V1ChatResponse response = this.client.v1()
			.chat(this.mapper.treeToValue(example.request(), V1ChatRequest.class));
		verifyPosted("/v1/chat", example);
		assertThat(response.text()).isEqualTo(example.body().get("text").asString());
		JsonTrees.assertEquivalent(this.mapper.valueToTree(response), JsonTrees.withoutEmptyArrays(example.body()));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("chatExamples")
	void chatAsyncSendsTheExampleRequestAndReadsTheExampleAnswer(SpecExamples.Example example) {
		stubJson("/v1/chat", example);
		V1ChatResponse response = this.client.v1()
			.chatAsync(this.mapper.treeToValue(example.request(), V1ChatRequest.class))
			.block(Duration.ofSeconds(10));
		verifyPosted("/v1/chat", example);
		JsonTrees.assertEquivalent(this.mapper.valueToTree(response), JsonTrees.withoutEmptyArrays(example.body()));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("chatStreamExamples")
	void chatStreamAsksForServerSentEventsAndParsesTheExampleEvents(SpecExamples.Example example) {
		server.stubFor(post("/v1/chat").withRequestBody(equalToJson(example.request().toString()))
			.withHeader("Accepts", equalTo("text/event-stream"))
			.willReturn(aResponse().withHeader("Content-Type", "text/event-stream").withBody(sse(example.stream()))));
		V1ChatRequest request = this.mapper.treeToValue(example.request(), V1ChatRequest.class);
		List<V1ChatStreamEvent> events = this.client.v1()
			.chatStream(request)
			.collectList()
			.block(Duration.ofSeconds(10));
		verifyPosted("/v1/chat", example);
		assertThat(events).hasSize(example.stream().size());
		assertThat(events.get(0)).isInstanceOf(V1ChatStreamEvent.StreamStart.class);
		assertThat(((V1ChatStreamEvent.StreamStart) events.get(0)).generationId())
			.isEqualTo(example.stream().get(0).get("generation_id").asString());
		StringBuilder text = new StringBuilder();
		events.stream()
			.filter(V1ChatStreamEvent.TextGeneration.class::isInstance)
			.forEach((event) -> text.append(((V1ChatStreamEvent.TextGeneration) event).text()));
		V1ChatStreamEvent.StreamEnd end = (V1ChatStreamEvent.StreamEnd) events.get(events.size() - 1);
		assertThat(end.finishReason()).isEqualTo("COMPLETE");
		assertThat(end.response().text()).isEqualTo(text.toString());
		JsonNode expectedResponse = example.stream().get(example.stream().size() - 1).get("response");
		JsonTrees.assertEquivalent(this.mapper.valueToTree(end.response()),
				JsonTrees.withoutEmptyArrays(expectedResponse));
	}

	@Test
	void chatStreamKeepsEventsOfUnknownTypesAndFailsWithoutStreamEnd() {
		String body = "data: {\"event_type\":\"stream-start\",\"generation_id\":\"g\"}\n\n"
				+ "data: {\"event_type\":\"new-kind\",\"x\":1}\n\n"
				+ "data: {\"event_type\":\"text-generation\",\"text\":\"Hi\"}\n\n";
		server.stubFor(post("/v1/chat")
			.willReturn(aResponse().withHeader("Content-Type", "text/event-stream").withBody(body)));
		StepVerifier.create(this.client.v1().chatStream(V1ChatRequest.builder().message("hi").build()))
			.expectNextMatches((event) -> event instanceof V1ChatStreamEvent.StreamStart)
			.expectNextMatches((event) -> event instanceof V1ChatStreamEvent.Unknown unknown
					&& unknown.eventType().equals("new-kind") && unknown.raw().get("x").asInt() == 1)
			.expectNextMatches(
					(event) -> event instanceof V1ChatStreamEvent.TextGeneration text && text.text().equals("Hi"))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(CohereNetworkException.class)
				.hasMessageContaining("without a stream-end"))
			.verify(Duration.ofSeconds(10));
	}

	@Test
	void chatSendsEveryV1FieldUnderItsSpecName() {
		server.stubFor(post("/v1/chat").willReturn(okJson("{\"text\":\"ok\",\"finish_reason\":\"COMPLETE\"}")));
		V1ChatRequest request = V1ChatRequest.builder()
			.message("What is new?")
			.model("command-r-plus-08-2024")
			.preamble("Be brief.")
			.chatHistory(List.of(V1Message.user("Hi"), V1Message.chatbot("Hello!", List.of())))
			.conversationId("conv-1")
			.promptTruncation(V1ChatRequest.PROMPT_TRUNCATION_AUTO)
			.connectors(List.of(new V1Connector(V1Connector.WEB_SEARCH, null, true,
					this.mapper.readTree("{\"site\":\"cohere.com\"}"))))
			.searchQueriesOnly(false)
			.citationQuality("FAST")
			.maxInputTokens(1000)
			.rawPrompting(false)
			.forceSingleStep(true)
			.safetyMode("NONE")
			.build();
		this.client.v1().chat(request);
		server.verify(1, postRequestedFor(urlEqualTo("/v1/chat")).withRequestBody(equalToJson("""
				{"message": "What is new?", "model": "command-r-plus-08-2024", "preamble": "Be brief.",
				 "chat_history": [{"role": "USER", "message": "Hi"}, {"role": "CHATBOT", "message": "Hello!"}],
				 "conversation_id": "conv-1", "prompt_truncation": "AUTO",
				 "connectors": [{"id": "web-search", "continue_on_failure": true, "options": {"site": "cohere.com"}}],
				 "search_queries_only": false, "citation_quality": "FAST", "max_input_tokens": 1000,
				 "raw_prompting": false, "force_single_step": true, "safety_mode": "NONE"}
				""")));
	}

	@Test
	void generateSendsTheExampleRequestAndReadsTheExampleAnswer() {
		SpecExamples.Example example = SpecExamples.of("/v1/generate", "post").get(0);
		stubJson("/v1/generate", example);
		GenerateResponse response = this.client.v1()
			.generate(this.mapper.treeToValue(example.request(), GenerateRequest.class));
		verifyPosted("/v1/generate", example);
		assertThat(response.generations()).isNotEmpty();
		assertThat(response.generations().get(0).text()).isEqualTo(example.body().at("/generations/0/text").asString());
		JsonTrees.assertEquivalent(this.mapper.valueToTree(response), JsonTrees.withoutEmptyArrays(example.body()));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("generateStreamFramings")
	void generateStreamParsesTheSpecEventsAndStopsAtStreamEnd(String contentType, String prefix, String separator) {
		String body = prefix + "{\"event_type\":\"text-generation\",\"text\":\"LLMs \",\"is_finished\":false}"
				+ separator + prefix
				+ "{\"event_type\":\"text-generation\",\"text\":\"predict.\",\"is_finished\":false}" + separator
				+ prefix + "{\"event_type\":\"stream-end\",\"is_finished\":true,\"finish_reason\":\"COMPLETE\","
				+ "\"response\":{\"id\":\"gen-1\",\"generations\":[{\"id\":\"g0\",\"text\":\"LLMs predict.\","
				+ "\"index\":0,\"finish_reason\":\"COMPLETE\"}]}}" + separator;
		server.stubFor(post("/v1/generate").withRequestBody(equalToJson("{\"prompt\":\"Explain\",\"stream\":true}"))
			.willReturn(aResponse().withHeader("Content-Type", contentType).withBody(body)));
		StepVerifier.create(this.client.v1().generateStream(GenerateRequest.builder().prompt("Explain").build()))
			.expectNextMatches((event) -> event instanceof GenerateStreamEvent.TextGeneration text
					&& text.text().equals("LLMs ") && Boolean.FALSE.equals(text.isFinished()))
			.expectNextMatches((event) -> event instanceof GenerateStreamEvent.TextGeneration)
			.expectNextMatches((event) -> event instanceof GenerateStreamEvent.StreamEnd end
					&& end.finishReason().equals("COMPLETE")
					&& end.response().generations().get(0).text().equals("LLMs predict."))
			.verifyComplete();
	}

	static Stream<Arguments> generateStreamFramings() {
		return Stream.of(Arguments.of("application/stream+json", "", "\n"),
				Arguments.of("text/event-stream", "data: ", "\n\n"));
	}

	@Test
	void generateStreamErrorEndsTheStreamWithAnError() {
		String body = "{\"event_type\":\"stream-error\",\"index\":0,\"is_finished\":true,"
				+ "\"finish_reason\":\"ERROR\",\"err\":\"model overloaded\"}\n";
		server.stubFor(post("/v1/generate")
			.willReturn(aResponse().withHeader("Content-Type", "application/stream+json").withBody(body)));
		StepVerifier.create(this.client.v1().generateStream(GenerateRequest.builder().prompt("x").build()))
			.expectNextMatches((event) -> event instanceof GenerateStreamEvent.StreamError error
					&& error.err().equals("model overloaded"))
			.expectErrorSatisfies((ex) -> assertThat(ex).hasMessageContaining("model overloaded"))
			.verify(Duration.ofSeconds(10));
	}

	@Test
	void summarizeSendsTheExampleRequestAndReadsTheExampleAnswer() {
		SpecExamples.Example example = SpecExamples.of("/v1/summarize", "post").get(0);
		stubJson("/v1/summarize", example);
		SummarizeResponse response = this.client.v1()
			.summarize(this.mapper.treeToValue(example.request(), SummarizeRequest.class));
		verifyPosted("/v1/summarize", example);
		assertThat(response.summary()).isEqualTo(example.body().get("summary").asString());
		JsonTrees.assertEquivalent(this.mapper.valueToTree(response), JsonTrees.withoutEmptyArrays(example.body()));
	}

	@Test
	void v1OfABackendWithoutTheV1ApiSaysWhichBackendsHaveIt() {
		CohereBackend other = new CohereBackend() {

			@Override
			public String id() {
				return "custom";
			}

			@Override
			public dev.springcohere.backend.Capabilities capabilities() {
				return dev.springcohere.backend.Capabilities.all();
			}

			@Override
			public dev.springcohere.api.ChatResponse chat(dev.springcohere.api.ChatRequest request) {
				throw new IllegalStateException("not called");
			}

			@Override
			public void close() {
			}

		};
		try (CohereClient custom = CohereClient.builder().backend(other).build()) {
			assertThatExceptionOfType(UnsupportedCapabilityException.class).isThrownBy(custom::v1)
				.withMessageContaining("'custom'")
				.withMessageContaining("'platform' and 'private'");
		}
	}

	private static void stubJson(String path, SpecExamples.Example example) {
		server.stubFor(post(path).withRequestBody(equalToJson(example.request().toString()))
			.willReturn(okJson(example.body().toString())));
	}

	private static void verifyPosted(String path, SpecExamples.Example example) {
		server.verify(1,
				postRequestedFor(urlEqualTo(path)).withRequestBody(equalToJson(example.request().toString()))
					.withHeader("Authorization", equalTo("Bearer v1-key"))
					.withHeader("X-Client-Name", equalTo("v1-tests")));
	}

	private static String sse(JsonNode events) {
		StringBuilder body = new StringBuilder();
		for (JsonNode event : events) {
			body.append("data: ").append(event.toString()).append("\n\n");
		}
		return body.toString();
	}

}
