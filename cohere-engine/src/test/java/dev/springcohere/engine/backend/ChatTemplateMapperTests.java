package dev.springcohere.engine.backend;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import dev.springcohere.api.AssistantMessage;
import dev.springcohere.api.ChatRequest;
import dev.springcohere.api.CitationMode;
import dev.springcohere.api.CitationOptions;
import dev.springcohere.api.Document;
import dev.springcohere.api.DocumentContent;
import dev.springcohere.api.DocumentSource;
import dev.springcohere.api.ImageUrlContent;
import dev.springcohere.api.Source;
import dev.springcohere.api.SystemMessage;
import dev.springcohere.api.Tool;
import dev.springcohere.api.ToolCall;
import dev.springcohere.api.ToolChoice;
import dev.springcohere.api.ToolMessage;
import dev.springcohere.api.ToolSource;
import dev.springcohere.api.UserMessage;
import dev.springcohere.engine.backend.ChatTemplateMapper.MappedChat;
import dev.springcohere.engine.model.Fixtures;
import dev.springcohere.engine.tokenizer.ChatTemplate;
import dev.springcohere.engine.tokenizer.HfTokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Maps v2 requests equivalent to the golden Hugging Face inputs and compares the rendered
 * prompts byte for byte.
 */
class ChatTemplateMapperTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static HfTokenizer tokenizer;

	private static Map<String, String> golden;

	private final ChatTemplateMapper mapper = new ChatTemplateMapper();

	@BeforeAll
	static void load() throws Exception {
		Path dir = Fixtures.engine("tiny-tokenizer");
		tokenizer = HfTokenizer.load(dir);
		Map<String, Object> all = JSON.readValue(dir.resolve("golden.json").toFile(),
				new TypeReference<Map<String, Object>>() {
				});
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> cases = (List<Map<String, Object>>) all.get("chat_template_cases");
		golden = new java.util.HashMap<>();
		for (Map<String, Object> c : cases) {
			golden.put((String) c.get("name"), (String) c.get("rendered"));
		}
	}

	@AfterAll
	static void close() {
		tokenizer.close();
	}

	private String render(ChatRequest request) {
		return tokenizer.applyChatTemplate(this.mapper.map(request).templateRequest());
	}

	static List<Tool> tools() {
		return List.of(Tool.function("get_weather", "gets the weather of a given location", JSON.readTree("""
				{"type": "object", "properties": {"location": {"type": "string",
				"description": "the location to get weather, example: San Francisco, CA"}},
				"required": ["location"]}""")),
				Tool.function("search_docs", "Searches the knowledge base", JSON.readTree("""
						{"type": "object", "properties": {"queries": {"type": "array", "items": {"type": "string"}},
						"top_k": {"type": "integer"}}, "required": ["queries"]}""")));
	}

	@Test
	void userOnlyMatchesGolden() {
		ChatRequest request = ChatRequest.builder().messages(UserMessage.of("Hello")).build();
		assertThat(render(request)).isEqualTo(golden.get("user_only"));
	}

	@Test
	void systemAndMultiTurnMatchGolden() {
		ChatRequest request = ChatRequest.builder()
			.messages(SystemMessage.of("You respond in concise sentences."), UserMessage.of("Hello"),
					AssistantMessage.of("Hi, how can I help you today?"),
					UserMessage.of("Write a one-sentence intro for Co1t."))
			.build();
		assertThat(render(request)).isEqualTo(golden.get("system_multi_turn"));
	}

	@Test
	void toolsMatchGolden() {
		ChatRequest request = ChatRequest.builder()
			.messages(UserMessage.of("What's the weather in Toronto?"))
			.tools(tools())
			.build();
		assertThat(render(request)).isEqualTo(golden.get("tools_first_turn"));
	}

	@Test
	void toolCallsAndResultsMatchGoldenWithoutCitations() {
		ChatRequest request = toolResultsRequest().citationOptions(new CitationOptions(CitationMode.OFF)).build();
		assertThat(render(request)).isEqualTo(golden.get("tools_with_results"));
	}

	@Test
	void documentsMatchGoldenWithoutCitations() {
		ChatRequest request = ChatRequest.builder()
			.messages(SystemMessage.of("Answer briefly."), UserMessage.of("Any fitness perks? Also weather in Paris."))
			.tools(tools())
			.documents(documents())
			.citationOptions(new CitationOptions(CitationMode.OFF))
			.build();
		assertThat(render(request)).isEqualTo(golden.get("system_tools_documents"));
	}

	@Test
	void citationsAreOnByDefaultWithDocumentsAndResolveToThem() {
		ChatRequest request = ChatRequest.builder()
			.messages(UserMessage.of("Any fitness perks?"))
			.documents(documents())
			.build();
		MappedChat mapped = this.mapper.map(request);
		assertThat(tokenizer.applyChatTemplate(mapped.templateRequest())).contains("## Grounding");
		Source second = mapped.sources().resolve(0, 1);
		assertThat(second).isInstanceOfSatisfying(DocumentSource.class, (source) -> {
			assertThat(source.id()).isEqualTo("travel");
			assertThat(source.document().get("title").asString()).isEqualTo("Travel");
		});
		assertThat(mapped.sources().resolve(0, 2)).isNull();
		assertThat(mapped.sources().resolve(1, 0)).isNull();
	}

	@Test
	void toolResultsResolveToTheirToolCall() {
		MappedChat mapped = this.mapper.map(toolResultsRequest().build());
		assertThat(tokenizer.applyChatTemplate(mapped.templateRequest())).contains("## Grounding");
		assertThat(mapped.sources().resolve(0, 0)).isInstanceOfSatisfying(ToolSource.class, (source) -> {
			assertThat(source.id()).isEqualTo("get_weather_776n8ctsgycn");
			assertThat(source.toolOutput().get(0).get("temperature").asString()).isEqualTo("20C");
		});
		assertThat(mapped.sources().resolve(0, 1)).isNull();
	}

	@Test
	void toolResultsAndDocumentsShareGroupZeroAsTheTemplateNumbersThem() {
		ChatRequest request = ChatRequest.builder()
			.messages(UserMessage.of("Weather in Toronto and Paris?"),
					AssistantMessage.ofToolCalls("Look both up.",
							List.of(ToolCall.of("t1", "get_weather", "{\"location\": \"Toronto\"}"),
									ToolCall.of("t2", "get_weather", "{\"location\": \"Paris\"}"))),
					ToolMessage.of("t1", "{\"temperature\": \"20C\"}"), ToolMessage.of("t2", "18C"))
			.tools(tools())
			.documents(documents())
			.build();
		MappedChat mapped = this.mapper.map(request);
		String prompt = tokenizer.applyChatTemplate(mapped.templateRequest());
		assertThat(prompt).contains("\"tool_call_id\": \"1\",\n        \"results\": {\n            \"0\": [\"18C\"]");
		assertThat(mapped.sources().resolve(0, 0)).isInstanceOfSatisfying(ToolSource.class,
				(source) -> assertThat(source.id()).isEqualTo("t1"));
		assertThat(mapped.sources().resolve(1, 0)).isInstanceOfSatisfying(ToolSource.class,
				(source) -> assertThat(source.id()).isEqualTo("t2"));
		assertThat(mapped.sources().resolve(0, 1)).isInstanceOfSatisfying(DocumentSource.class,
				(source) -> assertThat(source.id()).isEqualTo("travel"));
		assertThat(mapped.sources().resolve(2, 0)).isNull();
	}

	@Test
	void toolChoiceNoneLeavesToolsOut() {
		ChatRequest request = ChatRequest.builder()
			.messages(UserMessage.of("Hello"))
			.tools(tools())
			.toolChoice(ToolChoice.NONE)
			.build();
		assertThat(render(request)).isEqualTo(golden.get("user_only"));
	}

	@Test
	void rejectsWhatLocalModelsCannotRead() {
		ChatRequest image = ChatRequest.builder()
			.messages(UserMessage.of(ImageUrlContent.of("https://example.com/a.png")))
			.build();
		assertThatIllegalArgumentException().isThrownBy(() -> this.mapper.map(image))
			.withMessageContaining("messages[0].content[0]")
			.withMessageContaining("text only");
		ChatRequest badArguments = ChatRequest.builder()
			.messages(UserMessage.of("Hi"),
					AssistantMessage.ofToolCalls("plan", List.of(ToolCall.of("c1", "get_weather", "{not json"))))
			.build();
		assertThatIllegalArgumentException().isThrownBy(() -> this.mapper.map(badArguments))
			.withMessageContaining("messages[1].tool_calls[0]")
			.withMessageContaining("not valid JSON");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.mapper.map(ChatRequest.builder().messages(List.of()).build()))
			.withMessageContaining("no messages");
	}

	@Test
	void commandRPlusToolUseTemplateRendersTheSameMapping() throws Exception {
		Path source = Fixtures.engine("tiny-tokenizer")
			.resolve("../../../chat-templates/command-r-plus-tool-use.jinja")
			.normalize();
		ChatTemplate template = ChatTemplate.of(java.nio.file.Files.readString(source));
		String prompt = template
			.render(new ChatTemplateMapper(true).map(toolResultsRequest().build()).templateRequest());
		assertThat(prompt).contains("def get_weather(location: str) -> List[Dict]:")
			.contains("\"tool_name\": \"get_weather\"")
			.contains("Toronto")
			.contains("<results>\n[{\"temperature\":\"20C\"}]</results>");
	}

	private static List<Document> documents() {
		return List.of(
				Document.of(null,
						orderedMap("title", "Health benefits", "text",
								"We offer gym memberships, on-site yoga classes, and comprehensive health insurance.")),
				Document.of("travel", orderedMap("title", "Travel", "text",
						"Reimbursing Travel Expenses: submit them through our finance tool.")));
	}

	private static Map<String, String> orderedMap(String k1, String v1, String k2, String v2) {
		Map<String, String> map = new java.util.LinkedHashMap<>();
		map.put(k1, v1);
		map.put(k2, v2);
		return map;
	}

	private static ChatRequest.Builder toolResultsRequest() {
		return ChatRequest.builder()
			.messages(UserMessage.of("What's the weather in Toronto?"),
					AssistantMessage.ofToolCalls("I will look up the weather in Toronto.",
							List.of(ToolCall.of("get_weather_776n8ctsgycn", "get_weather",
									"{\"location\": \"Toronto\"}"))),
					ToolMessage.of("get_weather_776n8ctsgycn",
							List.of(DocumentContent.of(Document.of(null, Map.of("temperature", "20C"))))))
			.tools(tools());
	}

}
