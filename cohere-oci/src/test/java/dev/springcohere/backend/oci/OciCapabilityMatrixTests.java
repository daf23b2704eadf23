package dev.springcohere.backend.oci;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import dev.springcohere.api.ChatRequest;
import dev.springcohere.api.DetokenizeRequest;
import dev.springcohere.api.EmbedRequest;
import dev.springcohere.api.FinishReason;
import dev.springcohere.api.ListModelsRequest;
import dev.springcohere.api.RerankRequest;
import dev.springcohere.api.StreamEvent;
import dev.springcohere.api.TokenizeRequest;
import dev.springcohere.api.UserMessage;
import dev.springcohere.backend.Capability;
import dev.springcohere.backend.CohereBackend;
import dev.springcohere.api.error.UnsupportedCapabilityException;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every {@link Capability}: the declared ones work over WireMock, the others fail with an
 * {@link UnsupportedCapabilityException} naming the backend and the capability.
 */
class OciCapabilityMatrixTests {

	@TempDir
	Path directory;

	private OciTestSupport oci;

	private CohereBackend backend;

	@BeforeEach
	void start() throws Exception {
		this.oci = new OciTestSupport(this.directory);
		this.backend = this.oci.backend();
		this.oci.server.stubFor(post(urlEqualTo("/20231130/actions/embedText")).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"id\": \"e\", \"embeddings\": [[1.0, 2.0]]}")));
		this.oci.server.stubFor(post(urlEqualTo("/20231130/actions/rerankText")).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"id\": \"r\", \"documentRanks\": [{\"index\": 0, \"relevanceScore\": 0.5}]}")));
	}

	@AfterEach
	void stop() {
		this.backend.close();
		this.oci.close();
	}

	@ParameterizedTest
	@EnumSource(Capability.class)
	void everyCapabilityWorksOrFailsNamingBackendAndCapability(Capability capability) {
		if (this.backend.capabilities().supports(capability)) {
			exercise(capability);
		}
		else {
			assertThatThrownBy(() -> call(capability)).isInstanceOfSatisfying(UnsupportedCapabilityException.class,
					(ex) -> {
						assertThat(ex.getBackendId()).isEqualTo("oci");
						assertThat(ex.getCapability()).isEqualTo(capability.id());
						assertThat(ex.getMessage()).contains("oci").contains(capability.id());
					});
		}
	}

	@ParameterizedTest
	@EnumSource(value = Capability.class, names = { "CHAT", "CHAT_STREAM", "EMBED", "RERANK" })
	void theOciCapabilitiesAreDeclared(Capability capability) {
		assertThat(this.backend.capabilities().supports(capability)).isTrue();
	}

	private void exercise(Capability capability) {
		switch (capability) {
			case CHAT -> {
				this.oci.server.stubFor(post(urlEqualTo("/20231130/actions/chat")).willReturn(aResponse()
					.withStatus(200)
					.withHeader("Content-Type", "application/json")
					.withBody("{\"chatResponse\": {\"apiFormat\": \"COHEREV2\", \"finishReason\": \"COMPLETE\", "
							+ "\"message\": {\"role\": \"ASSISTANT\", \"content\": [{\"type\": \"TEXT\", \"text\": \"hi\"}]}}}")));
				assertThat(this.backend.chat(chat()).text()).isEqualTo("hi");
			}
			case CHAT_STREAM -> {
				this.oci.server
					.stubFor(post(urlEqualTo("/20231130/actions/chat")).willReturn(aResponse().withStatus(200)
						.withHeader("Content-Type", "text/event-stream")
						.withBody("data: {\"message\": {\"content\": [{\"type\": \"TEXT\", \"text\": \"hi\"}]}}\n\n"
								+ "data: {\"finishReason\": \"COMPLETE\"}\n\n")));
				StreamEvent last = this.backend.chatStream(chat()).blockLast();
				assertThat(last).isInstanceOfSatisfying(StreamEvent.MessageEnd.class,
						(end) -> assertThat(end.finishReason()).isEqualTo(FinishReason.COMPLETE));
			}
			case EMBED -> assertThat(this.backend.embed(EmbedRequest.builder().model("embed-v4.0").texts("a").build())
				.embeddings()
				.floatVector(0)).containsExactly(1.0f, 2.0f);
			case RERANK -> assertThat(
					this.backend.rerank(RerankRequest.builder().model("rerank-v3.5").query("q").documents("d").build())
						.results())
				.containsExactly(new dev.springcohere.api.RerankResponse.Result(0, 0.5));
			default -> throw new AssertionError("declared but not exercised: " + capability);
		}
	}

	private static ChatRequest chat() {
		return ChatRequest.builder().model("command-a-03-2025").messages(UserMessage.of("hi")).build();
	}

	private Object call(Capability capability) {
		return switch (capability) {
			case CHAT -> this.backend.chat(chat());
			case CHAT_STREAM -> this.backend.chatStream(chat()).blockLast();
			case EMBED -> this.backend.embed(EmbedRequest.builder().texts("a").build());
			case RERANK -> this.backend.rerank(RerankRequest.builder().query("q").documents("d").build());
			case TOKENIZE -> this.backend.tokenize(new TokenizeRequest("hello", "command-a-03-2025"));
			case DETOKENIZE ->
				this.backend.detokenize(new DetokenizeRequest(java.util.List.of(1, 2), "command-a-03-2025"));
			case MODELS -> this.backend.models(ListModelsRequest.all());
			case CHECK_API_KEY -> this.backend.checkApiKey();
			// the platform API operations (fine-tuning, datasets...): one call through
			// the SPI
			default -> this.backend.execute(new dev.springcohere.backend.PlatformCall<>(capability, "probe", "GET",
					"/v1/probe", null, null, java.util.Map.class, dev.springcohere.api.RequestOptions.none()));
		};
	}

}
