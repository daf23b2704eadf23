package dev.springcohere.api;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests building and writing {@link ChatRequest}s and the message types.
 */
class ChatRequestTests {

	private final JsonMapper mapper = CohereJson.createMapper();

	@Test
	void fullConversationIsWrittenInTheWireShape() {
		JsonNode schema = this.mapper.readTree("{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}");
		ChatRequest request = ChatRequest.builder()
			.model("command-a-03-2025")
			.messages(SystemMessage.of("Be brief."), UserMessage.of("Weather in Paris?"))
			.addMessage(AssistantMessage.ofToolCalls("I will look it up.",
					List.of(ToolCall.of("call_1", "weather", "{\"city\":\"Paris\"}"))))
			.addMessage(ToolMessage.of("call_1",
					List.of(DocumentContent.of(Document.of("w1", Map.of("forecast", "sunny"))))))
			.addMessage(AssistantMessage.of(List.of(ThinkingContent.of("Sunny."), TextContent.of("It is sunny."))))
			.tools(Tool.function("weather", "Gets the weather", schema))
			.strictTools(true)
			.documents(ChatDocument.of("plain text doc"), Document.of(null, Map.of("title", "T")))
			.responseFormat(ResponseFormat.jsonObject(schema))
			.thinking(Thinking.enabled(512))
			.toolChoice(ToolChoice.REQUIRED)
			.temperature(0.3)
			.p(0.75)
			.k(10)
			.seed(42L)
			.maxTokens(100)
			.stopSequences("END")
			.frequencyPenalty(0.1)
			.presencePenalty(0.2)
			.logprobs(true)
			.priority(1)
			.stream(true)
			.build();
		JsonNode expected = this.mapper.readTree(
				"""
						{"model":"command-a-03-2025",
						 "messages":[
						  {"role":"system","content":"Be brief."},
						  {"role":"user","content":"Weather in Paris?"},
						  {"role":"assistant","tool_plan":"I will look it up.",
						   "tool_calls":[{"id":"call_1","type":"function","function":{"name":"weather","arguments":"{\\"city\\":\\"Paris\\"}"}}]},
						  {"role":"tool","tool_call_id":"call_1","content":[{"type":"document","document":{"id":"w1","data":{"forecast":"sunny"}}}]},
						  {"role":"assistant","content":[{"type":"thinking","thinking":"Sunny."},{"type":"text","text":"It is sunny."}]}],
						 "tools":[{"type":"function","function":{"name":"weather","description":"Gets the weather",
						   "parameters":{"type":"object","properties":{"city":{"type":"string"}}}}}],
						 "strict_tools":true,
						 "documents":["plain text doc",{"data":{"title":"T"}}],
						 "response_format":{"type":"json_object","json_schema":{"type":"object","properties":{"city":{"type":"string"}}}},
						 "max_tokens":100,"stop_sequences":["END"],"temperature":0.3,"seed":42,"frequency_penalty":0.1,
						 "presence_penalty":0.2,"k":10,"p":0.75,"logprobs":true,"tool_choice":"REQUIRED",
						 "thinking":{"type":"enabled","token_budget":512},"priority":1,"stream":true}""");
		JsonNode written = this.mapper.valueToTree(request);
		JsonTrees.assertEquivalent(written, expected);
		assertThat(written.at("/messages/2/tool_calls/0/function/arguments").isString()).isTrue();
		ChatRequest read = this.mapper.treeToValue(written, ChatRequest.class);
		assertThat(read).isEqualTo(request);
		assertThat(read.documents().get(0)).isInstanceOf(TextDocument.class);
		assertThat(read.documents().get(1)).isInstanceOf(Document.class);
	}

