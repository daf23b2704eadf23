package dev.springcohere.backend.aws;

import java.util.List;
import java.util.ServiceLoader;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

import dev.springcohere.api.ChatRequest;
import dev.springcohere.api.DetokenizeRequest;
import dev.springcohere.api.EmbedInputType;
import dev.springcohere.api.EmbedRequest;
import dev.springcohere.api.ListModelsRequest;
import dev.springcohere.api.RerankRequest;
import dev.springcohere.api.StreamEvent;
import dev.springcohere.api.TokenizeRequest;
import dev.springcohere.api.UserMessage;
import dev.springcohere.backend.BackendSettings;
import dev.springcohere.backend.Capability;
import dev.springcohere.backend.CohereBackend;
import dev.springcohere.backend.CohereBackendProvider;
import dev.springcohere.api.error.UnsupportedCapabilityException;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Base of the AWS backend tests: a WireMock server started once per class and reset
 * before each test, and a backend pointed at it (with {@link AwsTestSettings}) that is
 * closed after the class.
 *
 * @param <B> the backend type
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class AwsBackendTestSupport<B extends CohereBackend> {

	/** The local server standing in for the AWS service. */
	protected WireMockServer server;

	/** The backend under test. */
	protected B backend;

	/**
	 * Creates the backend under test.
	 * @param baseUrl the URL of the local server
	 * @return the backend
	 */
	protected abstract B createBackend(String baseUrl);

	@BeforeAll
	void startServerAndBackend() {
		this.server = new WireMockServer(options().dynamicPort());
		this.server.start();
		this.backend = createBackend(this.server.baseUrl());
	}

	@BeforeEach
	void resetServer() {
		this.server.resetAll();
	}

	@AfterAll
	void stopBackendAndServer() {
		this.backend.close();
		this.server.stop();
	}

	/**
	 * Returns a 200 answer carrying AWS event-stream frames.
	 * @param frames the frames
	 * @return the response definition
	 */
	protected static ResponseDefinitionBuilder eventStream(EventStreamFrames frames) {
		return aResponse().withStatus(200)
			.withHeader("Content-Type", "application/vnd.amazon.eventstream")
			.withBody(frames.toByteArray());
	}

	/**
	 * Returns a 200 JSON answer.
	 * @param json the body
	 * @return the response definition
	 */
	protected static ResponseDefinitionBuilder json(String json) {
		return aResponse().withHeader("Content-Type", "application/json").withBody(json);
	}

	/**
	 * Creates a backend the way applications get it: through its
	 * {@link CohereBackendProvider} found by {@link ServiceLoader}.
	 * @param id the backend id
	 * @param settings the settings
	 * @return the backend
	 */
	protected static CohereBackend loadBackend(String id, BackendSettings settings) {
		CohereBackendProvider provider = ServiceLoader.load(CohereBackendProvider.class)
			.stream()
			.map(ServiceLoader.Provider::get)
			.filter((candidate) -> candidate.id().equals(id))
			.findFirst()
			.orElseThrow();
		return provider.create(settings);
	}

	/**
	 * Asserts that a capability the backend declares answers the stubbed request, and
	 * that any other fails with an {@link UnsupportedCapabilityException} naming the
	 * backend and the capability.
	 * @param capability the capability
	 * @param chatModel the model of chat, tokenize and detokenize requests, or
	 * {@code null}
	 * @param embedModel the model of embed requests, or {@code null}
	 * @param rerankModel the model of rerank requests, or {@code null}
	 */
	protected void assertWorksOrUnsupported(Capability capability, @Nullable String chatModel,
			@Nullable String embedModel, @Nullable String rerankModel) {
		if (this.backend.capabilities().supports(capability)) {
			assertThat(call(capability, chatModel, embedModel, rerankModel)).isTrue();
		}
		else {
			assertThatExceptionOfType(UnsupportedCapabilityException.class)
				.isThrownBy(() -> call(capability, chatModel, embedModel, rerankModel))
				.withMessageContaining("'" + this.backend.id() + "'")
				.withMessageContaining("'" + capability.id() + "'");
		}
	}

	private boolean call(Capability capability, @Nullable String chatModel, @Nullable String embedModel,
			@Nullable String rerankModel) {
		ChatRequest chat = ChatRequest.builder().model(chatModel).messages(UserMessage.of("Hi")).build();
		return switch (capability) {
			case CHAT -> this.backend.chat(chat).text().equals("Hi");
			case CHAT_STREAM -> {
				List<StreamEvent> events = this.backend.chatStream(chat).collectList().block();
				yield events.get(events.size() - 1) instanceof StreamEvent.MessageEnd;
			}
			case EMBED -> this.backend.embed(
					EmbedRequest.builder().model(embedModel).texts("x").inputType(EmbedInputType.SEARCH_QUERY).build())
				.embeddings()
				.floats()
				.size() == 1;
			case RERANK ->
				this.backend.rerank(RerankRequest.builder().model(rerankModel).query("q").documents("d").build())
					.results()
					.size() == 1;
			case TOKENIZE -> this.backend.tokenize(new TokenizeRequest("Hi", chatModel)) != null;
			case DETOKENIZE -> this.backend.detokenize(new DetokenizeRequest(List.of(1), chatModel)) != null;
			case MODELS -> this.backend.models(ListModelsRequest.all()) != null;
			case CHECK_API_KEY -> this.backend.checkApiKey().valid();
			// the platform API operations (fine-tuning, datasets...): one call through
			// the SPI
			default -> this.backend.execute(new dev.springcohere.backend.PlatformCall<>(capability, "probe", "GET",
					"/v1/probe", null, null, java.util.Map.class, dev.springcohere.api.RequestOptions.none())) != null;
		};
	}

}
