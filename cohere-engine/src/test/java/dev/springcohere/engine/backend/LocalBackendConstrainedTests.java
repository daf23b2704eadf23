package dev.springcohere.engine.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
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
import dev.springcohere.api.ResponseFormat;
import dev.springcohere.api.Tool;
import dev.springcohere.api.ToolCall;
import dev.springcohere.api.UserMessage;
import dev.springcohere.engine.backend.output.ParsedOutput;
import dev.springcohere.engine.backend.output.StreamingOutputParser;
import dev.springcohere.engine.constrain.GrammarMasker;
import dev.springcohere.engine.constrain.JsonConstraint;
import dev.springcohere.engine.constrain.JsonGrammar;
import dev.springcohere.engine.constrain.TokenTrie;
import dev.springcohere.engine.constrain.UnsupportedSchemaException;
import dev.springcohere.engine.cpu.VectorKernels;
import dev.springcohere.engine.decode.CohereModel;
import dev.springcohere.engine.decode.Generator;
import dev.springcohere.engine.decode.SamplingParams;
import dev.springcohere.engine.model.ModelWeights;
import dev.springcohere.engine.tokenizer.HfTokenizer;

/**
 * {@code response_format} and {@code strict_tools} on the local backend with the tiny
 * gibberish model: the output validates, unsupported schemas fail at request time, and a
 * JSON cut by {@code max_tokens} fails clearly.
 */
class LocalBackendConstrainedTests {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private static final JsonNode SCHEMA = MAPPER.readTree("""
			{"type":"object","properties":{"city":{"type":"string","maxLength":10},
			 "temperature":{"type":"number","minimum":-50,"maximum":60},
			 "unit":{"enum":["C","F"]},"days":{"type":"array","maxItems":3,"items":{"type":"string","format":"date"}}},
			 "required":["city","temperature","unit"],"additionalProperties":false}""");

	@TempDir
	static Path dir;

	private static LocalBackend backend;

	@BeforeAll
	static void load() {
		backend = LocalBackend.builder(LocalBackendTests.checkpoint(dir.resolve("tiny")))
			.modelName("tiny")
			.threads(1)
			.build();
	}

	@AfterAll
	static void close() {
		backend.close();
	}

