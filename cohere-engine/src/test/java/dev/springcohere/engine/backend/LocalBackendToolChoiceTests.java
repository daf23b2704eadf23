package dev.springcohere.engine.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.springcohere.api.ChatRequest;
import dev.springcohere.api.ChatResponse;
import dev.springcohere.api.ChatStreamAccumulator;
import dev.springcohere.api.FinishReason;
import dev.springcohere.api.StreamEvent;
import dev.springcohere.api.Tool;
import dev.springcohere.api.ToolCall;
import dev.springcohere.api.ToolChoice;
import dev.springcohere.api.UserMessage;
import dev.springcohere.engine.tokenizer.HfTokenizer;
import dev.springcohere.engine.tokenizer.SpecialTokenIds;

/**
 * {@code tool_choice} on the local backend with the tiny gibberish model:
 * {@code REQUIRED} always ends in valid tool calls, {@code NONE} never produces one, and
 * requests that cannot be honoured fail before generating.
 */
class LocalBackendToolChoiceTests {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private static final JsonNode WEATHER = MAPPER.readTree("""
			{"type":"object","properties":{"city":{"type":"string","maxLength":8},
			 "days":{"type":"integer","minimum":1,"maximum":7}},"required":["city","days"],
			 "additionalProperties":false}""");

	private static final JsonNode SEARCH = MAPPER.readTree("""
			{"type":"object","properties":{"query":{"type":"string","maxLength":12},
			 "filters":{"type":"array","maxItems":2,"items":{"enum":["news","web"]}}},"required":["query"],
			 "additionalProperties":false}""");

	/** Uses a keyword constrained decoding does not support ({@code not}). */
	private static final JsonNode UNSUPPORTED = MAPPER.readTree("""
			{"type":"object","properties":{"id":{"type":"string","not":{"const":"x"}}},"required":["id"]}""");

	@TempDir
	static Path dir;

	private static LocalBackend backend;

	private static SpecialTokenIds special;

	@BeforeAll
	static void load() {
		Path checkpoint = LocalBackendTests.checkpoint(dir.resolve("tiny"));
		backend = LocalBackend.builder(checkpoint).modelName("tiny").threads(1).build();
		try (HfTokenizer tokenizer = HfTokenizer.load(checkpoint)) {
			special = tokenizer.specialTokens();
		}
	}

	@AfterAll
	static void close() {
		backend.close();
	}

	private static Schema validator(JsonNode schema) {
		return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(schema);
	}

	private static List<Tool> tools() {
		return List.of(Tool.function("get_weather", "Weather for a city", WEATHER),
				Tool.function("search", "Searches the web", SEARCH));
	}

	private static ChatRequest.Builder request(ToolChoice choice, long seed, int maxTokens) {
		return ChatRequest.builder()
			.messages(UserMessage.of("What is the weather in Oslo?"))
			.tools(tools())
			.toolChoice(choice)
			.temperature(1.0)
			.seed(seed)
			.maxTokens(maxTokens);
	}

