package dev.springcohere.engine.backend;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.springcohere.api.ChatRequest;
import dev.springcohere.api.EmbedRequest;
import dev.springcohere.api.EmbedResponse;
import dev.springcohere.api.RerankRequest;
import dev.springcohere.api.RerankResponse;
import dev.springcohere.api.StreamEvent;
import dev.springcohere.api.UserMessage;
import dev.springcohere.backend.BackendSettings;
import dev.springcohere.backend.Capability;
import dev.springcohere.backend.CohereBackend;
import dev.springcohere.backend.CohereBackends;
import dev.springcohere.client.CohereClient;
import dev.springcohere.engine.decode.KvCacheType;
import dev.springcohere.engine.hub.FakeHub;
import dev.springcohere.engine.model.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The {@code local} backend found through {@link java.util.ServiceLoader} and configured
 * by properties.
 */
class LocalBackendProviderTests {

	@TempDir
	Path dir;

	private static ChatRequest hello(int maxTokens) {
		return ChatRequest.builder().messages(UserMessage.of("Hello")).temperature(0.0).maxTokens(maxTokens).build();
	}

	@Test
	void serviceLoaderFindsTheLocalBackend() {
		assertThat(CohereBackends.load().ids()).contains("local");
		assertThat(CohereBackends.load().get("local")).isInstanceOf(LocalBackendProvider.class);
	}

	@Test
	void clientBuiltByBackendIdChatsWithTheConfiguredModel() {
		Path model = LocalBackendTests.checkpoint(this.dir.resolve("chat"));
		CohereClient client = CohereClient.builder()
			.backendId("local")
			.property("local.model", model.toString())
			.property("local.threads", "1")
			.property("local.pool-size", "2")
			.build();
		try {
			assertThat(client.chat(hello(3)).usage().outputTokens()).isBetween(1L, 3L);
			assertThat(client.chatStream(hello(3)).collectList().block()).first()
				.isInstanceOf(StreamEvent.MessageStart.class);
		}
		finally {
			client.close();
		}
	}

	@Test
	void embedAndRerankModelsAddTheirCapabilities() throws Exception {
		Path chat = LocalBackendTests.checkpoint(this.dir.resolve("chat"));
		Path embed = Fixtures.checkpointWithTokenizer("tiny-bert", Files.createDirectories(this.dir.resolve("embed")));
		Path rerank = Fixtures.checkpointWithTokenizer("tiny-xlmr-reranker",
				Files.createDirectories(this.dir.resolve("rerank")));
		BackendSettings settings = BackendSettings.builder()
			.property("local.model", chat.toString())
			.property("local.embed-model", embed.toString())
			.property("local.rerank-model", rerank.toString())
			.property("local.threads", "1")
			.build();
		try (CohereBackend backend = CohereBackends.load().create("local", settings)) {
			assertThat(backend.capabilities().supports(Capability.EMBED)).isTrue();
			assertThat(backend.capabilities().supports(Capability.RERANK)).isTrue();
			assertThat(backend.capabilities().supports(Capability.MODELS)).isFalse();
			EmbedResponse embedded = backend.embed(EmbedRequest.builder().texts(List.of("hello", "world")).build());
			assertThat(embedded.embeddings().floats()).hasSize(2);
			RerankResponse ranked = backend
				.rerank(RerankRequest.builder().query("hello").documents(List.of("hello there", "goodbye")).build());
			assertThat(ranked.results()).hasSize(2);
		}
	}

	@Test
	void modelIdIsDownloadedFromTheConfiguredHubIntoTheConfiguredCache() throws Exception {
		Path staged = LocalBackendTests.checkpoint(this.dir.resolve("staged"));
		Map<String, FakeHub.HubFile> files = new HashMap<>();
		for (String name : List.of("config.json", "generation_config.json", "tokenizer.json",
				"tokenizer_config.json")) {
			files.put(name, new FakeHub.HubFile(Files.readAllBytes(staged.resolve(name)), false));
		}
		files.put("model.safetensors",
				new FakeHub.HubFile(Files.readAllBytes(staged.resolve("model.safetensors")), true));
		try (FakeHub hub = new FakeHub()) {
			hub.publish("acme/tiny-chat", "0123456789abcdef0123456789abcdef01234567", files, "main");
			Path cache = this.dir.resolve("cache");
			BackendSettings settings = BackendSettings.builder()
				.property("local.model", "acme/tiny-chat")
				.property("local.hub-url", hub.endpoint().toString())
				.property("local.cache-dir", cache.toString())
				.property("local.threads", "1")
				.build();
			try (CohereBackend backend = new LocalBackendProvider().create(settings)) {
				assertThat(hub.downloads()).isPositive();
				assertThat(cache).isDirectoryRecursivelyContaining("glob:**/model.safetensors");
				ChatRequest request = hello(2).mutate().model("acme/tiny-chat").build();
				assertThat(backend.chat(request).usage().outputTokens()).isBetween(1L, 2L);
			}
		}
	}

