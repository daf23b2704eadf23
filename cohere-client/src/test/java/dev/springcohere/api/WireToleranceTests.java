package dev.springcohere.api;

import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.DatabindException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Unknown fields, unknown enum values and unknown union members are tolerated and kept
 * where they can be.
 */
class WireToleranceTests {

	private final JsonMapper mapper = CohereJson.createMapper();

	@Test
	void specReadAsYaml12KeepsOffAsAString() {
		JsonNode schemas = SpecExamples.spec().path("components").path("schemas");
		JsonNode citationModes = schemas.at("/CitationOptions/properties/mode/enum");
		assertThat(citationModes.isArray()).isTrue();
		assertThat(citationModes).anySatisfy((mode) -> {
			assertThat(mode.isString()).isTrue();
			assertThat(mode.asString()).isEqualTo("OFF");
		});
		JsonNode safetyModes = SpecExamples.spec()
			.at("/paths/~1v2~1chat/post/requestBody/content/application~1json/schema/properties/safety_mode/enum");
		List<SafetyMode> modes = this.mapper.treeToValue(safetyModes,
				this.mapper.getTypeFactory().constructCollectionType(List.class, SafetyMode.class));
		assertThat(modes).containsExactly(SafetyMode.CONTEXTUAL, SafetyMode.STRICT, SafetyMode.OFF);
		assertThat(CitationMode.knownValues().stream().map(CitationMode::value))
			.containsExactlyElementsOf(citationModes.valueStream().map(JsonNode::asString).toList());
	}

	@Test
	void offIsWrittenAsTheStringOff() {
		ChatRequest request = ChatRequest.builder()
			.messages(UserMessage.of("hi"))
			.safetyMode(SafetyMode.OFF)
			.citationOptions(CitationOptions.of(CitationMode.OFF))
			.build();
		JsonNode json = this.mapper.valueToTree(request);
		assertThat(json.get("safety_mode").isString()).isTrue();
		assertThat(json.get("safety_mode").asString()).isEqualTo("OFF");
		assertThat(json.at("/citation_options/mode").asString()).isEqualTo("OFF");
	}

	@Test
	void unknownFieldsAreIgnoredEverywhere() {
		String json = """
				{"id":"r1","finish_reason":"COMPLETE","brand_new":{"x":1},
				 "message":{"role":"assistant","content":[{"type":"text","text":"ok","extra":true}],"mood":"happy",
				  "tool_calls":[{"id":"c1","type":"function","function":{"name":"f","arguments":"{}","strict":true},"x":1}]},
				 "usage":{"tokens":{"input_tokens":1,"output_tokens":2,"reasoning_tokens":3},"new_counter":9}}
				""";
		ChatResponse response = this.mapper.readValue(json, ChatResponse.class);
		assertThat(response.text()).isEqualTo("ok");
		assertThat(response.toolCalls()).containsExactly(ToolCall.of("c1", "f", "{}"));
		assertThat(response.usage().outputTokens()).isEqualTo(2);
	}