	private static Schema validator(JsonNode schema) {
		return SchemaRegistry
			.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
					(b) -> b.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()))
			.getSchema(schema);
	}

	private static ChatRequest jsonRequest(ResponseFormat format, long seed, int maxTokens) {
		return ChatRequest.builder()
			.messages(UserMessage.of("Generate a JSON weather report"))
			.temperature(1.0)
			.seed(seed)
			.maxTokens(maxTokens)
			.responseFormat(format)
			.build();
	}

	@Test
	void responseFormatAnswersValidateInChatAndStream() {
		Schema validator = validator(SCHEMA);
		for (long seed = 1; seed <= 4; seed++) {
			ChatRequest request = jsonRequest(ResponseFormat.jsonObject(SCHEMA), seed, 400);
			ChatResponse chat = backend.chat(request);
			assertThat(chat.finishReason()).isEqualTo(FinishReason.COMPLETE);
			JsonNode value = MAPPER.readTree(chat.text());
			assertThat(validator.validate(value)).as(chat.text()).isEmpty();
			ChatStreamAccumulator streamed = new ChatStreamAccumulator();
			backend.chatStream(request).doOnNext(streamed::accept).blockLast();
			assertThat(streamed.result().text()).isEqualTo(chat.text());
		}
	}

	@Test
	void jsonObjectWithoutSchemaIsAnObject() {
		for (long seed = 1; seed <= 3; seed++) {
			ChatResponse chat = backend.chat(jsonRequest(ResponseFormat.jsonObject(), seed, 1500));
			assertThat(chat.finishReason()).isEqualTo(FinishReason.COMPLETE);
			assertThat(MAPPER.readTree(chat.text()).isObject()).as(chat.text()).isTrue();
		}
	}

	@Test
	void unsupportedKeywordFailsAtRequestTimeNamingIt() {
		JsonNode schema = MAPPER.readTree("""
				{"type":"object","properties":{"v":{"oneOf":[{"type":"string"},{"type":"string","maxLength":3}]}},
				 "required":["v"]}""");
		assertThatThrownBy(() -> backend.chat(jsonRequest(ResponseFormat.jsonObject(schema), 1, 50)))
			.isInstanceOf(UnsupportedSchemaException.class)
			.hasMessageContaining("'oneOf'")
			.hasMessageContaining("/properties/v");
		assertThatThrownBy(() -> backend.chat(jsonRequest(
				ResponseFormat.jsonObject(MAPPER.readTree("{\"type\":\"array\",\"items\":{\"type\":\"string\"}}")), 1,
				50)))
			.isInstanceOf(UnsupportedSchemaException.class)
			.hasMessageContaining("must be 'object'");
	}

	@Test
	void maxTokensBelowTheShortestDocumentIsRefusedNamingBothNumbers() {
		Throwable refused = org.assertj.core.api.Assertions
			.catchThrowable(() -> backend.chat(jsonRequest(ResponseFormat.jsonObject(SCHEMA), 7, 4)));
		assertThat(refused).isInstanceOf(dev.springcohere.api.error.CohereInvalidRequestException.class)
			.hasMessageContaining("'max_tokens' is 4")
			.hasMessageContaining("response_format");
		java.util.regex.Matcher m = java.util.regex.Pattern.compile("fewer than the (\\d+) tokens")
			.matcher(refused.getMessage());
		assertThat(m.find()).as(refused.getMessage()).isTrue();
		int minimal = Integer.parseInt(m.group(1));
		// the shortest document: {"city":"","temperature":0,"unit":"C"} between the
		// response tokens
		assertThat(minimal).isBetween(4, 60);
		Schema validator = validator(SCHEMA);
		for (int budget = minimal; budget <= minimal + 2; budget++) {
			ChatResponse chat = backend.chat(jsonRequest(ResponseFormat.jsonObject(SCHEMA), 7, budget));
			assertThat(validator.validate(MAPPER.readTree(chat.text()))).as(chat.text()).isEmpty();
		}
		assertThatThrownBy(() -> backend.chat(jsonRequest(ResponseFormat.jsonObject(SCHEMA), 7, minimal - 1)))
			.isInstanceOf(dev.springcohere.api.error.CohereInvalidRequestException.class)
			.hasMessageContaining("'max_tokens' is " + (minimal - 1) + ", fewer than the " + minimal + " tokens");
	}

	@Test
	void strictToolsRejectUnsupportedParameterSchemas() {
		ChatRequest request = ChatRequest.builder()
			.messages(UserMessage.of("Weather?"))
			.strictTools(true)
			.tools(List.of(Tool.function("get_weather", "Weather", MAPPER.readTree(
					"""
							{"type":"object","properties":{"city":{"type":"string","not":{"const":"x"}}},"required":["city"]}"""))))
			.maxTokens(10)
			.build();
		assertThatThrownBy(() -> backend.chat(request)).isInstanceOf(UnsupportedSchemaException.class)
			.hasMessageContaining("'not'")
			.hasMessageContaining("tools[get_weather].parameters/properties/city");
	}

	/**
	 * Through the backend: every tool call of a strict_tools answer names a tool and
	 * validates, on seeds where the gibberish model opens actions of its own.
	 */
	@Test
	void strictToolsAnswersThroughTheBackendValidate() {
		JsonNode weather = MAPPER.readTree("""
				{"type":"object","properties":{"city":{"type":"string","maxLength":8},
				 "days":{"type":"integer","minimum":1,"maximum":7}},"required":["city","days"],
				 "additionalProperties":false}""");
		Schema validator = validator(weather);
		int startAction = backendStartAction();
		int actions = 0;
		int calls = 0;
		for (long seed = 1; seed <= 12; seed++) {
			ChatRequest request = ChatRequest.builder()
				.messages(UserMessage.of("Weather in Oslo?"))
				.strictTools(true)
				.tools(List.of(Tool.function("get_weather", "Weather", weather)))
				.temperature(1.5)
				.seed(seed)
				.maxTokens(1500)
				.build();
			int[] opened = new int[1];
			ChatStreamAccumulator accumulator = new ChatStreamAccumulator();
			backend.rawStream(request, (id) -> {
				if (id == startAction) {
					opened[0]++;
				}
			}).doOnNext(accumulator::accept).blockLast();
			actions += opened[0];
			ChatResponse response = accumulator.isComplete() ? accumulator.result() : accumulator.partialResult();
			for (ToolCall call : response.toolCalls()) {
				calls++;
				assertThat(call.function().name()).isEqualTo("get_weather");
				assertThat(validator.validate(MAPPER.readTree(call.function().arguments())))
					.as(call.function().arguments())
					.isEmpty();
			}
		}
		assertThat(actions).as("the model opened actions on these seeds").isPositive();
		assertThat(calls).isPositive();
	}

	private static int backendStartAction() {
		try (HfTokenizer tokenizer = HfTokenizer.load(dir.resolve("tiny"))) {
			return tokenizer.specialTokens().startAction().getAsInt();
		}
	}

	/**
	 * Once the model opens an action, every sampled action parses into tool calls of
	 * known tools whose arguments validate against that tool's schema.
	 */
	@Test
	void strictToolActionsParseAndValidate(@TempDir Path model) {
		JsonNode weather = MAPPER.readTree(
				"""
						{"type":"object","properties":{"city":{"type":"string","pattern":"[A-Z][a-z]{1,9}"},
						 "days":{"type":"integer","minimum":1,"maximum":7}},"required":["city"],"additionalProperties":false}""");
		JsonNode search = MAPPER.readTree("""
				{"type":"object","properties":{"query":{"type":"string","maxLength":12},
				 "filters":{"type":"array","maxItems":2,"items":{"enum":["news","web"]}}},
				 "required":["query","filters"]}""");
		Map<String, Schema> validators = Map.of("get_weather", validator(weather), "search", validator(search));
		Path checkpoint = LocalBackendTests.checkpoint(model.resolve("m"));
		try (VectorKernels kernels = new VectorKernels(1);
				ModelWeights weights = ModelWeights.open(checkpoint);
				HfTokenizer tokenizer = HfTokenizer.load(checkpoint)) {
			CohereModel cohere = new CohereModel(weights, kernels);
			GrammarMasker masker = new GrammarMasker(
					JsonGrammar.toolCalls(Map.of("get_weather", weather, "search", search)), TokenTrie.of(tokenizer));
			int startAction = tokenizer.specialTokens().startAction().getAsInt();
			int endAction = tokenizer.specialTokens().endAction().getAsInt();
			List<String> names = new ArrayList<>();
			for (long seed = 0; seed < 30; seed++) {
				JsonConstraint constraint = JsonConstraint.triggered(masker, startAction, endAction);
				// the model chose to call tools: the prompt ends with <|START_ACTION|>
				constraint.accept(startAction);
				int[] prompt = { tokenizer.specialTokens().bos().getAsInt(), startAction };
				List<Integer> ids = new Generator(cohere).generate(prompt, 600, new SamplingParams(1.0, 0, 1.0, seed),
						Set.of(endAction), 4096, (id) -> {
						}, constraint);
				assertThat(ids.get(ids.size() - 1)).isEqualTo(endAction);
				assertThat(constraint.complete()).isTrue();
				int[] all = new int[ids.size() + 1];
				all[0] = startAction;
				for (int i = 0; i < ids.size(); i++) {
					all[i + 1] = ids.get(i);
				}
				StreamingOutputParser parser = new StreamingOutputParser(
						dev.springcohere.engine.backend.output.SourceResolver.none());
				parser.accept(tokenizer.decode(all, false));
				parser.finish();
				ParsedOutput output = parser.result();
				assertThat(output.malformed()).as(output.problem()).isFalse();
				assertThat(output.toolCalls()).isNotEmpty();
				for (ToolCall call : output.toolCalls()) {
					names.add(call.function().name());
					JsonNode arguments = MAPPER.readTree(call.function().arguments());
					assertThat(validators.get(call.function().name()).validate(arguments))
						.as(call.function().arguments())
						.isEmpty();
				}
			}
			assertThat(names).contains("get_weather", "search");
		}
	}

}