	@Test
	void kvCacheTypeSettingChoosesTheCacheFormatAndRefusesUnknownOnes() {
		Path model = LocalBackendTests.checkpoint(this.dir.resolve("chat"));
		LocalBackendProvider provider = new LocalBackendProvider();
		assertThat(provider.settings()).contains(LocalBackendProvider.KV_CACHE_TYPE);
		assertThat(LocalBackendProvider.KV_CACHE_TYPE.defaultValue()).isEqualTo(KvCacheType.BF16);
		for (String type : List.of("f32", "BF16", "f16")) {
			try (CohereBackend backend = provider.create(BackendSettings.builder()
				.property("local.model", model.toString())
				.property("local.threads", "1")
				.property("local.kv-cache-type", type)
				.build())) {
				assertThat(((LocalBackend) backend).kvCacheType()).isEqualTo(KvCacheType.of(type));
				assertThat(backend.chat(hello(2)).usage().outputTokens()).isBetween(1L, 2L);
			}
		}
		try (CohereBackend backend = provider.create(BackendSettings.builder()
			.property("local.model", model.toString())
			.property("local.threads", "1")
			.build())) {
			assertThat(((LocalBackend) backend).kvCacheType()).isEqualTo(KvCacheType.BF16);
		}
		assertThatIllegalStateException().isThrownBy(() -> provider.create(BackendSettings.builder()
			.property("local.model", model.toString())
			.property("local.kv-cache-type", "q8")
			.build())).withMessageContaining("cohere.local.kv-cache-type").withMessageContaining("f32, bf16, f16");
	}

	@Test
	void missingModelOrUnsupportedDeviceFailClearly() {
		LocalBackendProvider provider = new LocalBackendProvider();
		assertThatIllegalStateException().isThrownBy(() -> provider.create(BackendSettings.builder().build()))
			.withMessageContaining("cohere.local.model");
		assertThatIllegalStateException()
			.isThrownBy(() -> provider.create(BackendSettings.builder()
				.property("local.model", this.dir.toString())
				.property("local.device", "cuda")
				.build()))
			.withMessageStartingWith("cohere.local.device cuda: ")
			.withMessageEndingWith("; use 'auto' or 'cpu'");
		assertThatIllegalStateException().isThrownBy(() -> provider.create(BackendSettings.builder()
			.property("local.model", this.dir.toString())
			.property("local.pool-size", "many")
			.build())).withMessageContaining("cohere.local.pool-size");
		assertThatIllegalStateException().isThrownBy(() -> provider.create(BackendSettings.builder()
			.property("local.model", this.dir.toString())
			.property("local.quantize", "q4_k")
			.build())).withMessageContaining("cohere.local.quantize").withMessageContaining("q8-0");
		assertThatIllegalStateException().isThrownBy(() -> provider.create(BackendSettings.builder()
			.property("local.model", this.dir.toString())
			.property("local.quantize", "q4_0")
			.property("local.quantize-output", "q6_k")
			.build())).withMessageContaining("cohere.local.quantize-output").withMessageContaining("q8-0");
	}

	@Test
	void quantizedModelChatsLikeTheFullPrecisionOneOnItsFirstTokens() {
		Path model = LocalBackendTests.checkpoint(this.dir.resolve("chat"));
		ChatRequest request = hello(3);
		CohereClient full = CohereClient.builder()
			.backendId("local")
			.property("local.model", model.toString())
			.property("local.threads", "1")
			.build();
		CohereClient q8 = CohereClient.builder()
			.backendId("local")
			.property("local.model", model.toString())
			.property("local.threads", "1")
			.property("local.quantize", "q8_0")
			.build();
		try {
			assertThat(q8.chat(request).usage().outputTokens()).isBetween(1L, 3L);
			assertThat(q8.chat(request).message().content()).isEqualTo(full.chat(request).message().content());
		}
		finally {
			full.close();
			q8.close();
		}
	}

}
