package dev.springcohere.engine.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.springcohere.api.ChatRequest;
import dev.springcohere.api.ChatResponse;
import dev.springcohere.api.EmbedInputType;
import dev.springcohere.api.EmbedRequest;
import dev.springcohere.api.EmbedResponse;
import dev.springcohere.api.EmbeddingType;
import dev.springcohere.api.RerankRequest;
import dev.springcohere.api.RerankResponse;
import dev.springcohere.backend.Capabilities;
import dev.springcohere.backend.Capability;
import dev.springcohere.backend.CohereBackend;
import dev.springcohere.client.CohereClient;
import dev.springcohere.api.error.CohereInvalidRequestException;
import dev.springcohere.http.CohereRetryPolicy;
import dev.springcohere.engine.backend.LocalEmbeddings;
import dev.springcohere.engine.backend.LocalReranking;
import dev.springcohere.engine.cpu.ScalarKernels;
import dev.springcohere.engine.encode.CrossEncoderReranker;
import dev.springcohere.engine.encode.EmbeddingEncoder;
import dev.springcohere.engine.model.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server in front of the real local embedding and reranking models, called by
 * {@link CohereClient}.
 */
class LocalModelsServerTests {

	@TempDir
	static Path dir;

	private static EmbeddingEncoder encoder;

	private static CrossEncoderReranker reranker;

	private static LocalEmbeddings embeddings;

	private static LocalReranking reranking;

	private static CohereCompatibleServer server;

	private static CohereClient client;

	/**
	 * Embeds and reranks with the local models; chat is not offered.
	 */
	private record EncoderBackend(LocalEmbeddings embeddings, LocalReranking reranking) implements CohereBackend {

		@Override
		public String id() {
			return "local-encoders";
		}

		@Override
		public Capabilities capabilities() {
			return Capabilities.of(Capability.EMBED, Capability.RERANK);
		}

		@Override
		public ChatResponse chat(ChatRequest request) {
			throw unsupported(Capability.CHAT);
		}

		@Override
		public EmbedResponse embed(EmbedRequest request) {
			return this.embeddings.embed(request);
		}

		@Override
		public RerankResponse rerank(RerankRequest request) {
			return this.reranking.rerank(request);
		}

	}

	@BeforeAll
	static void start() throws Exception {
		Path bert = Files.createDirectory(dir.resolve("bert"));
		Path xlmr = Files.createDirectory(dir.resolve("xlmr"));
		encoder = EmbeddingEncoder.open(Fixtures.checkpointWithTokenizer("tiny-bert", bert), new ScalarKernels());
		reranker = CrossEncoderReranker.open(Fixtures.checkpointWithTokenizer("tiny-xlmr-reranker", xlmr),
				new ScalarKernels());
		embeddings = new LocalEmbeddings(encoder, "tiny-bert");
		reranking = new LocalReranking(reranker, "tiny-reranker");
		server = CohereCompatibleServer.start(new EncoderBackend(embeddings, reranking),
				new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
		client = CohereClient.builder()
			.backendId("private")
			.baseUrl(server.baseUrl())
			.environment((name) -> null)
			.retryPolicy(CohereRetryPolicy.none())
			.build();
	}

	@AfterAll
	static void stop() {
		client.close();
		server.close();
		reranker.close();
		encoder.close();
	}

	@Test
	void embeddingsOverHttpEqualTheLocalOnes() {
		EmbedRequest request = EmbedRequest.builder()
			.texts("Hello, world!", "Local embeddings over HTTP")
			.inputType(EmbedInputType.SEARCH_DOCUMENT)
			.embeddingTypes(EmbeddingType.FLOAT, EmbeddingType.INT8, EmbeddingType.UBINARY, EmbeddingType.BASE64)
			.outputDimension(32)
			.build();
		EmbedResponse remote = client.embed(request);
		EmbedResponse local = embeddings.embed(request);
		assertThat(remote.embeddings()).isEqualTo(local.embeddings());
		assertThat(remote.embeddings().floatVector(1)).hasSize(32).isEqualTo(local.embeddings().floatVector(1));
		assertThat(remote.texts()).isEqualTo(request.texts());
		assertThat(remote.meta().billedUnits().inputTokens()).isEqualTo(local.meta().billedUnits().inputTokens());
	}

	@Test
	void rerankingOverHttpEqualsTheLocalOne() {
		RerankRequest request = RerankRequest.builder()
			.query("what is a reranker?")
			.documents("A reranker scores documents.", "Bananas are yellow.", "Rerankers order results.")
			.topN(2)
			.build();
		RerankResponse remote = client.rerank(request);
		RerankResponse local = reranking.rerank(request);
		assertThat(remote.results()).hasSize(2);
		for (int i = 0; i < 2; i++) {
			assertThat(remote.results().get(i).index()).isEqualTo(local.results().get(i).index());
			assertThat(remote.results().get(i).relevanceScore()).isCloseTo(local.results().get(i).relevanceScore(),
					within(1e-9));
		}
		assertThat(remote.meta().billedUnits().searchUnits()).isEqualTo(1.0);
	}

	@Test
	void invalidEmbedRequestsAre400WithTheModelsMessage() {
		assertThatExceptionOfType(CohereInvalidRequestException.class)
			.isThrownBy(() -> client.embed(EmbedRequest.builder().texts("a").outputDimension(4096).build()))
			.satisfies((ex) -> assertThat(ex.getCohereMessage()).contains("'output_dimension'").contains("64"));
		assertThatExceptionOfType(CohereInvalidRequestException.class)
			.isThrownBy(() -> client.embed(EmbedRequest.builder().images("data:image/png;base64,AAAA").build()))
			.satisfies((ex) -> assertThat(ex.getCohereMessage()).contains("'images'"));
	}

}