	@Test
	void unsetValuesAreNotWritten() {
		ChatRequest request = ChatRequest.builder().messages(UserMessage.of("hi")).build();
		assertThat(this.mapper.writeValueAsString(request))
			.isEqualTo("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
		assertThat(request.tools()).isEmpty();
		assertThat(request.isStreaming()).isFalse();
	}

	@Test
	void stringContentStaysAStringAndBlocksStayBlocks() {
		String asString = "{\"role\":\"user\",\"content\":\"hello\"}";
		String asBlocks = "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"hello\"}]}";
		UserMessage fromString = (UserMessage) this.mapper.readValue(asString, ChatMessage.class);
		UserMessage fromBlocks = (UserMessage) this.mapper.readValue(asBlocks, ChatMessage.class);
		assertThat(fromString.content()).isInstanceOf(MessageContent.Text.class);
		assertThat(fromBlocks.content()).isInstanceOf(MessageContent.Blocks.class);
		assertThat(fromString.text()).isEqualTo(fromBlocks.text()).isEqualTo("hello");
		assertThat(this.mapper.writeValueAsString(fromString)).isEqualTo(asString);
		assertThat(this.mapper.writeValueAsString(fromBlocks)).isEqualTo(asBlocks);
		assertThat(fromString.content().asBlocks()).containsExactly(TextContent.of("hello"));
	}

	@Test
	void toolResultAcceptsStringAndBlocks() {
		ToolMessage text = ToolMessage.of("c1", "{\"temp\":21}");
		assertThat(this.mapper.writeValueAsString(text))
			.isEqualTo("{\"role\":\"tool\",\"tool_call_id\":\"c1\",\"content\":\"{\\\"temp\\\":21}\"}");
		ToolMessage read = (ToolMessage) this.mapper
			.readValue("{\"role\":\"tool\",\"tool_call_id\":\"c2\",\"content\":[{\"type\":\"text\",\"text\":\"t\"},"
					+ "{\"type\":\"document\",\"document\":{\"data\":{\"a\":1}}}]}", ChatMessage.class);
		assertThat(read.toolCallId()).isEqualTo("c2");
		assertThat(((MessageContent.Blocks<ToolContentBlock>) read.content()).blocks()).hasSize(2)
			.last()
			.isInstanceOfSatisfying(DocumentContent.class,
					(block) -> assertThat(block.document().data().get("a").asInt()).isEqualTo(1));
	}

	@Test
	void mutateDerivesAChangedCopyWithoutTouchingTheOriginal() {
		ChatRequest original = ChatRequest.builder()
			.model("a")
			.messages(UserMessage.of("hi"))
			.stopSequences("x")
			.temperature(0.1)
			.build();
		ChatRequest changed = original.mutate().model("b").addMessage(AssistantMessage.of("yo")).stream(true).build();
		assertThat(original.model()).isEqualTo("a");
		assertThat(original.messages()).hasSize(1);
		assertThat(original.stream()).isNull();
		assertThat(changed.model()).isEqualTo("b");
		assertThat(changed.messages()).hasSize(2);
		assertThat(changed.stopSequences()).containsExactly("x");
		assertThat(changed.temperature()).isEqualTo(0.1);
		assertThat(changed.isStreaming()).isTrue();
		assertThat(original.mutate().build()).isEqualTo(original);
	}

	@Test
	void missingMessagesAndOutOfRangeValuesAreRejected() {
		assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> ChatRequest.builder().model("m").build())
			.withMessage("'messages' must not be null");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ChatRequest.builder().messages(UserMessage.of("x")).k(501).build())
			.withMessageContaining("'k' must be between 0 and 500");
		assertThatIllegalArgumentException().isThrownBy(() -> Thinking.enabled(0))
			.withMessageContaining("'token_budget' must be at least 1");
		assertThatIllegalArgumentException().isThrownBy(() -> new Document("d", this.mapper.readTree("[1]")))
			.withMessageContaining("must be a JSON object");
	}

	@Test
	void collectionsAndJsonAreCopiedIn() {
		List<ChatMessage> messages = new java.util.ArrayList<>(List.of(UserMessage.of("a")));
		ChatRequest request = ChatRequest.builder().messages(messages).build();
		messages.add(UserMessage.of("b"));
		assertThat(request.messages()).hasSize(1);
		tools.jackson.databind.node.ObjectNode schema = this.mapper.createObjectNode().put("type", "object");
		Tool tool = Tool.function("f", null, schema);
		schema.put("type", "array");
		tool.function().parameters();
		assertThat(tool.function().parameters().get("type").asString()).isEqualTo("object");
		((tools.jackson.databind.node.ObjectNode) tool.function().parameters()).put("type", "string");
		assertThat(tool.function().parameters().get("type").asString()).isEqualTo("object");
	}

	@Test
	void imageContentIsWrittenWithItsDetail() {
		UserMessage message = UserMessage.of(TextContent.of("What is this?"),
				new ImageUrlContent(new ImageUrl("data:image/png;base64,AAAA", ImageDetail.HIGH)));
		assertThat(this.mapper.writeValueAsString(message))
			.isEqualTo("{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"What is this?\"},"
					+ "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64,AAAA\",\"detail\":\"high\"}}]}");
	}

	@Test
	void embedAndRerankRequestsAreBuilt() {
		EmbedRequest embed = EmbedRequest.builder()
			.model("embed-v4.0")
			.inputType(EmbedInputType.SEARCH_DOCUMENT)
			.inputs(EmbedInput.of(EmbedContent.text("caption"), EmbedContent.image("data:image/png;base64,AA")))
			.embeddingTypes(EmbeddingType.FLOAT, EmbeddingType.INT8)
			.outputDimension(256)
			.truncate(Truncate.END)
			.maxTokens(512)
			.build();
		JsonTrees.assertEquivalent(this.mapper.valueToTree(embed), this.mapper.readTree(
				"""
						{"model":"embed-v4.0","input_type":"search_document",
						 "inputs":[{"content":[{"type":"text","text":"caption"},{"type":"image_url","image_url":{"url":"data:image/png;base64,AA"}}]}],
						 "max_tokens":512,"output_dimension":256,"embedding_types":["float","int8"],"truncate":"END"}"""));
		assertThat(this.mapper.readValue(this.mapper.writeValueAsString(embed), EmbedRequest.class)).isEqualTo(embed);
		RerankRequest rerank = RerankRequest.builder().query("q").documents("a", "b").topN(1).build();
		assertThat(this.mapper.writeValueAsString(rerank))
			.isEqualTo("{\"query\":\"q\",\"documents\":[\"a\",\"b\"],\"top_n\":1}");
		assertThatIllegalArgumentException().isThrownBy(() -> rerank.mutate().topN(0).build())
			.withMessageContaining("'top_n' must be at least 1");
	}

}
