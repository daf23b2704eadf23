package dev.springcohere.sample.quickstart;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.springcohere.agent.AgentEvent;
import dev.springcohere.agent.AgentMaxStepsException;
import dev.springcohere.agent.ToolExecution;
import dev.springcohere.api.Citation;
import dev.springcohere.api.DocumentSource;
import dev.springcohere.api.StreamEvent;
import dev.springcohere.api.ToolCall;
import dev.springcohere.api.error.CohereException;
import dev.springcohere.sample.support.ApiException;
import dev.springcohere.tool.ToolResult;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;

class ChatUiEventTranslatorTests {

	final JsonMapper json = JsonMapper.builder().build();

	final ChatUiEventTranslator translator = new ChatUiEventTranslator(this.json);

	@Test
	void citationOffsetsCountFromTheStartOfAllTextOfTheResponse() {
		List<ChatUiEvent> events = new ArrayList<>();
		events.addAll(this.translator.translate(text(1, "Let me check. ")));
		events.addAll(this.translator.translate(text(2, "Order A-1 ")));
		events.addAll(this.translator.translate(text(2, "has shipped.")));
		events.addAll(this.translator.translate(new AgentEvent.ModelEvent(2,
				new StreamEvent.CitationStart(0,
						new Citation(10, 21, "has shipped",
								List.of(new DocumentSource("doc-1", this.json.readTree("{\"text\":\"A-1 shipped\"}"))),
								0, null)))));

		StringBuilder answer = new StringBuilder();
		events.stream()
			.filter(ChatUiEvent.Text.class::isInstance)
			.forEach((event) -> answer.append(((ChatUiEvent.Text) event).text()));
		assertThat(answer).hasToString("Let me check. Order A-1 has shipped.");
		ChatUiEvent.CitationFound citation = (ChatUiEvent.CitationFound) events.get(3);
		assertThat(citation.start()).isEqualTo(24);
		assertThat(citation.end()).isEqualTo(35);
		assertThat(answer.substring(citation.start(), citation.end())).isEqualTo("has shipped");
		assertThat(citation.sources()).singleElement().satisfies((source) -> {
			assertThat(source.id()).isEqualTo("doc-1");
			assertThat(source.type()).isEqualTo("document");
			assertThat(source.content().get("text").asString()).isEqualTo("A-1 shipped");
		});
	}

	@Test
	void toolCallsAndResultsCarryArgumentsResultsAndErrors() {
		ToolCall call = ToolCall.of("call-9", "order_status", "{\"orderId\":\"A-1\"}");
		ToolCall broken = ToolCall.of("call-10", "order_status", "{orderId:");

		ChatUiEvent.ToolCallStarted started = (ChatUiEvent.ToolCallStarted) this.translator
			.translate(new AgentEvent.ToolCallRequested(1, call))
			.get(0);
		ChatUiEvent.ToolCallStarted startedBroken = (ChatUiEvent.ToolCallStarted) this.translator
			.translate(new AgentEvent.ToolCallRequested(1, broken))
			.get(0);
		ChatUiEvent.ToolResultReady ok = (ChatUiEvent.ToolResultReady) this.translator
			.translate(new AgentEvent.ToolResultReady(1,
					new ToolExecution(call, ToolResult.ofJson(this.json.readTree("{\"status\":\"shipped\"}")),
							Duration.ofMillis(42))))
			.get(0);
		ChatUiEvent.ToolResultReady failed = (ChatUiEvent.ToolResultReady) this.translator
			.translate(new AgentEvent.ToolResultReady(1,
					new ToolExecution(broken, ToolResult.error("The arguments are not JSON"), Duration.ofMillis(1))))
			.get(0);

		assertThat(started.eventName()).isEqualTo("tool-call");
		assertThat(started.id()).isEqualTo("call-9");
		assertThat(started.name()).isEqualTo("order_status");
		assertThat(started.arguments().get("orderId").asString()).isEqualTo("A-1");
		assertThat(startedBroken.arguments().asString()).isEqualTo("{orderId:");
		assertThat(ok.eventName()).isEqualTo("tool-result");
		assertThat(ok.error()).isFalse();
		assertThat(ok.durationMs()).isEqualTo(42);
		assertThat(ok.result().get("status").asString()).isEqualTo("shipped");
		assertThat(failed.error()).isTrue();
		assertThat(failed.result().asString()).isEqualTo("The arguments are not JSON");
	}

	@Test
	void failuresNameTheirCause() {
		assertThat(ChatUiEventTranslator.failure(new CohereException("HTTP 429: slow down")).error())
			.isEqualTo("Cohere call failed: HTTP 429: slow down");
		assertThat(
				ChatUiEventTranslator.failure(new AgentMaxStepsException("still asking for tools", List.of())).error())
			.isEqualTo("Cohere call failed: still asking for tools");
		assertThat(ChatUiEventTranslator.failure(new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "not configured"))
			.error()).isEqualTo("not configured");
		assertThat(ChatUiEventTranslator.failure(new IllegalStateException()).error())
			.isEqualTo("The chat failed: IllegalStateException");
		assertThat(new ChatUiEvent.Failed("x").eventName()).isEqualTo("error");
	}

	private static AgentEvent text(int step, String text) {
		return new AgentEvent.ModelEvent(step, new StreamEvent.ContentDelta(0, text, null, null));
	}

}
