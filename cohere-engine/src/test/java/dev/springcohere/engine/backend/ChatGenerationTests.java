package dev.springcohere.engine.backend;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.springcohere.api.ChatResponse;
import dev.springcohere.api.ChatStreamAccumulator;
import dev.springcohere.api.FinishReason;
import dev.springcohere.api.Role;
import dev.springcohere.api.StreamEvent;
import dev.springcohere.api.Usage;
import dev.springcohere.engine.backend.output.SourceResolver;
import dev.springcohere.engine.backend.output.StreamingOutputParser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the end of a generation is reported, from what the model wrote.
 */
class ChatGenerationTests {

	private static final Usage USAGE = new Usage(null, new Usage.Tokens(10.0, 5.0), null);

	private static ChatResponse run(String modelOutput, FinishReason stopped) {
		StreamingOutputParser parser = new StreamingOutputParser(SourceResolver.none());
		List<StreamEvent> events = new ArrayList<>();
		events.add(new StreamEvent.MessageStart("x", Role.ASSISTANT));
		events.addAll(parser.accept(modelOutput));
		events.addAll(parser.finish());
		events.add(ChatGeneration.messageEnd("x", parser.result(), stopped, USAGE));
		ChatStreamAccumulator accumulator = new ChatStreamAccumulator();
		events.forEach(accumulator::accept);
		return accumulator.partialResult();
	}

	@Test
	void malformedActionDegradesToTextWithTheErrorFinishReason() {
		ChatResponse response = run("<|START_ACTION|>[not json]<|END_ACTION|>", FinishReason.COMPLETE);
		assertThat(response.finishReason()).isEqualTo(FinishReason.ERROR);
		assertThat(response.text()).contains("not json");
		assertThat(response.toolCalls()).isEmpty();
	}

	@Test
	void toolCallsFinishWithToolCall() {
		ChatResponse response = run(
				"<|START_THINKING|>plan<|END_THINKING|><|START_ACTION|>[{\"tool_call_id\": \"0\", "
						+ "\"tool_name\": \"get_weather\", \"parameters\": {\"location\": \"Paris\"}}]<|END_ACTION|>",
				FinishReason.COMPLETE);
		assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_CALL);
		assertThat(response.toolCalls()).singleElement()
			.satisfies((call) -> assertThat(call.function().name()).isEqualTo("get_weather"));
		assertThat(response.message().toolPlan()).isEqualTo("plan");
	}

	@Test
	void truncatedOutputKeepsMaxTokens() {
		ChatResponse response = run("<|START_ACTION|>[{\"tool_call_id\": \"0\", \"tool_na", FinishReason.MAX_TOKENS);
		assertThat(response.finishReason()).isEqualTo(FinishReason.MAX_TOKENS);
		assertThat(response.usage()).isEqualTo(USAGE);
	}

	@Test
	void plainResponseCompletes() {
		ChatResponse response = run("<|START_RESPONSE|>Hi there<|END_RESPONSE|>", FinishReason.COMPLETE);
		assertThat(response.finishReason()).isEqualTo(FinishReason.COMPLETE);
		assertThat(response.text()).isEqualTo("Hi there");
	}

}
