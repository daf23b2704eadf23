package dev.springcohere.sample.localengine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.springcohere.engine.model.Fixtures;
import dev.springcohere.sample.support.test.AbstractSampleApiTests;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With a chat model only, embed and rerank answer 501 naming the property that adds them,
 * and a request longer than the context answers 422 with the engine's message.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "cohere.backend=local", "cohere.local.threads=2", "cohere.local.max-context=2048" })
class LocalEngineChatOnlyTests extends AbstractSampleApiTests {

	static final Path model = assembleModel();

	private static Path assembleModel() {
		try {
			return Fixtures.checkpointWithTokenizer("tiny-cohere2",
					Files.createTempDirectory(Files.createDirectories(Path.of("target", "test-models")), "chat-only-")
						.resolve("chat"),
					8192);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@DynamicPropertySource
	static void engineProperties(DynamicPropertyRegistry registry) {
		registry.add("cohere.local.model", model::toString);
	}

	@Test
	void embedAndRerankWithoutTheirModelsAnswer501NamingTheProperty() throws Exception {
		HttpResponse<String> embed = postJson("/api/embed", "{\"texts\":[\"hello\"]}");
		assertThat(embed.statusCode()).isEqualTo(501);
		assertThat(error(embed)).contains("cohere.local.embed-model");
		HttpResponse<String> rerank = postJson("/api/rerank", "{\"query\":\"q\",\"documents\":[\"a\"]}");
		assertThat(rerank.statusCode()).isEqualTo(501);
		assertThat(error(rerank)).contains("cohere.local.rerank-model");
	}

	@Test
	void requestLongerThanTheContextAnswers422WithTheEnginesMessage() throws Exception {
		HttpResponse<String> response = postJson("/api/chat", "{\"message\":\"Hi\",\"maxTokens\":4000}");
		assertThat(response.statusCode()).isEqualTo(422);
		assertThat(error(response)).startsWith("The local engine cannot serve the request").contains("4000");
	}

}