	private static void assertValidCalls(ChatResponse response, Map<String, Schema> validators) {
		assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_CALL);
		assertThat(response.toolCalls()).isNotEmpty();
		for (ToolCall call : response.toolCalls()) {
			Schema validator = validators.get(call.function().name());
			assertThat(validator).as(call.function().name()).isNotNull();
			assertThat(validator.validate(MAPPER.readTree(call.function().arguments()))).as(call.function().arguments())
				.isEmpty();
		}
	}

	@Test
	void requiredAlwaysEndsInToolCallsThatValidateInChatAndStream() {
		Map<String, Schema> validators = Map.of("get_weather", validator(WEATHER), "search", validator(SEARCH));
		int planned = 0;
		List<String> names = new ArrayList<>();
		for (long seed = 1; seed <= 6; seed++) {
			ChatRequest request = request(ToolChoice.REQUIRED, seed, 3000).build();
			List<Integer> ids = new ArrayList<>();
			ChatStreamAccumulator streamed = new ChatStreamAccumulator();
			backend.rawStream(request, ids::add).doOnNext(streamed::accept).blockLast();
			ChatResponse stream = streamed.result();
			assertValidCalls(stream, validators);
			assertThat(ids).contains(special.startAction().getAsInt(), special.endAction().getAsInt());
			assertThat(ids.getLast()).isIn(special.endOfTurn().getAsInt(), special.eos().getAsInt());
			if (ids.getFirst() == special.startThinking().getAsInt()) {
				planned++;
			}
			stream.toolCalls().forEach((call) -> names.add(call.function().name()));
			ChatResponse chat = backend.chat(request);
			assertValidCalls(chat, validators);
			assertThat(chat.toolCalls()).extracting((call) -> call.function().arguments())
				.isEqualTo(stream.toolCalls().stream().map((call) -> call.function().arguments()).toList());
			assertThat(chat.message().toolPlan()).isEqualTo(stream.message().toolPlan());
		}
		assertThat(names).contains("get_weather", "search");
		assertThat(planned).as("some seeds write a tool plan before the action").isPositive();
	}

	@Test
	void requiredWithStrictToolsAlsoValidates() {
		Map<String, Schema> validators = Map.of("get_weather", validator(WEATHER), "search", validator(SEARCH));
		for (long seed = 11; seed <= 13; seed++) {
			assertValidCalls(backend.chat(request(ToolChoice.REQUIRED, seed, 3000).strictTools(true).build()),
					validators);
		}
	}

	@Test
	void requiredWithoutStrictToolsHoldsAnUnsupportedSchemaToAnObject() {
		List<Tool> tools = List.of(Tool.function("lookup", "Looks an id up", UNSUPPORTED));
		for (long seed = 21; seed <= 23; seed++) {
			ChatResponse response = backend.chat(request(ToolChoice.REQUIRED, seed, 3000).tools(tools).build());
			assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_CALL);
			assertThat(response.toolCalls()).isNotEmpty().allSatisfy((call) -> {
				assertThat(call.function().name()).isEqualTo("lookup");
				assertThat(MAPPER.readTree(call.function().arguments()).isObject()).isTrue();
			});
		}
		assertThatThrownBy(
				() -> backend.chat(request(ToolChoice.REQUIRED, 1, 3000).tools(tools).strictTools(true).build()))
			.hasMessageContaining("'not'")
			.hasMessageContaining("tools[lookup].parameters");
	}

	@Test
	void noneNeverCallsATool() {
		int startAction = special.startAction().getAsInt();
		int endAction = special.endAction().getAsInt();
		for (long seed = 1; seed <= 8; seed++) {
			ChatRequest request = request(ToolChoice.NONE, seed, 300).temperature(1.5).build();
			List<Integer> ids = new ArrayList<>();
			ChatStreamAccumulator streamed = new ChatStreamAccumulator();
			backend.rawStream(request, ids::add).doOnNext(streamed::accept).blockLast();
			assertThat(ids).doesNotContain(startAction, endAction);
			List<StreamEvent> events = backend.chatStream(request).collectList().block();
			assertThat(events).noneMatch(StreamEvent.ToolCallStart.class::isInstance);
			ChatResponse chat = backend.chat(request);
			assertThat(chat.toolCalls()).isEmpty();
			assertThat(chat.finishReason()).isNotEqualTo(FinishReason.TOOL_CALL);
		}
	}

	@Test
	void requiredWithMaxTokensBelowTheShortestActionIsRefusedAndTheShortestFits() {
		Throwable refused = org.assertj.core.api.Assertions
			.catchThrowable(() -> backend.chat(request(ToolChoice.REQUIRED, 3, 3).build()));
		assertThat(refused).isInstanceOf(dev.springcohere.api.error.CohereInvalidRequestException.class)
			.hasMessageContaining("'max_tokens' is 3")
			.hasMessageContaining("tool_choice REQUIRED");
		java.util.regex.Matcher m = java.util.regex.Pattern.compile("fewer than the (\\d+) tokens")
			.matcher(refused.getMessage());
		assertThat(m.find()).as(refused.getMessage()).isTrue();
		int minimal = Integer.parseInt(m.group(1));
		assertThatThrownBy(() -> backend.chat(request(ToolChoice.REQUIRED, 3, minimal - 1).build()))
			.isInstanceOf(dev.springcohere.api.error.CohereInvalidRequestException.class)
			.hasMessageContaining("'max_tokens' is " + (minimal - 1) + ", fewer than the " + minimal + " tokens");
		// at the minimum and just above it, the action always completes: no plan fits,
		// the calls validate
		Map<String, Schema> validators = Map.of("get_weather", validator(WEATHER), "search", validator(SEARCH));
		for (int budget = minimal; budget <= minimal + 3; budget++) {
			for (long seed = 1; seed <= 3; seed++) {
				ChatResponse chat = backend.chat(request(ToolChoice.REQUIRED, seed, budget).build());
				assertValidCalls(chat, validators);
				assertThat(chat.usage().outputTokens()).isLessThanOrEqualTo(budget);
			}
		}
	}

	@Test
	void requiredWithoutToolsIsRejectedNamingTheFields() {
		ChatRequest request = ChatRequest.builder()
			.messages(UserMessage.of("Hi"))
			.toolChoice(ToolChoice.REQUIRED)
			.build();
		assertThatIllegalArgumentException().isThrownBy(() -> backend.chat(request))
			.withMessageContaining("'tool_choice' REQUIRED needs 'tools'");
		assertThatIllegalArgumentException().isThrownBy(() -> backend.chatStream(request).blockLast())
			.withMessageContaining("'tool_choice' REQUIRED needs 'tools'");
	}

	@Test
	void noneWithoutToolsAnswersAsText() {
		ChatResponse response = backend.chat(ChatRequest.builder()
			.messages(UserMessage.of("Hi"))
			.toolChoice(ToolChoice.NONE)
			.temperature(0.0)
			.maxTokens(20)
			.build());
		assertThat(response.toolCalls()).isEmpty();
	}

	@Test
	void unknownToolChoiceIsRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> backend.chat(request(ToolChoice.of("ANY"), 1, 10).build()))
			.withMessageContaining("'tool_choice' must be REQUIRED or NONE but was 'ANY'");
	}

	@Test
	void modelWithoutActionTokensRejectsRequiredButAnswersNone(@TempDir Path model) throws IOException {
		Path checkpoint = LocalBackendTests.checkpoint(model.resolve("no-actions"));
		Path tokenizer = checkpoint.resolve("tokenizer.json");
		String renamed = Files.readString(tokenizer)
			.replace("<|START_ACTION|>", "<|START_TOOL_A|>")
			.replace("<|END_ACTION|>", "<|END_TOOL_A|>");
		Files.writeString(tokenizer, renamed);
		try (LocalBackend plain = LocalBackend.builder(checkpoint).modelName("plain").threads(1).build()) {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> plain.chat(request(ToolChoice.REQUIRED, 1, 10).build()))
				.withMessageContaining("'tool_choice' REQUIRED")
				.withMessageContaining("<|START_ACTION|>")
				.withMessageContaining("'plain'");
			ChatResponse none = plain.chat(request(ToolChoice.NONE, 1, 10).temperature(0.0).build());
			assertThat(none.toolCalls()).isEmpty();
			assertThat(none.finishReason()).isNotNull();
			assertThat(plain.chat(request(null, 1, 5).temperature(0.0).build()).finishReason()).isNotNull();
		}
	}

}
