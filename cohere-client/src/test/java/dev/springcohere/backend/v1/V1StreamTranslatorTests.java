package dev.springcohere.backend.v1;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import dev.springcohere.api.ChatResponse;
import dev.springcohere.api.ChatStreamAccumulator;
import dev.springcohere.api.CohereJson;
import dev.springcohere.api.DocumentSource;
import dev.springcohere.api.FinishReason;
import dev.springcohere.api.StreamEvent;
import dev.springcohere.api.ToolSource;
import dev.springcohere.api.v1.V1ChatStreamEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * v1 stream events through the shared translator into v2 events and a whole answer.
 */
class V1StreamTranslatorTests {

	private final JsonMapper mapper = CohereJson.createMapper();

	@Test
	void aStreamWithSearchTextCitationsAndToolCallsBecomesAV2Answer() {
		V1StreamTranslator translator = new V1StreamTranslator(this.mapper,
				Map.of("doc_0", this.mapper.readTree("{\"id\":\"doc_0\",\"text\":\"Rain\"}")));
		List<StreamEvent> events = new ArrayList<>();
		for (String json : List.of("{\"event_type\":\"stream-start\",\"generation_id\":\"g-7\"}",
				"{\"event_type\":\"search-queries-generation\",\"search_queries\":[{\"text\":\"paris weather\"}]}",
				"{\"event_type\":\"text-generation\",\"text\":\"It rains.\"}",
				"{\"event_type\":\"citation-generation\",\"citations\":[{\"start\":3,\"end\":8,\"text\":\"rains\","
						+ "\"document_ids\":[\"doc_0\",\"weather:0\"]}]}",
				"{\"event_type\":\"tool-calls-chunk\",\"tool_call_delta\":{\"index\":0,\"name\":\"umbrella\"}}",
				"{\"event_type\":\"tool-calls-generation\",\"tool_calls\":[{\"name\":\"umbrella\",\"parameters\":{}}]}",
				"{\"event_type\":\"stream-end\",\"finish_reason\":\"COMPLETE\",\"response\":{\"text\":\"It rains.\","
						+ "\"meta\":{\"billed_units\":{\"input_tokens\":5,\"output_tokens\":3}}}}")) {
			events.addAll(translator.translate(V1ChatStreamEvent.parse(this.mapper, json), null));
		}

		assertThat(events).extracting(StreamEvent::type)
			.containsExactly("message-start", "search-queries-generation", "content-start", "content-delta",
					"citation-start", "citation-end", "content-end", "tool-call-start", "tool-call-end", "message-end");
		StreamEvent.Unknown search = (StreamEvent.Unknown) events.get(1);
		assertThat(search.raw().at("/search_queries/0/text").asString()).isEqualTo("paris weather");
		ChatStreamAccumulator accumulator = new ChatStreamAccumulator();
		events.forEach(accumulator::accept);
		ChatResponse response = accumulator.result();
		assertThat(response.id()).isEqualTo("g-7");
		assertThat(response.text()).isEqualTo("It rains.");
		assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_CALL);
		assertThat(response.toolCalls()).singleElement().satisfies((call) -> assertThat(call.id()).isEqualTo("g-7_0"));
		assertThat(response.citations().get(0).sources()).hasSize(2);
		assertThat(response.citations().get(0).sources().get(0)).isInstanceOf(DocumentSource.class);
		assertThat(response.citations().get(0).sources().get(1)).isInstanceOf(ToolSource.class);
		assertThat(response.usage().inputTokens()).isEqualTo(5);
	}

	@Test
	void anErrorFinishReasonEndsWithAnErrorMessageEnd() {
		V1StreamTranslator translator = new V1StreamTranslator(this.mapper, Map.of());
		List<StreamEvent> events = translator.translate(V1ChatStreamEvent.parse(this.mapper,
				"{\"event_type\":\"stream-end\",\"finish_reason\":\"ERROR_TOXIC\",\"response\":{\"text\":\"\"}}"),
				null);
		StreamEvent.MessageEnd end = (StreamEvent.MessageEnd) events.get(events.size() - 1);
		assertThat(end.finishReason()).isEqualTo(FinishReason.ERROR);
		assertThat(end.error()).contains("ERROR_TOXIC");
	}

}
