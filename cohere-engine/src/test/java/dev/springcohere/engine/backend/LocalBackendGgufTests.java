package dev.springcohere.engine.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.springcohere.api.ChatRequest;
import dev.springcohere.api.ChatResponse;
import dev.springcohere.api.UserMessage;
import dev.springcohere.backend.BackendSettings;
import dev.springcohere.backend.CohereBackend;
import dev.springcohere.backend.CohereBackends;
import dev.springcohere.engine.hub.FakeHub;
import dev.springcohere.engine.model.DType;
import dev.springcohere.engine.model.GgufFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code local.model} naming a GGUF file, local or {@code org/name:FILE.gguf} on the Hub:
 * the backend chats exactly as with the safetensors checkpoint the file was converted
 * from.
 */
class LocalBackendGgufTests {

	@TempDir
	Path dir;

	private static ChatRequest hello() {
		return ChatRequest.builder().messages(UserMessage.of("Hello")).temperature(0.0).maxTokens(6).build();
	}

	private static ChatResponse chat(BackendSettings.Builder settings) {
		try (CohereBackend backend = CohereBackends.load()
			.create("local", settings.property("local.threads", "1").build())) {
			return backend.chat(hello());
		}
	}

	@Test
	void ggufFileChatsLikeTheCheckpointItWasConvertedFrom() {
		Path file = GgufFixtures.write("tiny-cohere2", DType.BF16, 8192, this.dir.resolve("tiny.gguf"));
		Path checkpoint = LocalBackendTests.checkpoint(this.dir.resolve("checkpoint"));
		ChatResponse gguf = chat(BackendSettings.builder().property("local.model", file.toString()));
		ChatResponse safetensors = chat(BackendSettings.builder().property("local.model", checkpoint.toString()));
		assertThat(gguf.usage()).isEqualTo(safetensors.usage());
		assertThat(gguf.usage().inputTokens()).isGreaterThan(100L);
		assertThat(gguf.message()).isEqualTo(safetensors.message());
		assertThat(gguf.finishReason()).isEqualTo(safetensors.finishReason());
	}

	@Test
	void ggufFileOfAHubRepositoryIsDownloadedIntoTheConfiguredCache() throws Exception {
		Path staged = GgufFixtures.write("tiny-cohere2", DType.BF16, 8192, this.dir.resolve("staged.gguf"));
		try (FakeHub hub = new FakeHub()) {
			hub.publish("acme/tiny-GGUF", "6666666666666666666666666666666666666666",
					Map.of("tiny-BF16.gguf", new FakeHub.HubFile(Files.readAllBytes(staged), true)), "main");
			Path cache = this.dir.resolve("cache");
			ChatResponse response = chat(BackendSettings.builder()
				.property("local.model", "acme/tiny-GGUF:tiny-BF16.gguf")
				.property("local.hub-url", hub.endpoint().toString())
				.property("local.cache-dir", cache.toString()));
			assertThat(hub.downloads()).isPositive();
			assertThat(cache).isDirectoryRecursivelyContaining("glob:**/tiny-BF16.gguf");
			assertThat(response.usage().outputTokens()).isBetween(1L, 6L);
			ChatResponse local = chat(BackendSettings.builder().property("local.model", staged.toString()));
			assertThat(response.message()).isEqualTo(local.message());
		}
	}

}
