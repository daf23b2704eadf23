package dev.springcohere.backend.aws;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import dev.springcohere.api.AssistantMessage;
import dev.springcohere.api.ChatRequest;
import dev.springcohere.api.ChatResponse;
import dev.springcohere.api.CohereJson;
import dev.springcohere.api.Document;
import dev.springcohere.api.DocumentContent;
import dev.springcohere.api.FinishReason;
import dev.springcohere.api.Tool;
import dev.springcohere.api.ToolCall;
import dev.springcohere.api.ToolMessage;
import dev.springcohere.api.ToolSource;
import dev.springcohere.api.UserMessage;
import dev.springcohere.api.error.CohereMalformedResponseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CohereV1ChatTests {

	private final JsonMapper mapper = CohereJson.createMapper();

	private final CohereV1Chat chat = new CohereV1Chat(this.mapper);

	@Test
	void earlierToolRoundsBecomeToolTurnsAndTextOrDocumentOutputsAreKept() {
		ChatRequest request = ChatRequest.builder()
			.messages(UserMessage.of("Plan my day"),
					AssistantMessage.ofToolCalls(null,
							List.of(ToolCall.of("a", "calendar", "{}"),
									ToolCall.of("b", "weather", "{\"city\":\"Oslo\"}"))),
					ToolMessage.of("a", "no meetings"),
					ToolMessage.of("b", List.of(DocumentContent.of(Document.of("w1", Map.of("sky", "clear"))))),
					AssistantMessage.of("You are free and it is sunny."), UserMessage.of("Thanks"))
			.build();

		CohereV1Chat.V1Request v1 = this.chat.toV1(request, "test");

		assertThat(v1.body()).isEqualTo(this.mapper.readTree(
				"""
						{"message": "Thanks",
						 "chat_history": [
						   {"role": "USER", "message": "Plan my day"},
						   {"role": "CHATBOT", "message": "", "tool_calls": [{"name": "calendar", "parameters": {}},
						                                                   {"name": "weather", "parameters": {"city": "Oslo"}}]},
						   {"role": "TOOL", "tool_results": [
						     {"call": {"name": "calendar", "parameters": {}}, "outputs": [{"output": "no meetings"}]},
						     {"call": {"name": "weather", "parameters": {"city": "Oslo"}}, "outputs": [{"sky": "clear"}]}]},
						   {"role": "CHATBOT", "message": "You are free and it is sunny."}]}
						"""));
	}

	@Test
	void aToolMessageForAnUnknownCallIsRejected() {
		ChatRequest request = ChatRequest.builder()
			.messages(UserMessage.of("Hi"), ToolMessage.of("nope", "{}"))
			.build();
		assertThatIllegalArgumentException().isThrownBy(() -> this.chat.toV1(request, "test"))
			.withMessageContaining("'nope'");
	}

	@Test
	void aLastAssistantMessageIsRejected() {
		ChatRequest request = ChatRequest.builder()
			.messages(UserMessage.of("Hi"), AssistantMessage.of("Hello"))
			.build();
		assertThatIllegalArgumentException().isThrownBy(() -> this.chat.toV1(request, "test"))
			.withMessageContaining("must be a user message or tool results");
	}

	@Test
	void parameterTypesWithoutAPythonNameAreRejected() {
		Tool tool = Tool.function("f", null, this.mapper.readTree("""
				{"type": "object", "properties": {"x": {"anyOf": [{"type": "string"}, {"type": "integer"}]}}}
				"""));
		ChatRequest request = ChatRequest.builder().messages(UserMessage.of("Hi")).tools(tool).build();
		assertThatIllegalArgumentException().isThrownBy(() -> this.chat.toV1(request, "test"))
			.withMessageContaining("'x'")
			.withMessageContaining("'f'");
	}

	@Test
	void toolResultCitationsBecomeToolSources() {
		ChatResponse response = this.chat.fromV1("""
				{"text": "Sunny.", "finish_reason": "MAX_TOKENS",
				 "citations": [{"start": 0, "end": 5, "text": "Sunny", "document_ids": ["weather:0:2:0"]}]}
				""", Map.of(), null);
		assertThat(response.finishReason()).isEqualTo(FinishReason.MAX_TOKENS);
		assertThat(response.citations().get(0).sources()).singleElement()
			.isInstanceOfSatisfying(ToolSource.class, (source) -> assertThat(source.id()).isEqualTo("weather:0:2:0"));
		assertThat(response.usage()).isNull();
	}

	@Test
	void anAnswerThatIsNotV1IsMalformed() {
		assertThatExceptionOfType(CohereMalformedResponseException.class)
			.isThrownBy(() -> this.chat.fromV1("{\"message\": {\"role\": \"assistant\"}}", Map.of(), null))
			.withMessageContaining("not a Cohere v1 chat response");
	}

}
