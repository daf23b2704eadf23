package dev.springcohere.client;

import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.springcohere.api.ChatRequest;
import dev.springcohere.api.ChatResponse;
import dev.springcohere.api.ChatStreamAccumulator;
import dev.springcohere.api.CohereJson;
import dev.springcohere.api.DetokenizeRequest;
import dev.springcohere.api.DetokenizeResponse;
import dev.springcohere.api.EmbedRequest;
import dev.springcohere.api.EmbedResponse;
import dev.springcohere.api.JsonTrees;
import dev.springcohere.api.ListModelsRequest;
import dev.springcohere.api.ListModelsResponse;
import dev.springcohere.api.ModelEndpoint;
import dev.springcohere.api.RerankRequest;
import dev.springcohere.api.RerankResponse;
import dev.springcohere.api.SpecExamples;
import dev.springcohere.api.StreamEvent;
import dev.springcohere.api.TokenizeRequest;
import dev.springcohere.api.TokenizeResponse;
import dev.springcohere.http.CohereRetryPolicy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sends every {@code x-fern-examples} request of the spec through {@link CohereClient}
 * and the {@code platform} backend to WireMock, which answers with the example response:
 * the server must receive the example body as JSON and the client must return the example
 * response.
 */
class CohereClientSpecExamplesTests {

