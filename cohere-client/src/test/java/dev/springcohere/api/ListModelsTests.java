package dev.springcohere.api;

import java.io.InputStream;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests {@link ListModelsResponse} and {@link ListModelsRequest}. The spec's
 * {@code /v1/models} examples hold only code samples, no payload, so the response is a
 * hand-written page following the {@code ListModelsResponse} schema
 * ({@code list-models-response.json}).
 */
class ListModelsTests {

	private final JsonMapper mapper = CohereJson.createMapper();

	@Test
	void specDeclaresNoPayloadForModelsExamples() {
		assertThat(SpecExamples.of("/v1/models", "get")).isNotEmpty()
			.allSatisfy((example) -> assertThat(example.body()).isNull());
	}

	@Test
	void responseReadsModelsAndWritesBackTheSameJson() throws Exception {
		JsonNode json;
		try (InputStream in = getClass().getResourceAsStream("list-models-response.json")) {
			json = this.mapper.readTree(in);
		}
		ListModelsResponse response = this.mapper.treeToValue(json, ListModelsResponse.class);
		assertThat(response.nextPageToken()).isEqualTo("page-2");
		assertThat(response.models()).extracting(ModelInfo::name)
			.containsExactly("command-a-03-2025", "embed-v4.0", "rerank-v3.5");
		ModelInfo chat = response.models().get(0);
		assertThat(chat.endpoints()).containsExactly(ModelEndpoint.CHAT, ModelEndpoint.of("responses"));
		assertThat(chat.endpoints().get(1).isKnown()).isFalse();
		assertThat(chat.supports(ModelEndpoint.CHAT)).isTrue();
		assertThat(chat.supports(ModelEndpoint.EMBED)).isFalse();
		assertThat(chat.contextLength()).isEqualTo(256000.0);
		assertThat(chat.features()).containsExactly("tools", "strict_tools", "json_mode");
		assertThat(chat.samplingDefaults().temperature()).isEqualTo(0.3);
		assertThat(chat.isDeprecated()).isFalse();
		assertThat(response.models().get(1).defaultEndpoints()).containsExactly(ModelEndpoint.EMBED);
		assertThat(response.models().get(2).samplingDefaults().maxTokensPerDoc()).isEqualTo(4096);
		// unknown fields are ignored, so they are not written back
		JsonNode expected = JsonTrees.withoutEmptyArrays(json);
		assertThat(((tools.jackson.databind.node.ObjectNode) expected.at("/models/0")).remove("a_field_added_later"))
			.isNotNull();
		JsonTrees.assertEquivalent(this.mapper.valueToTree(response), expected);
	}

	@Test
	void requestGivesOnlyTheSetQueryParameters() {
		assertThat(ListModelsRequest.all().queryParameters()).isEmpty();
		assertThat(new ListModelsRequest(50, null, ModelEndpoint.RERANK, true).withPageToken("abc").queryParameters())
			.containsExactly(org.assertj.core.api.Assertions.entry("page_size", "50"),
					org.assertj.core.api.Assertions.entry("page_token", "abc"),
					org.assertj.core.api.Assertions.entry("endpoint", "rerank"),
					org.assertj.core.api.Assertions.entry("default_only", "true"));
	}

}
