package dev.springcohere.backend.sagemaker;

import java.util.List;
import java.util.ServiceLoader;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.springcohere.api.ChatRequest;
import dev.springcohere.api.DetokenizeRequest;
import dev.springcohere.api.EmbedInputType;
import dev.springcohere.api.EmbedRequest;
import dev.springcohere.api.ListModelsRequest;
import dev.springcohere.api.RerankRequest;
import dev.springcohere.api.StreamEvent;
import dev.springcohere.api.TokenizeRequest;
import dev.springcohere.api.UserMessage;
import dev.springcohere.backend.Capability;
import dev.springcohere.backend.CohereBackend;
import dev.springcohere.backend.CohereBackendProvider;
import dev.springcohere.backend.aws.AwsTestSettings;
import dev.springcohere.backend.aws.EventStreamFrames;
import dev.springcohere.client.UnsupportedCapabilityException;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Every capability of the {@code sagemaker} backend (with an endpoint for chat, embed and rerank) either works
 * against a local server or fails with an {@link UnsupportedCapabilityException} naming the backend and the
 * capability, and {@code capabilities()} says which.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SagemakerCapabilityMatrixTests {

	private WireMockServer server;

	private CohereBackend backend;

	@BeforeAll
	void start() {
		this.server = new WireMockServer(options().dynamicPort());
		this.server.start();
		CohereBackendProvider provider = ServiceLoader.load(CohereBackendProvider.class)
			.stream()
			.map(ServiceLoader.Provider::get)
			.filter((candidate) -> candidate.id().equals("sagemaker"))
			.findFirst()
			.orElseThrow();
		this.backend = provider.create(AwsTestSettings.builder("sagemaker", this.server.baseUrl())
			.property("sagemaker.chat-endpoint-name", "chat")
			.property("sagemaker.embed-endpoint-name", "embed")
			.property("sagemaker.rerank-endpoint-name", "rerank")
			.build());
	}

	@BeforeEach
	void stub() {
		this.server.resetAll();
		this.server.stubFor(post(urlPathEqualTo("/endpoints/chat/invocations"))
			.willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody("{\"text\": \"Hi\", \"finish_reason\": \"COMPLETE\"}")));
		this.server.stubFor(post(urlPathEqualTo("/endpoints/chat/invocations-response-stream"))
			.willReturn(aResponse().withHeader("Content-Type", "application/vnd.amazon.eventstream")
				.withBody(new EventStreamFrames()
					.sagemakerPart("{\"event_type\":\"text-generation\",\"text\":\"Hi\"}\n{\"event_type\":\"stream-"
						.getBytes())
					.sagemakerPart("end\",\"finish_reason\":\"COMPLETE\"}\n".getBytes())
					.toByteArray())));
		this.server.stubFor(post(urlPathEqualTo("/endpoints/embed/invocations"))
			.willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody("{\"id\": \"e\", \"embeddings\": [[1.0]]}")));
		this.server.stubFor(post(urlPathEqualTo("/endpoints/rerank/invocations"))
			.willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody("{\"id\": \"r\", \"results\": [{\"index\": 0, \"relevance_score\": 0.5}]}")));
	}

	@AfterAll
	void stop() {
		this.backend.close();
		this.server.stop();
	}

	@Test
	void declaresChatStreamEmbedAndRerankOnly() {
		assertThat(this.backend.id()).isEqualTo("sagemaker");
		assertThat(this.backend.capabilities().asSet()).containsExactlyInAnyOrder(Capability.CHAT,
				Capability.CHAT_STREAM, Capability.EMBED, Capability.RERANK);
	}

	@ParameterizedTest
	@EnumSource(Capability.class)
	void everyCapabilityWorksOrFailsNamingBackendAndCapability(Capability capability) {
		if (this.backend.capabilities().supports(capability)) {
			assertThat(call(capability)).isTrue();
		}
		else {
			assertThatExceptionOfType(UnsupportedCapabilityException.class).isThrownBy(() -> call(capability))
				.withMessageContaining("'sagemaker'")
				.withMessageContaining("'" + capability.id() + "'");
		}
	}

	private boolean call(Capability capability) {
		ChatRequest chat = ChatRequest.builder().messages(UserMessage.of("Hi")).build();
		return switch (capability) {
			case CHAT -> this.backend.chat(chat).text().equals("Hi");
			case CHAT_STREAM -> {
				List<StreamEvent> events = this.backend.chatStream(chat).collectList().block();
				yield events.get(events.size() - 1) instanceof StreamEvent.MessageEnd;
			}
			case EMBED -> this.backend.embed(EmbedRequest.builder()
				.texts("x")
				.inputType(EmbedInputType.SEARCH_QUERY)
				.build()).embeddings().floats().size() == 1;
			case RERANK -> this.backend.rerank(RerankRequest.builder().query("q").documents("d").build())
				.results()
				.size() == 1;
			case TOKENIZE -> this.backend.tokenize(new TokenizeRequest("Hi", null)) != null;
			case DETOKENIZE -> this.backend.detokenize(new DetokenizeRequest(List.of(1), null)) != null;
			case MODELS -> this.backend.models(ListModelsRequest.all()) != null;
		};
	}

}
