package dev.springcohere.api;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads and writes every {@code /v2/chat} example of the spec with the chat model.
 */
class ChatSpecExamplesTests {

	private final JsonMapper mapper = CohereJson.createMapper();

	static List<SpecExamples.Example> chatExamples() {
		return SpecExamples.of("/v2/chat", "post");
	}

	static Stream<SpecExamples.Example> nonStreamExamples() {
		return chatExamples().stream().filter((example) -> example.body() != null);
	}

	static Stream<SpecExamples.Example> streamExamples() {
		return chatExamples().stream().filter((example) -> example.stream() != null);
	}

	@Test
	void specHasStreamedAndNonStreamedChatExamples() {
		assertThat(nonStreamExamples()).hasSizeGreaterThanOrEqualTo(4);
		assertThat(streamExamples()).hasSizeGreaterThanOrEqualTo(4);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("chatExamples")
	void requestRoundTripsToTheSameJson(SpecExamples.Example example) {
		JsonNode body = example.request();
		ChatRequest request = this.mapper.treeToValue(body, ChatRequest.class);
		assertThat(request.model()).isEqualTo(body.get("model").asString());
		assertThat(request.messages()).hasSize(body.get("messages").size());
		assertThat(request.isStreaming()).isEqualTo(example.stream() != null);
		JsonTrees.assertEquivalent(this.mapper.valueToTree(request), body);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("nonStreamExamples")
	void responseReadsWithItsValuesAndWritesBackTheSameJson(SpecExamples.Example example) {
		JsonNode body = example.body();
		ChatResponse response = this.mapper.treeToValue(body, ChatResponse.class);
		assertThat(response.id()).isEqualTo(body.get("id").asString());
		assertThat(response.finishReason()).isEqualTo(FinishReason.of(body.get("finish_reason").asString()));
		assertThat(response.usage()).isNotNull();
		assertThat(response.usage().tokens().inputTokens()).isEqualTo(body.at("/usage/tokens/input_tokens").asDouble());
		assertThat(response.usage().billedUnits().outputTokens())
			.isEqualTo(body.at("/usage/billed_units/output_tokens").asDouble());
		assertThat(response.message().role()).isEqualTo(Role.ASSISTANT);
		switch (example.sample()) {
			case "Default", "Images" -> {
				assertThat(response.finishReason()).isEqualTo(FinishReason.COMPLETE);
				assertThat(response.text()).isEqualTo(body.at("/message/content/0/text").asString()).isNotBlank();
				assertThat(response.toolCalls()).isEmpty();
			}
			case "Documents" -> {
				assertThat(response.citations()).hasSize(body.at("/message/citations").size()).isNotEmpty();
				Citation first = response.citations().get(0);
				assertThat(first.start()).isEqualTo(body.at("/message/citations/0/start").asInt());
				assertThat(first.end()).isEqualTo(body.at("/message/citations/0/end").asInt());
				assertThat(first.text()).isEqualTo(body.at("/message/citations/0/text").asString());
				assertThat(first.sources()).first().isInstanceOfSatisfying(DocumentSource.class, (source) -> {
					assertThat(source.id()).isEqualTo(body.at("/message/citations/0/sources/0/id").asString());
					assertThat(source.document().get("title").asString())
						.isEqualTo(body.at("/message/citations/0/sources/0/document/title").asString());
				});
			}
			case "Tools" -> {
				assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_CALL);
				assertThat(response.toolCalls()).hasSize(2);
				ToolCall call = response.toolCalls().get(0);
				assertThat(call.id()).isEqualTo("query_daily_sales_report_hgxxmkby3wta");
				assertThat(call.type()).isEqualTo(ToolCall.FUNCTION);
				assertThat(call.function().name()).isEqualTo("query_daily_sales_report");
				assertThat(call.function().arguments()).isEqualTo("{\"day\": \"2023-09-29\"}");
				assertThat(response.message().thinking()).startsWith("I will first find the sales summary");
			}
			default -> throw new AssertionError("Unexpected chat example " + example.name());
		}
		JsonTrees.assertEquivalent(this.mapper.valueToTree(response), JsonTrees.withoutEmptyArrays(body));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("streamExamples")
	void streamEventsParseIntoTheirTypesAndWriteBackTheSameJson(SpecExamples.Example example) {
		List<JsonNode> events = example.eventData();
		assertThat(events).isNotEmpty();
		for (int i = 0; i < events.size(); i++) {
			JsonNode data = events.get(i);
			String declared = example.stream().get(i).get("event").asString();
			StreamEvent event = StreamEvent.parse(this.mapper, data.toString());
			assertThat(event.type()).isEqualTo(declared).isEqualTo(data.get("type").asString());
			assertThat(event).isInstanceOf(expectedClass(declared));
			JsonTrees.assertEquivalent(this.mapper.valueToTree(event), data);
		}
		assertThat(StreamEvent.parse(this.mapper, events.get(0).toString()))
			.isInstanceOf(StreamEvent.MessageStart.class);
		assertThat(StreamEvent.parse(this.mapper, events.get(events.size() - 1).toString()))
			.isInstanceOf(StreamEvent.MessageEnd.class);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("streamExamples")
	void streamAccumulatesIntoTheCompleteResponse(SpecExamples.Example example) {
		List<JsonNode> events = example.eventData();
		ChatStreamAccumulator accumulator = new ChatStreamAccumulator();
		StringBuilder text = new StringBuilder();
		StringBuilder toolPlan = new StringBuilder();
		for (JsonNode data : events) {
			accumulator.accept(StreamEvent.parse(this.mapper, data.toString()));
			if ("content-delta".equals(data.get("type").asString())) {
				text.append(data.at("/delta/message/content/text").asString());
			}
			if ("tool-plan-delta".equals(data.get("type").asString())) {
				toolPlan.append(data.at("/delta/message/tool_plan").asString());
			}
		}
		JsonNode end = events.get(events.size() - 1);
		ChatResponse response = accumulator.result();
		assertThat(response.id()).isEqualTo(events.get(0).get("id").asString());
		assertThat(response.finishReason()).isEqualTo(FinishReason.of(end.at("/delta/finish_reason").asString()));
		assertThat(response.usage().tokens().outputTokens())
			.isEqualTo(end.at("/delta/usage/tokens/output_tokens").asDouble());
		assertThat(response.text()).isEqualTo(text.toString());
		assertThat(response.message().toolPlan()).isEqualTo(toolPlan.isEmpty() ? null : toolPlan.toString());
		if (example.sample().equals("Tools")) {
			assertThat(response.toolCalls()).extracting(ToolCall::id)
				.containsExactly("query_daily_sales_report_j3f0adww9pmr", "query_product_catalog_c66nf11r6s8g");
			assertThat(response.toolCalls()).extracting((call) -> call.function().arguments())
				.containsExactly("{\"day\": \"2023-09-29\"}", "{\"category\": \"Electronics\"}");
			assertThat(response.toolCalls()).extracting((call) -> call.function().name())
				.containsExactly("query_daily_sales_report", "query_product_catalog");
			assertThat(response.message().content()).isNull();
		}
		else {
			assertThat(response.text()).isNotEmpty();
			assertThat(response.toolCalls()).isEmpty();
		}
		if (example.sample().equals("Documents")) {
			assertThat(response.citations()).hasSize((int) events.stream()
				.filter((data) -> data.get("type").asString().equals("citation-start"))
				.count());
			assertThat(response.citations()).isNotEmpty();
			Citation citation = response.citations().get(0);
			assertThat(citation.text()).isEqualTo(response.text().substring(citation.start(), citation.end()));
			assertThat(citation.sources()).first().isInstanceOf(DocumentSource.class);
		}
	}

	private static Class<? extends StreamEvent> expectedClass(String type) {
		return switch (type) {
			case "message-start" -> StreamEvent.MessageStart.class;
			case "content-start" -> StreamEvent.ContentStart.class;
			case "content-delta" -> StreamEvent.ContentDelta.class;
			case "content-end" -> StreamEvent.ContentEnd.class;
			case "tool-plan-delta" -> StreamEvent.ToolPlanDelta.class;
			case "tool-call-start" -> StreamEvent.ToolCallStart.class;
			case "tool-call-delta" -> StreamEvent.ToolCallDelta.class;
			case "tool-call-end" -> StreamEvent.ToolCallEnd.class;
			case "citation-start" -> StreamEvent.CitationStart.class;
			case "citation-end" -> StreamEvent.CitationEnd.class;
			case "message-end" -> StreamEvent.MessageEnd.class;
			default -> StreamEvent.Unknown.class;
		};
	}

}
