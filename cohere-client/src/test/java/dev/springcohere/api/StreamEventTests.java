package dev.springcohere.api;

import org.junit.jupiter.api.Test;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests writing and parsing {@link StreamEvent}s.
 */
class StreamEventTests {

	private final JsonMapper mapper = CohereJson.createMapper();

	@Test
	void eventsAreWrittenInTheWireShape() {
		assertWritten(new StreamEvent.MessageStart("id1", Role.ASSISTANT),
				"{\"type\":\"message-start\",\"id\":\"id1\",\"delta\":{\"message\":{\"role\":\"assistant\"}}}");
		assertWritten(new StreamEvent.ContentStart(0, ContentType.THINKING, null, ""),
				"{\"type\":\"content-start\",\"index\":0,\"delta\":{\"message\":{\"content\":{\"type\":\"thinking\",\"thinking\":\"\"}}}}");
		assertWritten(new StreamEvent.ContentDelta(2, "Hi", null, null),
				"{\"type\":\"content-delta\",\"index\":2,\"delta\":{\"message\":{\"content\":{\"text\":\"Hi\"}}}}");
		assertWritten(new StreamEvent.ToolPlanDelta("plan"),
				"{\"type\":\"tool-plan-delta\",\"delta\":{\"message\":{\"tool_plan\":\"plan\"}}}");
		assertWritten(new StreamEvent.ToolCallStart(1, ToolCall.of("c", "f", "")),
				"{\"type\":\"tool-call-start\",\"index\":1,\"delta\":{\"message\":{\"tool_calls\":{\"id\":\"c\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"\"}}}}}");
		assertWritten(new StreamEvent.ToolCallDelta(1, "{}"),
				"{\"type\":\"tool-call-delta\",\"index\":1,\"delta\":{\"message\":{\"tool_calls\":{\"function\":{\"arguments\":\"{}\"}}}}}");
		assertWritten(new StreamEvent.ToolCallEnd(1), "{\"type\":\"tool-call-end\",\"index\":1}");
		assertWritten(new StreamEvent.CitationEnd(null), "{\"type\":\"citation-end\"}");
		assertWritten(
				new StreamEvent.MessageEnd(null, FinishReason.ERROR, new Usage(null, new Usage.Tokens(1.0, 2.0), null),
						"boom"),
				"{\"type\":\"message-end\",\"delta\":{\"error\":\"boom\",\"finish_reason\":\"ERROR\",\"usage\":{\"tokens\":{\"input_tokens\":1.0,\"output_tokens\":2.0}}}}");
	}

	@Test
	void writtenEventsParseBackEqual() {
		StreamEvent[] events = { new StreamEvent.ContentDelta(0, null, "hmm", new LogprobItem("hmm", null, null)),
				new StreamEvent.CitationStart(3,
						new Citation(1, 2, "x", java.util.List.of(new ToolSource("t", null)), 0, CitationType.PLAN)),
				new StreamEvent.MessageEnd("m", FinishReason.COMPLETE, null, null) };
		for (StreamEvent event : events) {
			assertThat(StreamEvent.parse(this.mapper, this.mapper.writeValueAsString(event))).isEqualTo(event);
		}
	}

	@Test
	void messageEndReportsErrors() {
		assertThat(new StreamEvent.MessageEnd(null, FinishReason.COMPLETE, null, null).isError()).isFalse();
		assertThat(new StreamEvent.MessageEnd(null, FinishReason.ERROR, null, null).isError()).isTrue();
		assertThat(new StreamEvent.MessageEnd(null, null, null, "x").isError()).isTrue();
	}

	@Test
	void debugEventKeepsItsPrompt() {
		StreamEvent event = StreamEvent.parse(this.mapper, "{\"type\":\"debug\",\"prompt\":\"<BOS>hi\"}");
		assertThat(event).isInstanceOfSatisfying(StreamEvent.Debug.class,
				(debug) -> assertThat(debug.prompt()).isEqualTo("<BOS>hi"));
	}

	@Test
	void terminatorAndMalformedDataAreRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> StreamEvent.parse(this.mapper, "[DONE]"))
			.withMessageContaining("ends the stream");
		assertThatExceptionOfType(JacksonException.class)
			.isThrownBy(() -> StreamEvent.parse(this.mapper, "{\"type\":\"content-delta\",\"index\":\"zero\"}"));
		assertThatExceptionOfType(JacksonException.class).isThrownBy(() -> StreamEvent.parse(this.mapper, "{nope"));
	}

	private void assertWritten(StreamEvent event, String json) {
		JsonTrees.assertEquivalent(this.mapper.valueToTree(event), this.mapper.readTree(json));
		assertThat(StreamEvent.parse(this.mapper, json)).isEqualTo(event);
	}

}
