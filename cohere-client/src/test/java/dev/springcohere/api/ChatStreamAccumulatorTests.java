package dev.springcohere.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests {@link ChatStreamAccumulator} with the spec's streamed examples and hand-written
 * streams.
 */
class ChatStreamAccumulatorTests {

	private final JsonMapper mapper = CohereJson.createMapper();

	@Test
	void toolUseStreamFromSpecMergesToolCallsByIndex() {
		ChatResponse response = accumulate(specStream("Tools")).result();
		assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_CALL);
		assertThat(response.message().toolPlan()).startsWith("I will").contains("query_daily_sales_report");
		assertThat(response.toolCalls()).containsExactly(
				ToolCall.of("query_daily_sales_report_j3f0adww9pmr", "query_daily_sales_report",
						"{\"day\": \"2023-09-29\"}"),
				ToolCall.of("query_product_catalog_c66nf11r6s8g", "query_product_catalog",
						"{\"category\": \"Electronics\"}"));
		assertThat(response.usage().inputTokens()).isEqualTo(1589);
		assertThat(response.usage().outputTokens()).isEqualTo(135);
	}

	@Test
	void citedRagStreamFromSpecCollectsCitationsAndFractionalUsage() {
		List<JsonNode> events = specStream("Documents");
		ChatResponse response = accumulate(events).result();
		assertThat(response.finishReason()).isEqualTo(FinishReason.COMPLETE);
		assertThat(response.citations()).isNotEmpty();
		Citation citation = response.citations().get(0);
		assertThat(citation.text()).isEqualTo("Nsync");
		assertThat(response.text().substring(citation.start(), citation.end())).isEqualTo("Nsync");
		assertThat(citation.sources()).singleElement()
			.isInstanceOfSatisfying(DocumentSource.class, (source) -> assertThat(source.id()).isEqualTo("1"));
		assertThat(response.usage().billedUnits().inputTokens()).isEqualTo(18.0);
		assertThat(response.usage().tokens().inputTokens()).isEqualTo(1661.0);
	}

	@Test
	void streamGivesTheSameResponseAsTheNonStreamedAnswer() throws IOException {
		ChatStreamAccumulator accumulator = new ChatStreamAccumulator();
		for (String line : resource("thinking-rag-stream.jsonl").split("\n")) {
			accumulator.accept(StreamEvent.parse(this.mapper, line));
		}
		ChatResponse expected = this.mapper.readValue(resource("thinking-rag-response.json"), ChatResponse.class);
		ChatResponse response = accumulator.result();
		assertThat(response).isEqualTo(expected);
		assertThat(response.message().thinking()).isEqualTo("The user asks about penguin height.");
		assertThat(response.text()).isEqualTo("Emperor penguins are the tallest.");
		assertThat(response.citations().get(1).sources()).hasSize(2)
			.last()
			.isInstanceOfSatisfying(UnknownSource.class, (source) -> assertThat(source.type()).isEqualTo("web"));
		assertThat(response.usage().cachedTokens()).isEqualTo(1024.0);
		assertThat(response.logprobs()).singleElement()
			.satisfies((item) -> assertThat(item.tokenIds()).containsExactly(101, 202));
	}

	@Test
	void truncatedStreamThrowsAndKeepsWhatArrived() {
		List<JsonNode> events = specStream("Default");
		ChatStreamAccumulator accumulator = accumulate(events.subList(0, events.size() / 2));
		assertThat(accumulator.isComplete()).isFalse();
		assertThatExceptionOfType(ChatStreamException.class).isThrownBy(accumulator::result)
			.withMessageContaining("without a message-end")
			.satisfies((ex) -> {
				assertThat(ex.serverError()).isNull();
				assertThat(ex.partialResponse().finishReason()).isNull();
				assertThat(ex.partialResponse().text()).isNotEmpty().startsWith("LL");
			});
	}

	@Test
	void emptyStreamThrows() {
		assertThatExceptionOfType(ChatStreamException.class).isThrownBy(new ChatStreamAccumulator()::result)
			.withMessageContaining("no message-start");
	}

	@Test
	void messageEndWithErrorThrowsWithTheServerError() {
		ChatStreamAccumulator accumulator = accumulateLines(
				"{\"type\":\"message-start\",\"id\":\"m1\",\"delta\":{\"message\":{\"role\":\"assistant\"}}}",
				"{\"type\":\"content-delta\",\"index\":0,\"delta\":{\"message\":{\"content\":{\"text\":\"Hal\"}}}}",
				"{\"type\":\"message-end\",\"delta\":{\"finish_reason\":\"ERROR\",\"error\":\"model overloaded\"}}");
		assertThat(accumulator.isComplete()).isTrue();
		assertThatExceptionOfType(ChatStreamException.class).isThrownBy(accumulator::result)
			.withMessageContaining("model overloaded")
			.satisfies((ex) -> {
				assertThat(ex.serverError()).isEqualTo("model overloaded");
				assertThat(ex.partialResponse().finishReason()).isEqualTo(FinishReason.ERROR);
				assertThat(ex.partialResponse().text()).isEqualTo("Hal");
			});
	}

	@Test
	void errorFinishReasonWithoutMessageThrows() {
		ChatStreamAccumulator accumulator = accumulateLines(
				"{\"type\":\"message-end\",\"delta\":{\"finish_reason\":\"ERROR\"}}");
		assertThatExceptionOfType(ChatStreamException.class).isThrownBy(accumulator::result)
			.withMessageContaining("ERROR");
	}

	@Test
	void unknownAndDebugEventsAreSkipped() {
		ChatStreamAccumulator accumulator = accumulateLines("{\"type\":\"message-start\",\"id\":\"m2\"}",
				"{\"type\":\"brand-new-event\",\"payload\":[1,2,3]}", "{\"event_type\":\"debug\",\"prompt\":\"p\"}",
				"{\"type\":\"content-delta\",\"delta\":{\"message\":{\"content\":{\"text\":\"Hi\"}}}}",
				"{\"type\":\"message-end\",\"delta\":{\"finish_reason\":\"MAX_TOKENS\"}}");
		ChatResponse response = accumulator.result();
		assertThat(response.id()).isEqualTo("m2");
		assertThat(response.text()).isEqualTo("Hi");
		assertThat(response.finishReason()).isEqualTo(FinishReason.MAX_TOKENS);
		assertThat(response.usage()).isNull();
	}

	@Test
	void toolCallDeltaBeforeItsStartIsRejected() {
		ChatStreamAccumulator accumulator = new ChatStreamAccumulator();
		StreamEvent delta = new StreamEvent.ToolCallDelta(3, "{\"a\"");
		assertThatIllegalStateException().isThrownBy(() -> accumulator.accept(delta))
			.withMessageContaining("index 3")
			.withMessageContaining("before its tool-call-start");
	}

	@Test
	void eventsAfterMessageEndAreRejected() {
		ChatStreamAccumulator accumulator = new ChatStreamAccumulator()
			.accept(new StreamEvent.MessageEnd(null, FinishReason.COMPLETE, null, null));
		assertThatIllegalStateException()
			.isThrownBy(() -> accumulator.accept(new StreamEvent.ContentDelta(0, "late", null, null)))
			.withMessageContaining("after message-end");
	}

	@Test
	void interleavedToolCallsAreMergedByIndex() {
		ChatResponse response = new ChatStreamAccumulator()
			.accept(new StreamEvent.ToolCallStart(0, ToolCall.of("a", "f", "")))
			.accept(new StreamEvent.ToolCallStart(1, ToolCall.of("b", "g", "{")))
			.accept(new StreamEvent.ToolCallDelta(0, "{\"x\":"))
			.accept(new StreamEvent.ToolCallDelta(1, "}"))
			.accept(new StreamEvent.ToolCallDelta(0, "1}"))
			.accept(new StreamEvent.ToolCallEnd(0))
			.accept(new StreamEvent.ToolCallEnd(1))
			.accept(new StreamEvent.MessageEnd(null, FinishReason.TOOL_CALL, null, null))
			.result();
		assertThat(response.toolCalls()).containsExactly(ToolCall.of("a", "f", "{\"x\":1}"),
				ToolCall.of("b", "g", "{}"));
	}

	private List<JsonNode> specStream(String sample) {
		return SpecExamples.of("/v2/chat", "post")
			.stream()
			.filter((example) -> example.stream() != null && example.sample().equals(sample))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("No streamed '" + sample + "' chat example in the spec"))
			.eventData();
	}

	private ChatStreamAccumulator accumulate(List<JsonNode> events) {
		ChatStreamAccumulator accumulator = new ChatStreamAccumulator();
		events.forEach((data) -> accumulator.accept(StreamEvent.parse(this.mapper, data.toString())));
		return accumulator;
	}

	private ChatStreamAccumulator accumulateLines(String... lines) {
		ChatStreamAccumulator accumulator = new ChatStreamAccumulator();
		for (String line : lines) {
			accumulator.accept(StreamEvent.parse(this.mapper, line));
		}
		return accumulator;
	}

	private String resource(String name) throws IOException {
		try (InputStream in = getClass().getResourceAsStream(name)) {
			assertThat(in).as("test resource %s", name).isNotNull();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
				.filter((line) -> !line.isBlank())
				.collect(Collectors.joining("\n"));
		}
	}

}
