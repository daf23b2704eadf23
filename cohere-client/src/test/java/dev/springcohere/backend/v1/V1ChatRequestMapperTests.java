package dev.springcohere.backend.v1;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import dev.springcohere.api.AssistantMessage;
import dev.springcohere.api.ChatRequest;
import dev.springcohere.api.CitationMode;
import dev.springcohere.api.CitationOptions;
import dev.springcohere.api.CohereJson;
import dev.springcohere.api.Document;
import dev.springcohere.api.ResponseFormat;
import dev.springcohere.api.ResponseFormatType;
import dev.springcohere.api.SafetyMode;
import dev.springcohere.api.SystemMessage;
import dev.springcohere.api.TextDocument;
import dev.springcohere.api.Thinking;
import dev.springcohere.api.Tool;
import dev.springcohere.api.ToolCall;
import dev.springcohere.api.ToolMessage;
import dev.springcohere.api.UserMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The one v2→v1 request mapping, as JSON bodies.
 */
class V1ChatRequestMapperTests {

	private final JsonMapper mapper = CohereJson.createMapper();

	private final V1ChatRequestMapper requests = new V1ChatRequestMapper(this.mapper);

	@Test
	void responseFormatCitationModeAndSafetyModeTakeTheirV1Names() {
		ChatRequest request = ChatRequest.builder()
			.messages(UserMessage.of("JSON please"))
			.responseFormat(new ResponseFormat(ResponseFormatType.JSON_OBJECT,
					this.mapper.readTree(
							"{\"type\":\"object\",\"required\":[\"a\"],\"properties\":{\"a\":{\"type\":\"string\"}}}")))
			.citationOptions(CitationOptions.of(CitationMode.OFF))
			.safetyMode(SafetyMode.OFF)
			.build();

		V1Chat v1 = this.requests.toV1(request, "test", "use v2");

		assertThat(this.mapper.<tools.jackson.databind.JsonNode>valueToTree(v1.request()))
			.isEqualTo(this.mapper.readTree("""
					{"message": "JSON please",
					 "citation_quality": "OFF",
					 "response_format": {"type": "json_object", "schema": {"type": "object", "required": ["a"],
					   "properties": {"a": {"type": "string"}}}},
					 "safety_mode": "NONE"}
					"""));
	}

	@Test
	void systemMessagesAnywhereJoinThePreambleAndTrailingToolMessagesBecomeToolResults() {
		ChatRequest request = ChatRequest.builder()
			.messages(SystemMessage.of("Be brief."), UserMessage.of("Weather?"),
					AssistantMessage.ofToolCalls("I will look it up.",
							List.of(ToolCall.of("c1", "weather", "{\"city\":\"Oslo\"}"))),
					ToolMessage.of("c1", "[{\"sky\":\"clear\"},{\"wind\":\"calm\"}]"), SystemMessage.of("Use °C."))
			.build();

		V1Chat v1 = this.requests.toV1(request, "test", "use v2");

		assertThat(this.mapper.<tools.jackson.databind.JsonNode>valueToTree(v1.request()))
			.isEqualTo(this.mapper.readTree("""
					{"message": "",
					 "preamble": "Be brief.\\n\\nUse °C.",
					 "chat_history": [{"role": "USER", "message": "Weather?"},
					   {"role": "CHATBOT", "message": "I will look it up.",
					    "tool_calls": [{"name": "weather", "parameters": {"city": "Oslo"}}]}],
					 "tool_results": [{"call": {"name": "weather", "parameters": {"city": "Oslo"}},
					   "outputs": [{"sky": "clear"}, {"wind": "calm"}]}]}
					"""));
	}

	@Test
	void documentsGetIdsAndStringFieldsAndAreKeptByIdForCitations() {
		ChatRequest request = ChatRequest.builder()
			.messages(UserMessage.of("Summarize"))
			.documents(new Document("report", this.mapper.readTree("{\"pages\": 12}")), new TextDocument("plain"))
			.build();

		V1Chat v1 = this.requests.toV1(request, "test", "use v2");

		assertThat(v1.request().documents()).containsExactly(Map.of("id", "report", "pages", "12"),
				Map.of("id", "doc_1", "text", "plain"));
		assertThat(v1.documents()).containsOnlyKeys("report", "doc_1");
		assertThat(v1.documents().get("doc_1").get("text").asString()).isEqualTo("plain");
	}

	@Test
	void fieldsWithoutAV1FormAreRejectedTogetherWithTheTargetAndTheRemedy() {
		ChatRequest request = ChatRequest.builder()
			.messages(UserMessage.of("Hi"))
			.thinking(Thinking.enabled(100))
			.strictTools(true)
			.logprobs(true)
			.build();
		assertThatIllegalArgumentException().isThrownBy(() -> this.requests.toV1(request, "model X", "use model Y"))
			.withMessageContaining("model X")
			.withMessageContaining("'thinking', 'logprobs', 'strict_tools'")
			.withMessageContaining("use model Y");
	}

	@Test
	void aSchemaTypeV1CannotExpressFailsNamingToolAndParameter() {
		Tool tool = Tool.function("lookup", "Looks up", this.mapper.readTree("""
				{"type": "object", "properties": {"key": {"oneOf": [{"type": "string"}, {"type": "integer"}]}}}
				"""));
		ChatRequest request = ChatRequest.builder().messages(UserMessage.of("Hi")).tools(tool).build();
		assertThatIllegalArgumentException().isThrownBy(() -> this.requests.toV1(request, "test", "use v2"))
			.withMessageContaining("'key'")
			.withMessageContaining("'lookup'");
	}

}