	@Test
	void aPlainJsonMapperReadsAndWritesTheTypes() {
		JsonMapper plain = JsonMapper.builder().build();
		ChatRequest request = ChatRequest.builder().model("command-a-03-2025").messages(UserMessage.of("hi")).build();
		String json = plain.writeValueAsString(request);
		assertThat(plain.readTree(json)).isEqualTo(plain
			.readTree("{\"model\":\"command-a-03-2025\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
		ChatResponse response = plain.readValue(
				"{\"id\":\"x\",\"unknown\":1,\"finish_reason\":\"COMPLETE\",\"message\":{\"role\":\"assistant\"}}",
				ChatResponse.class);
		assertThat(response.finishReason()).isEqualTo(FinishReason.COMPLETE);
		assertThat(response.message().content()).isNull();
	}

	@Test
	void unknownEnumValuesAreKeptAndWrittenBack() {
		String json = """
				{"id":"r2","finish_reason":"CONTENT_FILTERED","message":{"role":"assistant",
				 "citations":[{"start":0,"end":1,"text":"a","type":"IMAGE_CONTENT","sources":[]}]}}""";
		ChatResponse response = this.mapper.readValue(json, ChatResponse.class);
		assertThat(response.finishReason()).isEqualTo(FinishReason.of("CONTENT_FILTERED"));
		assertThat(response.finishReason().isKnown()).isFalse();
		assertThat(FinishReason.COMPLETE.isKnown()).isTrue();
		assertThat(response.citations().get(0).type().value()).isEqualTo("IMAGE_CONTENT");
		JsonNode written = this.mapper.valueToTree(response);
		assertThat(written.get("finish_reason").asString()).isEqualTo("CONTENT_FILTERED");
		assertThat(written.at("/message/citations/0/type").asString()).isEqualTo("IMAGE_CONTENT");

		EmbedRequest embed = this.mapper.readValue(
				"{\"model\":\"m\",\"input_type\":\"search_code\",\"embedding_types\":[\"float16\"],\"truncate\":\"MIDDLE\",\"texts\":[\"a\"]}",
				EmbedRequest.class);
		assertThat(embed.inputType().value()).isEqualTo("search_code");
		JsonTrees.assertEquivalent(this.mapper.valueToTree(embed), this.mapper.readTree(
				"{\"model\":\"m\",\"input_type\":\"search_code\",\"texts\":[\"a\"],\"embedding_types\":[\"float16\"],\"truncate\":\"MIDDLE\"}"));
	}

	@Test
	void knownConstantsAreReturnedForKnownValues() {
		assertThat(FinishReason.of("COMPLETE")).isSameAs(FinishReason.COMPLETE);
		assertThat(EmbeddingType.of("ubinary")).isSameAs(EmbeddingType.UBINARY);
		assertThat(EmbedInputType.SEARCH_QUERY.toString()).isEqualTo("search_query");
		assertThat(ThinkingType.ENABLED.value()).isEqualTo("enabled");
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> SafetyMode.of(" "))
			.withMessageContaining("SafetyMode must not be blank");
	}

	@Test
	void unknownContentBlocksAndSourcesRoundTrip() {
		String json = """
				{"role":"assistant","content":[{"type":"text","text":"a"},{"type":"audio","audio":{"id":"x"}}],
				 "citations":[{"start":0,"end":1,"sources":[{"type":"web","url":"https://example.com"}]}]}""";
		AssistantMessage message = (AssistantMessage) this.mapper.readValue(json, ChatMessage.class);
		MessageContent.Blocks<AssistantContentBlock> blocks = (MessageContent.Blocks<AssistantContentBlock>) message
			.content();
		assertThat(blocks.blocks().get(1)).isInstanceOfSatisfying(UnknownContent.class,
				(block) -> assertThat(block.type()).isEqualTo(ContentType.of("audio")));
		assertThat(message.citations().get(0).sources().get(0)).isInstanceOf(UnknownSource.class);
		JsonTrees.assertEquivalent(this.mapper.valueToTree(message), this.mapper.readTree(json));
	}

	@Test
	void unknownStreamEventIsKeptRaw() {
		StreamEvent event = StreamEvent.parse(this.mapper, "{\"type\":\"search-results\",\"results\":[1]}");
		assertThat(event).isInstanceOfSatisfying(StreamEvent.Unknown.class, (unknown) -> {
			assertThat(unknown.type()).isEqualTo("search-results");
			assertThat(unknown.raw().get("results").get(0).asInt()).isEqualTo(1);
		});
		assertThat(this.mapper.writeValueAsString(event)).isEqualTo("{\"type\":\"search-results\",\"results\":[1]}");
	}

	@Test
	void unknownRoleIsRejectedWithAClearMessage() {
		assertThatExceptionOfType(DatabindException.class)
			.isThrownBy(() -> this.mapper.readValue("{\"role\":\"developer\",\"content\":\"x\"}", ChatMessage.class))
			.withMessageContaining("Unknown chat message role 'developer'");
	}

	@Test
	void blockNotAllowedForTheRoleIsRejectedWithAClearMessage() {
		String json = "{\"role\":\"system\",\"content\":[{\"type\":\"image_url\",\"image_url\":{\"url\":\"u\"}}]}";
		assertThatExceptionOfType(DatabindException.class)
			.isThrownBy(() -> this.mapper.readValue(json, ChatMessage.class))
			.withMessageContaining("'image_url' is not allowed in a system message")
			.withMessageContaining("allowed types: text");
	}

	@Test
	void contentThatIsNeitherStringNorArrayIsRejected() {
		assertThatExceptionOfType(DatabindException.class)
			.isThrownBy(() -> this.mapper.readValue("{\"role\":\"user\",\"content\":42}", ChatMessage.class))
			.withMessageContaining("must be a string or an array of content blocks");
	}

}