	@RegisterExtension
	static final WireMockExtension server = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort())
		.build();

	private final JsonMapper mapper = CohereJson.createMapper();

	private final CohereClient client = CohereClient.builder()
		.apiKey("spec-examples-key")
		.baseUrl(server.baseUrl())
		.clientName("spec-examples")
		.environment((name) -> null)
		.retryPolicy(CohereRetryPolicy.none())
		.readTimeout(Duration.ofSeconds(10))
		.build();

	@AfterEach
	void closeClient() {
		this.client.close();
	}

	static Stream<SpecExamples.Example> chatExamples() {
		return SpecExamples.of("/v2/chat", "post").stream().filter((example) -> example.body() != null);
	}

	static Stream<SpecExamples.Example> chatStreamExamples() {
		return SpecExamples.of("/v2/chat", "post").stream().filter((example) -> example.stream() != null);
	}

	static List<SpecExamples.Example> embedExamples() {
		return SpecExamples.of("/v2/embed", "post");
	}

	static List<SpecExamples.Example> rerankExamples() {
		return SpecExamples.of("/v2/rerank", "post");
	}

	static List<SpecExamples.Example> tokenizeExamples() {
		return SpecExamples.of("/v1/tokenize", "post");
	}

	static List<SpecExamples.Example> detokenizeExamples() {
		return SpecExamples.of("/v1/detokenize", "post");
	}

	@Test
	void specHasExamplesOfEveryOperation() {
		assertThat(chatExamples()).hasSizeGreaterThanOrEqualTo(4);
		assertThat(chatStreamExamples()).hasSizeGreaterThanOrEqualTo(4);
		assertThat(embedExamples()).isNotEmpty();
		assertThat(rerankExamples()).isNotEmpty();
		assertThat(tokenizeExamples()).isNotEmpty();
		assertThat(detokenizeExamples()).isNotEmpty();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("chatExamples")
	void chatSendsTheExampleRequestAndReturnsTheExampleResponse(SpecExamples.Example example) {
		stubJson("/v2/chat", example);
		ChatResponse response = this.client.chat(this.mapper.treeToValue(example.request(), ChatRequest.class));
		verifyPosted("/v2/chat", example);
		assertThat(response.id()).isEqualTo(example.body().get("id").asString());
		JsonTrees.assertEquivalent(this.mapper.valueToTree(response), JsonTrees.withoutEmptyArrays(example.body()));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("chatExamples")
	void chatAsyncSendsTheExampleRequestAndReturnsTheExampleResponse(SpecExamples.Example example) {
		stubJson("/v2/chat", example);
		ChatResponse response = this.client.chatAsync(this.mapper.treeToValue(example.request(), ChatRequest.class))
			.block(Duration.ofSeconds(10));
		verifyPosted("/v2/chat", example);
		JsonTrees.assertEquivalent(this.mapper.valueToTree(response), JsonTrees.withoutEmptyArrays(example.body()));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("chatStreamExamples")
	void chatStreamSendsTheExampleRequestAndEmitsTheExampleEvents(SpecExamples.Example example) {
		server.stubFor(post("/v2/chat").withRequestBody(equalToJson(example.request().toString()))
			.willReturn(aResponse().withHeader("Content-Type", "text/event-stream").withBody(sse(example))));
		ChatRequest request = this.mapper.treeToValue(example.request(), ChatRequest.class);
		List<StreamEvent> events = this.client.chatStream(request).collectList().block(Duration.ofSeconds(10));
		verifyPosted("/v2/chat", example);
		List<JsonNode> expected = example.eventData();
		assertThat(events).hasSize(expected.size());
		for (int i = 0; i < events.size(); i++) {
			assertThat(events.get(i).type()).isEqualTo(expected.get(i).get("type").asString());
			JsonTrees.assertEquivalent(this.mapper.valueToTree(events.get(i)), expected.get(i));
		}
		ChatStreamAccumulator accumulator = new ChatStreamAccumulator();
		events.forEach(accumulator::accept);
		ChatResponse response = accumulator.result();
		assertThat(response.id()).isEqualTo(expected.get(0).get("id").asString());
		assertThat(response.finishReason().value())
			.isEqualTo(expected.get(expected.size() - 1).at("/delta/finish_reason").asString());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("embedExamples")
	void embedSendsTheExampleRequestAndReturnsTheExampleResponse(SpecExamples.Example example) {
		stubJson("/v2/embed", example);
		EmbedResponse response = this.client.embed(this.mapper.treeToValue(example.request(), EmbedRequest.class));
		verifyPosted("/v2/embed", example);
		assertThat(response.embeddings().floats()).isNotEmpty();
		JsonTrees.assertEquivalent(this.mapper.valueToTree(response), JsonTrees.withoutEmptyArrays(example.body()));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("rerankExamples")
	void rerankSendsTheExampleRequestAndReturnsTheExampleResponse(SpecExamples.Example example) {
		stubJson("/v2/rerank", example);
		RerankResponse response = this.client.rerank(this.mapper.treeToValue(example.request(), RerankRequest.class));
		verifyPosted("/v2/rerank", example);
		assertThat(response.results()).isNotEmpty();
		JsonTrees.assertEquivalent(this.mapper.valueToTree(response), JsonTrees.withoutEmptyArrays(example.body()));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("tokenizeExamples")
	void tokenizeSendsTheExampleRequestAndReturnsTheExampleResponse(SpecExamples.Example example) {
		stubJson("/v1/tokenize", example);
		TokenizeResponse response = this.client
			.tokenize(this.mapper.treeToValue(example.request(), TokenizeRequest.class));
		verifyPosted("/v1/tokenize", example);
		assertThat(response.tokens()).isNotEmpty();
		JsonTrees.assertEquivalent(this.mapper.valueToTree(response), JsonTrees.withoutEmptyArrays(example.body()));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("detokenizeExamples")
	void detokenizeSendsTheExampleRequestAndReturnsTheExampleResponse(SpecExamples.Example example) {
		stubJson("/v1/detokenize", example);
		DetokenizeResponse response = this.client
			.detokenize(this.mapper.treeToValue(example.request(), DetokenizeRequest.class));
		verifyPosted("/v1/detokenize", example);
		assertThat(response.text()).isEqualTo(example.body().get("text").asString());
		JsonTrees.assertEquivalent(this.mapper.valueToTree(response), JsonTrees.withoutEmptyArrays(example.body()));
	}

	@Test
	void modelsSendsTheQueryParametersAndReadsThePage() throws Exception {
		// the spec's /v1/models examples carry no payload; the page follows its
		// ListModelsResponse schema
		JsonNode page;
		try (InputStream in = SpecExamples.class.getResourceAsStream("list-models-response.json")) {
			page = this.mapper.readTree(in);
		}
		String path = "/v1/models?page_size=3&page_token=abc%3D%3D&endpoint=chat&default_only=true";
		server.stubFor(get(urlEqualTo(path)).willReturn(okJson(page.toString())));
		ListModelsResponse response = this.client.models(new ListModelsRequest(3, "abc==", ModelEndpoint.CHAT, true));
		server.verify(1,
				getRequestedFor(urlEqualTo(path)).withHeader("Authorization", equalTo("Bearer spec-examples-key")));
		assertThat(response.nextPageToken()).isEqualTo(page.get("next_page_token").asString());
		assertThat(response.models()).hasSize(page.get("models").size());
		assertThat(response.models().get(0).name()).isEqualTo(page.at("/models/0/name").asString());
	}

	private static void stubJson(String path, SpecExamples.Example example) {
		server.stubFor(post(path).withRequestBody(equalToJson(example.request().toString()))
			.willReturn(okJson(example.body().toString())));
	}

	private static void verifyPosted(String path, SpecExamples.Example example) {
		server.verify(1,
				postRequestedFor(urlEqualTo(path)).withRequestBody(equalToJson(example.request().toString()))
					.withHeader("Authorization", equalTo("Bearer spec-examples-key"))
					.withHeader("X-Client-Name", equalTo("spec-examples")));
	}

	static String sse(SpecExamples.Example example) {
		StringBuilder body = new StringBuilder();
		for (JsonNode event : example.stream()) {
			body.append("event: ").append(event.get("event").asString()).append('\n');
			body.append("data: ").append(event.get("data").toString()).append("\n\n");
		}
		return body.append("data: [DONE]\n\n").toString();
	}

}
