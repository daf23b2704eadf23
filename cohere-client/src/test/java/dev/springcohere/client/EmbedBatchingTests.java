package dev.springcohere.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import dev.springcohere.api.CohereJson;
import dev.springcohere.api.EmbedRequest;
import dev.springcohere.api.EmbedResponse;
import dev.springcohere.api.EmbeddingType;
import dev.springcohere.api.error.CohereEmbedBatchException;
import dev.springcohere.api.error.CohereException;
import dev.springcohere.api.error.CohereServerException;
import dev.springcohere.http.CohereRetryPolicy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests the batching of large embed requests by {@link CohereClient} and
 * {@link EmbedBatcher}: order across every embedding type with batches answered out of
 * order, summed billed units, failures naming the batch, limits.
 */
class EmbedBatchingTests {

	@RegisterExtension
	static final WireMockExtension server = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort())
		.build();

	private static final List<EmbeddingType> ALL_TYPES = List.of(EmbeddingType.FLOAT, EmbeddingType.INT8,
			EmbeddingType.UINT8, EmbeddingType.BINARY, EmbeddingType.UBINARY, EmbeddingType.BASE64);

	private final JsonMapper mapper = CohereJson.createMapper();

	private CohereClient client(CohereRetryPolicy retryPolicy) {
		return CohereClient.builder()
			.apiKey("batch-key")
			.baseUrl(server.baseUrl())
			.environment((name) -> null)
			.retryPolicy(retryPolicy)
			.build();
	}

	private static List<String> texts(int count) {
		List<String> texts = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			texts.add("text-" + i);
		}
		return texts;
	}

	/**
	 * Stubs the answer to the batch whose first text is {@code text-<first>}, delayed by
	 * {@code delayMs}.
	 */
	private void stubBatch(int first, int size, int delayMs) {
		ObjectNode body = this.mapper.createObjectNode();
		body.put("id", "batch-" + first);
		body.put("response_type", "embeddings_by_type");
		ObjectNode embeddings = body.putObject("embeddings");
		ArrayNode floats = embeddings.putArray("float");
		ArrayNode int8 = embeddings.putArray("int8");
		ArrayNode uint8 = embeddings.putArray("uint8");
		ArrayNode binary = embeddings.putArray("binary");
		ArrayNode ubinary = embeddings.putArray("ubinary");
		ArrayNode base64 = embeddings.putArray("base64");
		ArrayNode texts = body.putArray("texts");
		for (int i = first; i < first + size; i++) {
			floats.addArray().add(i + 0.5).add(-i);
			int8.addArray().add(i % 128);
			uint8.addArray().add(i);
			binary.addArray().add(-i);
			ubinary.addArray().add(i * 2);
			base64.add("b64-" + i);
			texts.add("text-" + i);
		}
		ObjectNode meta = body.putObject("meta");
		meta.putObject("api_version").put("version", "2");
		meta.putObject("billed_units").put("input_tokens", size * 2.0);
		meta.putArray("warnings").add("shared warning");
		server.stubFor(post("/v2/embed").withRequestBody(matchingJsonPath("$.texts[0]", equalTo("text-" + first)))
			.willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withFixedDelay(delayMs)
				.withBody(body.toString())));
	}

	@Test
	void largeRequestIsSplitIntoBatchesAndMergedInInputOrderForEveryType() {
		// the first batch answers last, so the merge must not follow arrival order
		stubBatch(0, 96, 400);
		stubBatch(96, 96, 0);
		stubBatch(192, 58, 150);
		EmbedResponse response;
		try (CohereClient client = client(CohereRetryPolicy.none())) {
			response = client.embed(EmbedRequest.builder().texts(texts(250)).embeddingTypes(ALL_TYPES).build());
		}
		List<LoggedRequest> requests = server.findAll(postRequestedFor(urlEqualTo("/v2/embed")));
		assertThat(requests).hasSize(3);
		List<Integer> sizes = new ArrayList<>();
		for (LoggedRequest request : requests) {
			JsonNode body = this.mapper.readTree(request.getBodyAsString());
			sizes.add(body.get("texts").size());
			assertThat(body.get("model").asString()).isEqualTo("embed-v4.0");
			assertThat(body.get("embedding_types")).hasSize(6);
		}
		assertThat(sizes).containsExactlyInAnyOrder(96, 96, 58);
		EmbedResponse.Embeddings embeddings = response.embeddings();
		assertThat(embeddings.floats()).hasSize(250);
		assertThat(embeddings.int8()).hasSize(250);
		assertThat(embeddings.uint8()).hasSize(250);
		assertThat(embeddings.binary()).hasSize(250);
		assertThat(embeddings.ubinary()).hasSize(250);
		assertThat(embeddings.base64()).hasSize(250);
		assertThat(response.texts()).hasSize(250);
		for (int i = 0; i < 250; i++) {
			assertThat(embeddings.floats().get(i)).containsExactly(i + 0.5, (double) -i);
			assertThat(embeddings.int8().get(i)).containsExactly(i % 128);
			assertThat(embeddings.uint8().get(i)).containsExactly(i);
			assertThat(embeddings.binary().get(i)).containsExactly(-i);
			assertThat(embeddings.ubinary().get(i)).containsExactly(i * 2);
			assertThat(embeddings.base64().get(i)).isEqualTo("b64-" + i);
			assertThat(response.texts().get(i)).isEqualTo("text-" + i);
		}
		assertThat(response.id()).isEqualTo("batch-0");
		assertThat(response.meta().billedUnits().inputTokens()).isEqualTo(500.0);
		assertThat(response.meta().apiVersion().version()).isEqualTo("2");
		assertThat(response.meta().warnings()).containsExactly("shared warning");
	}

	@Test
	void asyncEmbedBatchesWithTheConfiguredSize() {
		stubBatch(0, 10, 0);
		stubBatch(10, 10, 50);
		stubBatch(20, 5, 0);
		try (CohereClient client = CohereClient.builder()
			.apiKey("batch-key")
			.baseUrl(server.baseUrl())
			.environment((name) -> null)
			.embedBatchSize(10)
			.embedConcurrency(2)
			.build()) {
			StepVerifier.create(client.embedAsync(EmbedRequest.builder().texts(texts(25)).build()))
				.assertNext((response) -> {
					assertThat(response.texts()).isEqualTo(texts(25));
					assertThat(response.embeddings().base64()).hasSize(25).last().isEqualTo("b64-24");
				})
				.verifyComplete();
		}
		server.verify(3, postRequestedFor(urlEqualTo("/v2/embed")));
	}

	@Test
	void failingMiddleBatchFailsTheCallNamingItsInputRange() {
		stubBatch(0, 96, 0);
		server.stubFor(post("/v2/embed").withRequestBody(matchingJsonPath("$.texts[0]", equalTo("text-96")))
			.willReturn(aResponse().withStatus(500).withBody("{\"message\":\"internal failure\"}")));
		stubBatch(192, 58, 0);
		try (CohereClient client = client(CohereRetryPolicy.none())) {
			assertThatExceptionOfType(CohereEmbedBatchException.class)
				.isThrownBy(() -> client.embed(EmbedRequest.builder().texts(texts(250)).build()))
				.withMessageContaining("batch 2 of 3")
				.withMessageContaining("inputs 96..191")
				.withCauseInstanceOf(CohereServerException.class)
				.satisfies((ex) -> {
					assertThat(ex.getBatchIndex()).isEqualTo(1);
					assertThat(ex.getBatchCount()).isEqualTo(3);
					assertThat(ex.getFirstInput()).isEqualTo(96);
					assertThat(ex.getLastInput()).isEqualTo(191);
				});
		}
	}

	@Test
	void lastBatchRangeEndsAtTheLastInput() {
		EmbedBatcher batcher = new EmbedBatcher(96, 4);
		Mono<EmbedResponse> result = batcher.embed(EmbedRequest.builder().texts(texts(250)).build(),
				(batch) -> batch.texts().get(0).equals("text-192") ? Mono.error(new IllegalStateException("boom"))
						: Mono.just(fakeResponse(batch)));
		StepVerifier.create(result)
			.expectErrorSatisfies((ex) -> assertThat(ex).hasMessageContaining("inputs 192..249")
				.hasMessageContaining("boom")
				.hasCauseInstanceOf(IllegalStateException.class))
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void batchAnswerWithTheWrongNumberOfEmbeddingsIsRejected() {
		EmbedBatcher batcher = new EmbedBatcher(2, 1);
		Mono<EmbedResponse> result = batcher.embed(EmbedRequest.builder().texts(texts(3)).build(),
				(batch) -> Mono.just(fakeResponse(batch.mutate().texts("only-one").build())));
		StepVerifier.create(result)
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(CohereException.class)
				.hasMessageContaining("1 'base64' embeddings for 2 inputs"))
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void batchSizeAboveTheLimitIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> CohereClient.builder().embedBatchSize(97))
			.withMessageContaining("between 1 and 96")
			.withMessageContaining("97");
		assertThatIllegalArgumentException().isThrownBy(() -> new EmbedBatcher(0, 1)).withMessageContaining("0");
		assertThatIllegalArgumentException().isThrownBy(() -> CohereClient.builder().embedConcurrency(0))
			.withMessageContaining("embedConcurrency");
	}

	@Test
	void splitKeepsSmallRequestsWholeAndRejectsMixedLargeOnes() {
		EmbedBatcher batcher = new EmbedBatcher(96, 4);
		EmbedRequest small = EmbedRequest.builder().texts(texts(96)).build();
		assertThat(batcher.split(small)).containsExactly(small);
		List<EmbedRequest> images = batcher.split(
				EmbedRequest.builder().images(texts(100)).inputType(dev.springcohere.api.EmbedInputType.IMAGE).build());
		assertThat(images).extracting((batch) -> batch.images().size()).containsExactly(96, 4);
		assertThat(images).allSatisfy((batch) -> assertThat(batch.inputType()).isNotNull());
		assertThatIllegalArgumentException()
			.isThrownBy(() -> batcher.split(EmbedRequest.builder().texts(texts(90)).images(texts(10)).build()))
			.withMessageContaining("90 texts, 10 images");
	}

	private static EmbedResponse fakeResponse(EmbedRequest batch) {
		List<String> base64 = batch.texts().stream().map((text) -> "b64-" + text.substring(5)).toList();
		return new EmbedResponse("id", null, new EmbedResponse.Embeddings(null, null, null, null, null, base64),
				batch.texts(), null, null);
	}

}
