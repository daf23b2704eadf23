package dev.springcohere.api;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads and writes every example of the spec's {@code /v2/embed}, {@code /v2/rerank},
 * {@code /v1/tokenize} and {@code /v1/detokenize} operations.
 */
class EndpointSpecExamplesTests {

	private final JsonMapper mapper = CohereJson.createMapper();

	static List<SpecExamples.Example> embedExamples() {
		return SpecExamples.of("/v2/embed", "post");
	}

	static List<SpecExamples.Example> rerankExamples() {
		return SpecExamples.of("/v2/rerank", "post");
	}

	static List<SpecExamples.Example> tokenizeExamples() {
		return SpecExamples.of("/v1/tokenize", "post");
	}

	static List<SpecExamples.Example> detokenizeExamples() {
		return SpecExamples.of("/v1/detokenize", "post");
	}

	@Test
	void everyOperationHasExamples() {
		assertThat(embedExamples()).hasSizeGreaterThanOrEqualTo(2);
		assertThat(rerankExamples()).isNotEmpty();
		assertThat(tokenizeExamples()).isNotEmpty();
		assertThat(detokenizeExamples()).isNotEmpty();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("embedExamples")
	void embedExampleRoundTrips(SpecExamples.Example example) {
		JsonNode body = example.request();
		EmbedRequest request = this.mapper.treeToValue(body, EmbedRequest.class);
		assertThat(request.model()).isEqualTo(body.get("model").asString());
		assertThat(request.inputType()).isEqualTo(EmbedInputType.of(body.get("input_type").asString()));
		assertThat(request.embeddingTypes()).containsExactly(EmbeddingType.FLOAT);
		assertThat(request.texts()).hasSize(body.path("texts").size());
		assertThat(request.images()).hasSize(body.path("images").size());
		JsonTrees.assertEquivalent(this.mapper.valueToTree(request), body);

		JsonNode responseBody = example.body();
		EmbedResponse response = this.mapper.treeToValue(responseBody, EmbedResponse.class);
		assertThat(response.id()).isEqualTo(responseBody.get("id").asString());
		int inputs = request.texts().size() + request.images().size();
		assertThat(response.embeddings().floats()).hasSize(inputs);
		assertThat(response.embeddings().floats().get(0)).hasSize(responseBody.at("/embeddings/float/0").size());
		assertThat(response.embeddings().floatVector(0)[0])
			.isEqualTo((float) responseBody.at("/embeddings/float/0/0").asDouble());
		assertThat(response.embeddings().int8()).isEmpty();
		assertThat(response.texts()).isEqualTo(request.texts());
		assertThat(response.meta().apiVersion().version()).isEqualTo("2");
		if (request.images().isEmpty()) {
			assertThat(response.meta().billedUnits().inputTokens()).isEqualTo(2.0);
			assertThat(response.meta().warnings()).hasSize(1);
		}
		else {
			assertThat(response.images()).containsExactly(new EmbedResponse.Image(400L, 400L, "jpeg", 24L));
			assertThat(response.meta().billedUnits().images()).isEqualTo(1.0);
		}
		// documented: an empty array (here "texts": []) reads as "none" and is not
		// written back
		JsonTrees.assertEquivalent(this.mapper.valueToTree(response), JsonTrees.withoutEmptyArrays(responseBody));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("rerankExamples")
	void rerankExampleRoundTrips(SpecExamples.Example example) {
		JsonNode body = example.request();
		RerankRequest request = this.mapper.treeToValue(body, RerankRequest.class);
		assertThat(request.query()).isEqualTo("What is the capital of the United States?");
		assertThat(request.documents()).hasSize(5);
		assertThat(request.topN()).isEqualTo(3);
		assertThat(request.model()).isEqualTo("rerank-v4.0-pro");
		JsonTrees.assertEquivalent(this.mapper.valueToTree(request), body);

		RerankResponse response = this.mapper.treeToValue(example.body(), RerankResponse.class);
		assertThat(response.id()).isEqualTo(example.body().get("id").asString());
		assertThat(response.results()).extracting(RerankResponse.Result::index).containsExactly(3, 4, 0);
		assertThat(response.results().get(0).relevanceScore()).isEqualTo(0.999071);
		assertThat(response.meta().billedUnits().searchUnits()).isEqualTo(1.0);
		assertThat(response.meta().apiVersion().isExperimental()).isFalse();
		JsonTrees.assertEquivalent(this.mapper.valueToTree(response), example.body());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("tokenizeExamples")
	void tokenizeExampleRoundTrips(SpecExamples.Example example) {
		TokenizeRequest request = this.mapper.treeToValue(example.request(), TokenizeRequest.class);
		assertThat(request).isEqualTo(TokenizeRequest.of("command", "tokenize me! :D"));
		JsonTrees.assertEquivalent(this.mapper.valueToTree(request), example.request());

		TokenizeResponse response = this.mapper.treeToValue(example.body(), TokenizeResponse.class);
		assertThat(response.tokens()).containsExactly(10002, 2261, 2012, 8, 2792, 43);
		assertThat(response.tokenStrings()).containsExactly("token", "ize", " me", "!", " :", "D");
		assertThat(response.meta().apiVersion().version()).isEqualTo("1");
		JsonTrees.assertEquivalent(this.mapper.valueToTree(response), example.body());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("detokenizeExamples")
	void detokenizeExampleRoundTrips(SpecExamples.Example example) {
		DetokenizeRequest request = this.mapper.treeToValue(example.request(), DetokenizeRequest.class);
		assertThat(request).isEqualTo(DetokenizeRequest.of("command", List.of(10002, 2261, 2012, 8, 2792, 43)));
		JsonTrees.assertEquivalent(this.mapper.valueToTree(request), example.request());

		DetokenizeResponse response = this.mapper.treeToValue(example.body(), DetokenizeResponse.class);
		assertThat(response.text()).isEqualTo("tokenize me! :D");
		JsonTrees.assertEquivalent(this.mapper.valueToTree(response), example.body());
	}

}
