package dev.springcohere.springai;

import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.springcohere.client.CohereClient;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.embedding.EmbeddingRequest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

class CohereObservationTests {

	@RegisterExtension
	static final WireMockExtension server = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort())
		.build();

	private final CohereClient client = Fixtures.client(server.baseUrl());

	private final TestObservationRegistry registry = TestObservationRegistry.create();

	@AfterEach
	void closeClient() {
		this.client.close();
	}

	@Test
	void chatCallRecordsAGenAiObservationWithModelAndTokenUsage() {
		server
			.stubFor(post(urlEqualTo("/v2/chat")).willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody(Fixtures.chatAnswer("r-1", "Hi", "COMPLETE", 11, 5))));
		CohereChatModel model = CohereChatModel.builder()
			.cohereClient(this.client)
			.observationRegistry(this.registry)
			.build();

		model.call(new Prompt("Hello", ChatOptions.builder().model("command-r7b-12-2024").build()));

		TestObservationRegistryAssert.assertThat(this.registry)
			.hasObservationWithNameEqualTo("gen_ai.client.operation")
			.that()
			.hasBeenStarted()
			.hasBeenStopped()
			.hasLowCardinalityKeyValue("gen_ai.operation.name", "chat")
			.hasLowCardinalityKeyValue("gen_ai.system", "cohere")
			.hasLowCardinalityKeyValue("gen_ai.request.model", "command-r7b-12-2024")
			.hasHighCardinalityKeyValue("gen_ai.usage.input_tokens", "11")
			.hasHighCardinalityKeyValue("gen_ai.usage.output_tokens", "5")
			.hasHighCardinalityKeyValue("gen_ai.response.id", "r-1");
	}

	@Test
	void streamRecordsOneObservationWithTheFinalUsage() {
		server.stubFor(post(urlEqualTo("/v2/chat")).willReturn(aResponse()
			.withHeader("Content-Type", "text/event-stream")
			.withBody(Fixtures.sse("""
					{"type":"message-start","id":"s1","delta":{"message":{"role":"assistant"}}}""", """
					{"type":"content-delta","index":0,"delta":{"message":{"content":{"text":"Hi"}}}}""",
					"""
							{"type":"message-end","delta":{"finish_reason":"COMPLETE","usage":{"tokens":{"input_tokens":3,"output_tokens":1}}}}"""))));
		CohereChatModel model = CohereChatModel.builder()
			.cohereClient(this.client)
			.observationRegistry(this.registry)
			.build();

		model.stream(new Prompt("Hello")).blockLast();

		TestObservationRegistryAssert.assertThat(this.registry)
			.hasNumberOfObservationsWithNameEqualTo("gen_ai.client.operation", 1)
			.hasObservationWithNameEqualTo("gen_ai.client.operation")
			.that()
			.hasBeenStopped()
			.hasLowCardinalityKeyValue("gen_ai.request.model", "command-a-03-2025")
			.hasHighCardinalityKeyValue("gen_ai.usage.input_tokens", "3");
	}

	@Test
	void embedCallRecordsAnEmbeddingObservation() {
		server.stubFor(post(urlEqualTo("/v2/embed"))
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("""
					{"embeddings":{"float":[[0.1,0.2]]},"meta":{"billed_units":{"input_tokens":4}}}""")));
		CohereEmbeddingModel model = new CohereEmbeddingModel(this.client, CohereEmbeddingOptions.builder().build(),
				this.registry, null);

		model.call(new EmbeddingRequest(List.of("x"), null));

		TestObservationRegistryAssert.assertThat(this.registry)
			.hasObservationWithNameEqualTo("gen_ai.client.operation")
			.that()
			.hasBeenStopped()
			.hasLowCardinalityKeyValue("gen_ai.operation.name", "embedding")
			.hasLowCardinalityKeyValue("gen_ai.request.model", "embed-v4.0")
			.hasHighCardinalityKeyValue("gen_ai.usage.input_tokens", "4");
	}

}
