package dev.springcohere.backend;

import java.util.List;

import dev.springcohere.api.ChatRequest;
import dev.springcohere.api.DetokenizeRequest;
import dev.springcohere.api.EmbedRequest;
import dev.springcohere.api.ListModelsRequest;
import dev.springcohere.api.RerankRequest;
import dev.springcohere.api.StreamEvent;
import dev.springcohere.api.TokenizeRequest;
import dev.springcohere.api.UserMessage;
import dev.springcohere.api.error.UnsupportedCapabilityException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The capability-matrix assertion of the HTTP backends' tests: a capability a backend
 * declares answers the stubbed request (chat and embed answer {@code ok} and one vector,
 * rerank one result), any other fails with an {@link UnsupportedCapabilityException}
 * naming the backend and the capability.
 */
public final class CapabilityAssertions {

	private CapabilityAssertions() {
	}

	/**
	 * Calls one capability and asserts it works or is unsupported, as
	 * {@code capabilities()} declares.
	 * @param backend the backend
	 * @param backendId the id the exception must name
	 * @param capability the capability
	 * @param tokenizerModel the model of tokenize and detokenize requests
	 */
	public static void assertWorksOrUnsupported(CohereBackend backend, String backendId, Capability capability,
			String tokenizerModel) {
		if (backend.capabilities().supports(capability)) {
			assertThat(invoke(backend, capability, tokenizerModel)).as(capability.id()).isTrue();
		}
		else {
			assertThatExceptionOfType(UnsupportedCapabilityException.class)
				.isThrownBy(() -> invoke(backend, capability, tokenizerModel))
				.satisfies((ex) -> assertThat(ex.getBackendId()).isEqualTo(backendId))
				.satisfies((ex) -> assertThat(ex.getCapability()).isEqualTo(capability.id()))
				.withMessageContaining("'" + backendId + "'")
				.withMessageContaining("'" + capability.id() + "'");
		}
	}

	private static boolean invoke(CohereBackend backend, Capability capability, String tokenizerModel) {
		ChatRequest chat = ChatRequest.builder().messages(UserMessage.of("Hi")).build();
		return switch (capability) {
			case CHAT -> backend.chat(chat).text().equals("ok");
			case CHAT_STREAM -> backend.chatStream(chat).blockLast() instanceof StreamEvent.MessageEnd;
			case EMBED -> backend.embed(EmbedRequest.builder().texts("a").build()).embeddings().floats().size() == 1;
			case RERANK ->
				backend.rerank(RerankRequest.builder().query("q").documents("d").build()).results().size() == 1;
			case TOKENIZE -> backend.tokenize(new TokenizeRequest("hi", tokenizerModel)) != null;
			case DETOKENIZE -> backend.detokenize(new DetokenizeRequest(List.of(1), tokenizerModel)) != null;
			case MODELS -> backend.models(ListModelsRequest.all()) != null;
			case CHECK_API_KEY -> backend.checkApiKey().valid();
			// the platform API operations: one call through the generic SPI method
			default -> backend.execute(new PlatformCall<>(capability, "probe", "GET", "/v1/probe", null, null,
					java.util.Map.class, dev.springcohere.api.RequestOptions.none())) != null;
		};
	}

}
