package dev.springcohere.engine.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.springcohere.api.EmbedRequest;
import dev.springcohere.api.EmbedResponse;
import dev.springcohere.api.RerankRequest;
import dev.springcohere.api.RerankResponse;
import dev.springcohere.api.Truncate;
import dev.springcohere.engine.model.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Concurrent embed and rerank requests on the local backend share encoder passes and
 * answer as the same requests sent one at a time; an invalid request fails alone.
 */
class LocalEncodersConcurrencyTests {

	private static final int REQUESTS = 24;

	@TempDir
	static Path dir;

	private static LocalBackend backend;

	@BeforeAll
	static void open() throws Exception {
		Path chat = Fixtures.checkpointWithTokenizer("tiny-cohere2", Files.createDirectory(dir.resolve("chat")), 8192);
		Path bert = Fixtures.checkpointWithTokenizer("tiny-bert", Files.createDirectory(dir.resolve("bert")));
		Path xlmr = Fixtures.checkpointWithTokenizer("tiny-xlmr-reranker", Files.createDirectory(dir.resolve("xlmr")));
		backend = LocalBackend.builder(chat)
			.threads(2)
			.embedModel(bert, "tiny-bert")
			.rerankModel(xlmr, "tiny-reranker")
			.build();
	}

	@AfterAll
	static void close() {
		backend.close();
	}

	private static EmbedRequest embed(int i) {
		List<String> texts = new ArrayList<>();
		for (int t = 0; t <= i % 3; t++) {
			texts.add("text " + i + " part " + t + " " + "word ".repeat(i % 7));
		}
		return EmbedRequest.builder().texts(texts).build();
	}

	private static RerankRequest rerank(int i) {
		return RerankRequest.builder()
			.query("query " + i)
			.documents("first document " + i, "second " + "word ".repeat(i % 5), "third")
			.build();
	}

	@Test
	void concurrentEmbedsEqualSequentialOnes() throws Exception {
		List<EmbedResponse> sequential = new ArrayList<>();
		for (int i = 0; i < REQUESTS; i++) {
			sequential.add(backend.embed(embed(i)));
		}
		List<Future<EmbedResponse>> concurrent = new ArrayList<>();
		try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int i = 0; i < REQUESTS; i++) {
				int request = i;
				concurrent.add(callers.submit(() -> backend.embed(embed(request))));
			}
		}
		for (int i = 0; i < REQUESTS; i++) {
			EmbedResponse expected = sequential.get(i);
			EmbedResponse actual = concurrent.get(i).get(30, TimeUnit.SECONDS);
			List<List<Double>> expectedVectors = expected.embeddings().floats();
			List<List<Double>> actualVectors = actual.embeddings().floats();
			assertThat(actualVectors).hasSameSizeAs(expectedVectors).hasSize(1 + i % 3);
			for (int v = 0; v < expectedVectors.size(); v++) {
				List<Double> e = expectedVectors.get(v);
				List<Double> a = actualVectors.get(v);
				assertThat(a).hasSameSizeAs(e);
				for (int d = 0; d < e.size(); d++) {
					assertThat(a.get(d)).isCloseTo(e.get(d), within(1e-5));
				}
			}
			assertThat(actual.meta().billedUnits().inputTokens())
				.isEqualTo(expected.meta().billedUnits().inputTokens());
		}
	}

	@Test
	void concurrentReranksEqualSequentialOnes() throws Exception {
		List<RerankResponse> sequential = new ArrayList<>();
		for (int i = 0; i < REQUESTS; i++) {
			sequential.add(backend.rerank(rerank(i)));
		}
		List<Future<RerankResponse>> concurrent = new ArrayList<>();
		try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int i = 0; i < REQUESTS; i++) {
				int request = i;
				concurrent.add(callers.submit(() -> backend.rerank(rerank(request))));
			}
		}
		for (int i = 0; i < REQUESTS; i++) {
			List<RerankResponse.Result> expected = sequential.get(i).results();
			List<RerankResponse.Result> actual = concurrent.get(i).get(30, TimeUnit.SECONDS).results();
			assertThat(actual).hasSize(3);
			for (int r = 0; r < expected.size(); r++) {
				assertThat(actual.get(r).index()).isEqualTo(expected.get(r).index());
				assertThat(actual.get(r).relevanceScore()).isCloseTo(expected.get(r).relevanceScore(), within(1e-5));
			}
		}
	}

	@Test
	void anInvalidRequestAmongConcurrentOnesFailsAlone() throws Exception {
		List<Future<EmbedResponse>> concurrent = new ArrayList<>();
		try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int i = 0; i < REQUESTS; i++) {
				int request = i;
				concurrent.add(callers.submit(() -> backend.embed((request % 5 == 0)
						? EmbedRequest.builder().texts(List.of("word ".repeat(200))).truncate(Truncate.NONE).build()
						: embed(request))));
			}
		}
		for (int i = 0; i < REQUESTS; i++) {
			if (i % 5 == 0) {
				int request = i;
				assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> concurrent.get(request).get()))
					.isInstanceOf(ExecutionException.class)
					.cause()
					.isInstanceOf(IllegalArgumentException.class)
					.hasMessageContaining("truncate");
			}
			else {
				assertThat(concurrent.get(i).get().embeddings().floats()).hasSize(1 + i % 3);
			}
		}
	}

}
