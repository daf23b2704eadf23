package dev.springcohere.backend;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import dev.springcohere.api.ChatRequest;
import dev.springcohere.api.ChatResponse;
import dev.springcohere.api.EmbedRequest;
import dev.springcohere.api.ListModelsRequest;
import dev.springcohere.api.RerankRequest;
import dev.springcohere.api.TokenizeRequest;
import dev.springcohere.api.UserMessage;
import dev.springcohere.backend.platform.PlatformBackend;
import dev.springcohere.api.error.UnsupportedCapabilityException;
import dev.springcohere.http.ApiKey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests provider discovery ({@link CohereBackends}), {@link BackendSettings},
 * {@link Capabilities} and the default methods of {@link CohereBackend}.
 */
class CohereBackendsTests {

	private static final ChatRequest CHAT = ChatRequest.builder().messages(UserMessage.of("hi")).build();

	@Test
	void serviceLoaderFindsThePlatformAndPrivateBackends() {
		CohereBackends backends = CohereBackends.load();
		assertThat(backends.ids()).contains("platform", "private");
		try (CohereBackend backend = backends.create("platform",
				BackendSettings.builder().apiKey(ApiKey.of("k-123")).build())) {
			assertThat(backend).isInstanceOf(PlatformBackend.class);
			assertThat(backend.id()).isEqualTo("platform");
			assertThat(backend.capabilities()).isEqualTo(Capabilities.all());
			assertThat(((PlatformBackend) backend).getTransport().getSettings().getBaseUrl())
				.hasToString("https://api.cohere.com");
		}
		try (CohereBackend backend = backends.create("private",
				BackendSettings.builder().baseUrl("https://cohere.internal.example/").clientName("app").build())) {
			assertThat(backend.id()).isEqualTo("private");
			assertThat(((PlatformBackend) backend).getTransport().getSettings().getBaseUrl())
				.hasToString("https://cohere.internal.example");
			assertThat(((PlatformBackend) backend).getTransport().getSettings().getClientName()).isEqualTo("app");
		}
	}

	@Test
	void unknownIdListsTheAvailableIdsAndTheModuleToAdd() {
		CohereBackends backends = CohereBackends.load();
		assertThatExceptionOfType(UnknownBackendException.class).isThrownBy(() -> backends.get("bedrock"))
			.withMessageContaining("'bedrock' backend is provided by dev.springcohere:cohere-aws")
			.satisfies((ex) -> assertThat(ex.getBackendId()).isEqualTo("bedrock"))
			.satisfies((ex) -> assertThat(ex.getArtifact()).isEqualTo("dev.springcohere:cohere-aws"))
			.satisfies((ex) -> assertThat(ex.isKnownBackend()).isTrue())
			.satisfies((ex) -> assertThat(ex.getAvailableIds()).contains("platform", "private"));
		assertThatExceptionOfType(UnknownBackendException.class).isThrownBy(() -> backends.get("local"))
			.satisfies((ex) -> assertThat(ex.getArtifact()).isEqualTo("dev.springcohere:cohere-engine"));
		assertThat(backends.get("azure").id()).isEqualTo("azure");
		assertThat(backends.get("openai-compat").id()).isEqualTo("openai-compat");
		assertThatExceptionOfType(UnknownBackendException.class).isThrownBy(() -> backends.get("plaform"))
			.withMessageContaining("available: platform, private")
			.satisfies((ex) -> assertThat(ex.isKnownBackend()).isFalse())
			.satisfies((ex) -> assertThat(ex.getArtifact()).isNull());
		assertThat(backends.find("nope")).isNull();
	}

	@Test
	void duplicateIdsAreRejected() {
		assertThatIllegalStateException()
			.isThrownBy(() -> CohereBackends.of(List.of(new MiniProvider(), new MiniProvider())))
			.withMessageContaining("Two backend providers have the id 'mini'");
	}

	@Test
	void providersCheckTheirSettings() {
		CohereBackends backends = CohereBackends.load();
		assertThatIllegalStateException()
			.isThrownBy(() -> backends.create("platform", BackendSettings.builder().build()))
			.withMessageContaining("CO_API_KEY");
		assertThatIllegalStateException()
			.isThrownBy(() -> backends.create("private", BackendSettings.builder().build()))
			.withMessageContaining("base URL");
	}

	@Test
	void optionalOperationsFailNamingTheBackendAndCapability() {
		CohereBackends backends = CohereBackends.of(List.of(new MiniProvider()));
		CohereBackend mini = backends.create("mini", BackendSettings.builder().build());
		assertThat(mini.chat(CHAT).text()).isEqualTo("mini");
		StepVerifier.create(mini.chatAsync(CHAT))
			.assertNext((response) -> assertThat(response.text()).isEqualTo("mini"))
			.verifyComplete();
		assertUnsupported(() -> mini.embed(EmbedRequest.builder().texts("a").build()), "embed");
		assertUnsupported(() -> mini.rerank(RerankRequest.builder().query("q").documents("d").build()), "rerank");
		assertUnsupported(() -> mini.tokenize(TokenizeRequest.of("m", "t")), "tokenize");
		assertUnsupported(() -> mini.detokenize(dev.springcohere.api.DetokenizeRequest.of("m", List.of(1))),
				"detokenize");
		assertUnsupported(() -> mini.models(ListModelsRequest.all()), "models");
		StepVerifier.create(mini.chatStream(CHAT))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(UnsupportedCapabilityException.class)
				.hasMessageContaining("'mini' backend does not support 'chat-stream'"))
			.verify(Duration.ofSeconds(5));
		StepVerifier.create(mini.embedAsync(EmbedRequest.builder().texts("a").build()))
			.expectError(UnsupportedCapabilityException.class)
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void capabilitiesAreAnImmutableSet() {
		Capabilities capabilities = Capabilities.of(Capability.CHAT, Capability.EMBED);
		assertThat(capabilities.supports(Capability.EMBED)).isTrue();
		assertThat(capabilities.supports(Capability.RERANK)).isFalse();
		assertThat(capabilities).isEqualTo(Capabilities.of(List.of(Capability.EMBED, Capability.CHAT)));
		assertThat(capabilities).hasToString("Capabilities[chat, embed]");
		assertThat(Capabilities.all().asSet()).hasSize(Capability.values().length);
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> capabilities.asSet().add(Capability.MODELS));
	}

	private static void assertUnsupported(Runnable call, String capability) {
		assertThatExceptionOfType(UnsupportedCapabilityException.class).isThrownBy(call::run)
			.satisfies((ex) -> assertThat(ex.getBackendId()).isEqualTo("mini"))
			.satisfies((ex) -> assertThat(ex.getCapability()).isEqualTo(capability));
	}

	/** A provider of a backend that can only chat. */
	static final class MiniProvider implements CohereBackendProvider {

		@Override
		public String id() {
			return "mini";
		}

		@Override
		public CohereBackend create(BackendSettings settings) {
			return new CohereBackend() {

				@Override
				public String id() {
					return "mini";
				}

				@Override
				public Capabilities capabilities() {
					return Capabilities.of(Capability.CHAT);
				}

				@Override
				public ChatResponse chat(ChatRequest request) {
					return new ChatResponse("m", null, dev.springcohere.api.AssistantMessage.of("mini"), null, null);
				}

			};
		}

	}

}
