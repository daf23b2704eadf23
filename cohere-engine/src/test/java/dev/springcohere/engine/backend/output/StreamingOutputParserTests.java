package dev.springcohere.engine.backend.output;

import java.util.List;

import dev.springcohere.api.Citation;
import dev.springcohere.api.CitationType;
import dev.springcohere.api.ContentType;
import dev.springcohere.api.DocumentSource;
import dev.springcohere.api.FinishReason;
import dev.springcohere.api.Source;
import dev.springcohere.api.StreamEvent;
import dev.springcohere.api.ToolCall;
import dev.springcohere.api.ToolSource;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class StreamingOutputParserTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Source DOC_0 = new DocumentSource("doc_0", JSON.readTree("{\"snippet\": \"It rains.\"}"));

	private static final Source DOC_1 = new DocumentSource("doc_1", JSON.readTree("{\"snippet\": \"It is cold.\"}"));

	private static final Source DOC_2 = new DocumentSource("doc_2", JSON.readTree("{\"snippet\": \"Windy.\"}"));

	private static final Source WEATHER = new ToolSource("get_weather_x1", JSON.readTree("{\"temp_c\": 21}"));

	private static final Source WEATHER_2 = new ToolSource("get_weather_x2", JSON.readTree("{\"temp_c\": 12}"));

	/**
	 * Group 0: the request's documents; group 1: the results of the first tool call of
	 * the conversation.
	 */
	private static final SourceResolver SOURCES = SourceResolver
		.of(List.of(List.of(DOC_0, DOC_1, DOC_2), List.of(WEATHER, WEATHER_2)));

	private static ParserRun plan(String generated) {
		return ParserRun.runAll(generated, SOURCES, ThinkingChannel.TOOL_PLAN);
	}

	@Test
	void plainTextWithoutAnyMarkupIsTheResponse() {
		ParserRun run = plan("  Hello there, how can I help?\n");
		assertThat(run.output())
			.isEqualTo(new ParsedOutput("Hello there, how can I help?", null, null, List.of(), List.of(), null));
		assertThat(ParserRun.merged(run.events())).containsExactly(
				new StreamEvent.ContentStart(0, ContentType.TEXT, "", null),
				new StreamEvent.ContentDelta(0, "Hello there, how can I help?", null, null),
				new StreamEvent.ContentEnd(0));
	}

	@Test
	void responseSectionIsTheTextAndEndOfTurnEndsIt() {
		ParserRun run = plan("<|START_RESPONSE|>The answer is 42.<|END_RESPONSE|><|END_OF_TURN_TOKEN|>ignored");
		assertThat(run.output().text()).isEqualTo("The answer is 42.");
		assertThat(run.output().malformed()).isFalse();
		assertThat(run.output().finishReason(FinishReason.COMPLETE)).isEqualTo(FinishReason.COMPLETE);
	}

	@Test
	void emptyOutputGivesNoEvents() {
		ParserRun run = plan("");
		assertThat(run.events()).isEmpty();
		assertThat(run.output()).isEqualTo(new ParsedOutput("", null, null, List.of(), List.of(), null));
	}

	@Test
	void thinkingThenResponseAsToolPlan() {
		ParserRun run = plan(
				"<|START_THINKING|>The user greets me.<|END_THINKING|>\n<|START_RESPONSE|>Hi!<|END_RESPONSE|>");
		assertThat(run.output().toolPlan()).isEqualTo("The user greets me.");
		assertThat(run.output().thinking()).isNull();
		assertThat(run.output().text()).isEqualTo("Hi!");
		assertThat(ParserRun.merged(run.events())).containsExactly(new StreamEvent.ToolPlanDelta("The user greets me."),
				new StreamEvent.ContentStart(0, ContentType.TEXT, "", null),
				new StreamEvent.ContentDelta(0, "Hi!", null, null), new StreamEvent.ContentEnd(0));
	}

	@Test
	void thinkingThenResponseAsThinkingBlock() {
		ParserRun run = ParserRun.runAll(
				"<|START_THINKING|>Step 1: <co>rain</co: 0:[0]>.<|END_THINKING|><|START_RESPONSE|>Take an umbrella.",
				SOURCES, ThinkingChannel.CONTENT);
		assertThat(run.output().thinking()).isEqualTo("Step 1: rain.");
		assertThat(run.output().toolPlan()).isNull();
		assertThat(run.output().text()).isEqualTo("Take an umbrella.");
		assertThat(run.output().citations())
			.containsExactly(new Citation(8, 12, "rain", List.of(DOC_0), 0, CitationType.THINKING_CONTENT));
		assertThat(ParserRun.merged(run.events())).containsExactly(
				new StreamEvent.ContentStart(0, ContentType.THINKING, null, ""),
				new StreamEvent.ContentDelta(0, null, "Step 1: rain", null),
				new StreamEvent.CitationStart(0, run.output().citations().get(0)), new StreamEvent.CitationEnd(0),
				new StreamEvent.ContentDelta(0, null, ".", null), new StreamEvent.ContentEnd(0),
				new StreamEvent.ContentStart(1, ContentType.TEXT, "", null),
				new StreamEvent.ContentDelta(1, "Take an umbrella.", null, null), new StreamEvent.ContentEnd(1));
	}

	@Test
	void thinkingAfterTheResponseIsMalformedAndKeptAsText() {
		ParserRun run = ParserRun.runAll("<|START_THINKING|>a<|END_THINKING|><|START_RESPONSE|>b<|END_RESPONSE|>"
				+ "<|START_THINKING|> c<|END_THINKING|>", SOURCES, ThinkingChannel.CONTENT);
		assertThat(run.output().thinking()).isEqualTo("a");
		assertThat(run.output().text()).isEqualTo("b c");
		assertThat(run.output().problem()).contains("thinking after the response");
		assertThat(plan("<|START_RESPONSE|>b<|START_THINKING|>plan").output().toolPlan()).isEqualTo("plan");
	}

	@Test
	void toolPlanAndSingleAction() {
		ParserRun run = plan("<|START_THINKING|>I will look up the weather.<|END_THINKING|><|START_ACTION|>[\n"
				+ "    {\"tool_call_id\": \"0\", \"tool_name\": \"get_weather\", \"parameters\": {\"location\": \"Toronto\"}}\n"
				+ "]<|END_ACTION|><|END_OF_TURN_TOKEN|>");
		ParsedOutput output = run.output();
		assertThat(output.toolPlan()).isEqualTo("I will look up the weather.");
		assertThat(output.text()).isEmpty();
		assertThat(output.toolCalls()).hasSize(1);
		ToolCall call = output.toolCalls().get(0);
		assertThat(call.type()).isEqualTo("function");
		assertThat(call.function().name()).isEqualTo("get_weather");
		assertThat(JSON.readTree(call.function().arguments())).isEqualTo(JSON.readTree("{\"location\": \"Toronto\"}"));
		assertThat(call.id()).matches("get_weather_[a-z0-9]{12}");
		assertThat(output.finishReason(FinishReason.COMPLETE)).isEqualTo(FinishReason.TOOL_CALL);
		assertThat(output.finishReason(FinishReason.MAX_TOKENS)).isEqualTo(FinishReason.MAX_TOKENS);
		assertThat(ParserRun.merged(run.events())).containsExactly(
				new StreamEvent.ToolPlanDelta("I will look up the weather."),
				new StreamEvent.ToolCallStart(0,
						new ToolCall(call.id(), "function", new ToolCall.Function("get_weather", ""))),
				new StreamEvent.ToolCallDelta(0, call.function().arguments()), new StreamEvent.ToolCallEnd(0));
	}

	@Test
	void parallelActionsWithNestedParametersGetDistinctIds() {
		ParserRun run = plan("<|START_THINKING|>Two lookups.<|END_THINKING|><|START_ACTION|>["
				+ "{\"tool_call_id\": \"0\", \"tool_name\": \"search\", \"parameters\": {\"query\": \"a <b> [c]\", "
				+ "\"filter\": {\"years\": [2023, 2024], \"tags\": {\"lang\": \"en\"}}, \"exact\": true}},"
				+ "{\"tool_call_id\": \"1\", \"tool_name\": \"search\", \"parameters\": {}},"
				+ "{\"tool_call_id\": \"2\", \"tool_name\": \"now\"}]<|END_ACTION|>");
		List<ToolCall> calls = run.output().toolCalls();
		assertThat(calls).extracting((call) -> call.function().name()).containsExactly("search", "search", "now");
		assertThat(calls).extracting(ToolCall::id).doesNotHaveDuplicates();
		assertThat(JSON.readTree(calls.get(0).function().arguments())).isEqualTo(JSON.readTree(
				"{\"query\": \"a <b> [c]\", \"filter\": {\"years\": [2023, 2024], \"tags\": {\"lang\": \"en\"}}, \"exact\": true}"));
		assertThat(calls.get(1).function().arguments()).isEqualTo("{}");
		assertThat(calls.get(2).function().arguments()).isEqualTo("{}");
		assertThat(run.events()).filteredOn(StreamEvent.ToolCallEnd.class::isInstance)
			.containsExactly(new StreamEvent.ToolCallEnd(0), new StreamEvent.ToolCallEnd(1),
					new StreamEvent.ToolCallEnd(2));
	}

	@Test
	void toolCallIdsDifferBetweenParsersAndRepeatWithTheSameSeed() {
		String generated = "<|START_ACTION|>[{\"tool_call_id\": \"0\", \"tool_name\": \"f\", \"parameters\": {}}]<|END_ACTION|>";
		String first = parse(new StreamingOutputParser(SourceResolver.none()), generated).toolCalls().get(0).id();
		String second = parse(new StreamingOutputParser(SourceResolver.none()), generated).toolCalls().get(0).id();
		assertThat(first).isNotEqualTo(second);
		String seeded = parse(new StreamingOutputParser(SourceResolver.none(), ToolCallIdGenerator.seeded(7)),
				generated)
			.toolCalls()
			.get(0)
			.id();
		assertThat(parse(new StreamingOutputParser(SourceResolver.none(), ToolCallIdGenerator.seeded(7)), generated)
			.toolCalls()
			.get(0)
			.id()).isEqualTo(seeded);
	}

	@Test
	void repeatedGeneratedIdsAreRedrawn() {
		String generated = "<|START_ACTION|>[{\"tool_name\": \"f\"}, {\"tool_name\": \"f\"}]<|END_ACTION|>";
		int[] calls = { 0 };
		ToolCallIdGenerator repeating = (name) -> name + "_" + (calls[0]++ / 2);
		assertThat(parse(new StreamingOutputParser(SourceResolver.none(), repeating), generated).toolCalls())
			.extracting(ToolCall::id)
			.containsExactly("f_0", "f_1");
	}

	@Test
	void citationsOverDocumentsWithOffsetsIntoTheCleanedText() {
		ParserRun run = plan("<|START_RESPONSE|>It will <co>rain</co: 0:[0]> and be <co>cold and windy</co: 0:[1,2]>."
				+ "<|END_RESPONSE|>");
		assertThat(run.output().text()).isEqualTo("It will rain and be cold and windy.");
		assertThat(run.output().citations()).containsExactly(
				new Citation(8, 12, "rain", List.of(DOC_0), 0, CitationType.TEXT_CONTENT),
				new Citation(20, 34, "cold and windy", List.of(DOC_1, DOC_2), 0, CitationType.TEXT_CONTENT));
		for (Citation citation : run.output().citations()) {
			assertThat(run.output().text().substring(citation.start(), citation.end())).isEqualTo(citation.text());
		}
		List<StreamEvent> merged = ParserRun.merged(run.events());
		assertThat(merged).extracting(StreamEvent::type)
			.containsExactly("content-start", "content-delta", "citation-start", "citation-end", "content-delta",
					"citation-start", "citation-end", "content-delta", "content-end");
		assertThat(merged.get(1)).isEqualTo(new StreamEvent.ContentDelta(0, "It will rain", null, null));
	}

	@Test
	void citationsOverToolResultsAndSeveralGroups() {
		ParserRun run = plan(
				"<|START_RESPONSE|>Toronto is <co>21°C</co: 1:[0]>, Oslo <co>12°C and rainy</co: 1:[1],0:[0]>."
						+ "<|END_RESPONSE|>");
		assertThat(run.output().citations()).containsExactly(
				new Citation(11, 15, "21°C", List.of(WEATHER), 0, CitationType.TEXT_CONTENT),
				new Citation(22, 36, "12°C and rainy", List.of(WEATHER_2, DOC_0), 0, CitationType.TEXT_CONTENT));
	}

	@Test
	void citationOffsetsCountCodePoints() {
		ParserRun run = plan("<|START_RESPONSE|>😀 <co>ok</co: 0:[0]>");
		assertThat(run.output().citations())
			.containsExactly(new Citation(2, 4, "ok", List.of(DOC_0), 0, CitationType.TEXT_CONTENT));
	}

	@Test
	void adjacentAndNestedLookingSpans() {
		ParserRun run = plan(
				"<|START_RESPONSE|><co>A</co: 0:[0]><co>B</co: 0:[1]> <co>x <co>y</co: 0:[2]> z</co: 0:[0]>");
		assertThat(run.output().text()).isEqualTo("AB x y z");
		assertThat(run.output().citations()).containsExactly(
				new Citation(0, 1, "A", List.of(DOC_0), 0, CitationType.TEXT_CONTENT),
				new Citation(1, 2, "B", List.of(DOC_1), 0, CitationType.TEXT_CONTENT),
				new Citation(5, 6, "y", List.of(DOC_2), 0, CitationType.TEXT_CONTENT),
				new Citation(3, 8, "x y z", List.of(DOC_0), 0, CitationType.TEXT_CONTENT));
	}

	@Test
	void citationsInTheToolPlanHaveThePlanType() {
		ParserRun run = plan("<|START_THINKING|>It is <co>21°C</co: 1:[0]>, so no coat.<|END_THINKING|>"
				+ "<|START_RESPONSE|>No coat needed.");
		assertThat(run.output().citations())
			.containsExactly(new Citation(6, 10, "21°C", List.of(WEATHER), null, CitationType.PLAN));
	}

	@Test
	void unresolvableSourcesAreSkippedAndCitationsWithoutSourcesDropped() {
		ParserRun run = plan("<|START_RESPONSE|><co>a</co: 0:[0,9],7:[0]> <co>b</co: 5:[5]> <co>c</co> d</co: 0:[1]>");
		assertThat(run.output().text()).isEqualTo("a b c d");
		assertThat(run.output().citations())
			.containsExactly(new Citation(0, 1, "a", List.of(DOC_0), 0, CitationType.TEXT_CONTENT));
		assertThat(run.output().malformed()).isFalse();
	}

	@Test
	void noResolverMeansNoCitationsButCleanText() {
		ParserRun run = ParserRun.runAll("<|START_RESPONSE|>It <co>rains</co: 0:[0]>.", SourceResolver.none(),
				ThinkingChannel.TOOL_PLAN);
		assertThat(run.output().text()).isEqualTo("It rains.");
		assertThat(run.output().citations()).isEmpty();
	}

	@Test
	void olderCommandRPlusCitationForm() {
		ParserRun run = plan("Grounded: <co: 0,2>rain and wind</co: 0,2>.");
		assertThat(run.output().citations()).containsExactly(
				new Citation(10, 23, "rain and wind", List.of(DOC_0, DOC_2), 0, CitationType.TEXT_CONTENT));
	}

	@Test
	void unclosedActionBecomesTextWithAProblem() {
		ParserRun run = plan("<|START_THINKING|>Look it up.<|END_THINKING|><|START_ACTION|>[{\"tool_call_id\": \"0\", "
				+ "\"tool_name\": \"search\", \"parameters\": {\"q\": \"x\"");
		ParsedOutput output = run.output();
		assertThat(output.toolCalls()).isEmpty();
		assertThat(output.text())
			.isEqualTo("[{\"tool_call_id\": \"0\", \"tool_name\": \"search\", \"parameters\": {\"q\": \"x\"");
		assertThat(output.malformed()).isTrue();
		assertThat(output.problem()).contains("unclosed action");
		assertThat(output.finishReason(FinishReason.MAX_TOKENS)).isEqualTo(FinishReason.MAX_TOKENS);
	}

	@Test
	void actionInterruptedByAnotherSectionIsUnclosed() {
		ParserRun run = plan("<|START_ACTION|>[{\"tool_name\": \"f\"<|START_RESPONSE|>Sorry.");
		assertThat(run.output().problem()).contains("unclosed action").contains("<|START_RESPONSE|>");
		assertThat(run.output().text()).isEqualTo("[{\"tool_name\": \"f\"Sorry.");
	}

	@Test
	void invalidActionJsonBecomesTextWithAProblem() {
		ParserRun run = plan(
				"<|START_RESPONSE|>Let me check.<|END_RESPONSE|><|START_ACTION|>[{tool_name: search}]<|END_ACTION|>");
		assertThat(run.output().toolCalls()).isEmpty();
		assertThat(run.output().text()).isEqualTo("Let me check.\n[{tool_name: search}]");
		assertThat(run.output().problem()).startsWith("invalid action JSON");
	}

	@Test
	void actionsThatAreNotToolCallListsAreProblems() {
		assertThat(plan("<|START_ACTION|>42<|END_ACTION|>").output().problem()).contains("expected a JSON list");
		assertThat(plan("<|START_ACTION|>[{\"parameters\": {}}]<|END_ACTION|>").output().problem())
			.contains("\"tool_name\"");
		assertThat(
				plan("<|START_ACTION|>[{\"tool_name\": \"f\", \"parameters\": [1]}]<|END_ACTION|>").output().problem())
			.contains("\"parameters\"");
		assertThat(plan("<|START_ACTION|>[\"f\"]<|END_ACTION|>").output().problem()).contains("not a JSON object");
		assertThat(plan("<|START_ACTION|>   <|END_ACTION|>").output().problem()).contains("empty action");
		assertThat(plan("<|START_ACTION|>[{\"tool_name\": \"f\"}] trailing<|END_ACTION|>").output().problem())
			.startsWith("invalid action JSON");
	}

	@Test
	void garbageTokensAreDroppedAndStrayTagsIgnored() {
		ParserRun run = plan("<BOS_TOKEN><|START_OF_TURN_TOKEN|><|CHATBOT_TOKEN|>a < b and <code>x</code></co: 0:[0]> "
				+ "<|UNKNOWN_42|>done<|END_THINKING|><|END_ACTION|>!<EOS_TOKEN>after");
		assertThat(run.output().text()).isEqualTo("a < b and <code>x</code> done!");
		assertThat(run.output().citations()).isEmpty();
		assertThat(run.output().malformed()).isFalse();
	}

	@Test
	void partialMarkupAtTheEndIsNeverText() {
		assertThat(plan("<|START_RESPONSE|>Hello<|END_RESP").output().text()).isEqualTo("Hello");
		assertThat(plan("<|START_RESPONSE|>Hello <co").output().text()).isEqualTo("Hello ");
		assertThat(plan("<|START_RESPONSE|>Hello <co>world</co: 0:[").output().text()).isEqualTo("Hello world");
		assertThat(plan("<|START_RESPONSE|>a <").output().text()).isEqualTo("a <");
	}

	@Test
	void textIsHeldBackOnlyWhileItCouldBeMarkup() {
		StreamingOutputParser parser = new StreamingOutputParser(SOURCES);
		assertThat(parser.accept("<|START_RESPONSE|>Hi <")).containsExactly(
				new StreamEvent.ContentStart(0, ContentType.TEXT, "", null),
				new StreamEvent.ContentDelta(0, "Hi ", null, null));
		assertThat(parser.accept("|")).isEmpty();
		assertThat(parser.accept("x")).isEmpty();
		assertThat(parser.accept(" y")).containsExactly(new StreamEvent.ContentDelta(0, "x y", null, null));
		assertThat(parser.accept("<c")).isEmpty();
		assertThat(parser.accept("at")).containsExactly(new StreamEvent.ContentDelta(0, "<cat", null, null));
		assertThat(parser.finish()).containsExactly(new StreamEvent.ContentEnd(0));
	}

	@Test
	void misuseIsReportedClearly() {
		StreamingOutputParser parser = new StreamingOutputParser(SOURCES);
		assertThatIllegalStateException().isThrownBy(parser::result).withMessageContaining("finish()");
		parser.finish();
		assertThat(parser.finish()).isEmpty();
		assertThatIllegalStateException().isThrownBy(() -> parser.accept("more"))
			.withMessageContaining("new StreamingOutputParser");
	}

	private static ParsedOutput parse(StreamingOutputParser parser, String generated) {
		parser.accept(generated);
		parser.finish();
		return parser.result();
	}

}
