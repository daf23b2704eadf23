package dev.springcohere.sample.quickstart;

import java.util.ArrayList;
import java.util.List;

import dev.springcohere.agent.AgentEvent;
import dev.springcohere.agent.ToolExecution;
import dev.springcohere.api.Citation;
import dev.springcohere.api.DocumentContent;
import dev.springcohere.api.DocumentSource;
import dev.springcohere.api.Source;
import dev.springcohere.api.StreamEvent;
import dev.springcohere.api.TextContent;
import dev.springcohere.api.ToolCall;
import dev.springcohere.api.ToolContentBlock;
import dev.springcohere.api.ToolSource;
import dev.springcohere.api.error.CohereException;
import dev.springcohere.sample.support.ApiException;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * Turns the events of one streamed agent run into the {@link ChatUiEvent}s of
 * {@code POST /api/chat/events}.
 * <p>
 * Cohere counts a citation's offsets from the start of the text of the model call that
 * produced it; this translator shifts them so that they count from the start of all the
 * text sent so far in the response. One instance serves one run and is not thread-safe (a
 * {@code Flux} delivers its events one at a time).
 */
final class ChatUiEventTranslator {

	private final JsonMapper jsonMapper;

	private int textLength;

	private int step;

	private int stepTextStart;

	private final long startNanos = System.nanoTime();

	private long firstTextNanos;

	/**
	 * Creates a translator for one run, which starts now (the latencies of the
	 * {@code end} event are counted from here).
	 * @param jsonMapper the mapper used to read tool call arguments
	 */
	ChatUiEventTranslator(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
	}

	/**
	 * Translates one event of the run.
	 * @param event the agent's event
	 * @return the events to send, possibly none
	 */
	List<ChatUiEvent> translate(AgentEvent event) {
		if (event.step() != this.step) {
			this.step = event.step();
			this.stepTextStart = this.textLength;
		}
		if (event instanceof AgentEvent.ModelEvent model) {
			return translate(model.event());
		}
		if (event instanceof AgentEvent.ToolCallRequested requested) {
			ToolCall call = requested.call();
			return List.of(new ChatUiEvent.ToolCallStarted(String.valueOf(call.id()), functionName(call),
					arguments(call.function())));
		}
		if (event instanceof AgentEvent.ToolResultReady ready) {
			ToolExecution execution = ready.execution();
			return List.of(new ChatUiEvent.ToolResultReady(execution.callId(), functionName(execution.call()),
					result(execution.result().content()), execution.isError(), execution.duration().toMillis()));
		}
		if (event instanceof AgentEvent.Completed completed) {
			var finishReason = completed.result().response().finishReason();
			var usage = completed.result().usage();
			Long input = tokens(usage.tokens() != null ? usage.tokens().inputTokens() : null,
					usage.billedUnits() != null ? usage.billedUnits().inputTokens() : null);
			Long output = tokens(usage.tokens() != null ? usage.tokens().outputTokens() : null,
					usage.billedUnits() != null ? usage.billedUnits().outputTokens() : null);
			long now = System.nanoTime();
			return List.of(new ChatUiEvent.End((finishReason != null) ? finishReason.value() : null,
					completed.result().steps().size(), input, output,
					(this.firstTextNanos != 0) ? (this.firstTextNanos - this.startNanos) / 1_000_000 : null,
					(now - this.startNanos) / 1_000_000));
		}
		return List.of();
	}

	/**
	 * Describes a failure of the run for the {@code error} event.
	 * @param failure what the run failed with
	 * @return the event
	 */
	static ChatUiEvent.Failed failure(Throwable failure) {
		String message = (failure.getMessage() != null) ? failure.getMessage() : failure.getClass().getSimpleName();
		if (failure instanceof ApiException) {
			return new ChatUiEvent.Failed(message);
		}
		if (failure instanceof CohereException) {
			return new ChatUiEvent.Failed("Cohere call failed: " + message);
		}
		return new ChatUiEvent.Failed("The chat failed: " + message);
	}

	/**
	 * A token count: the one the model reports, else the billed one; {@code null} when
	 * neither is above 0.
	 */
	private static @Nullable Long tokens(@Nullable Double counted, @Nullable Double billed) {
		double value = (counted != null && counted > 0) ? counted : (billed != null) ? billed : 0;
		return (value > 0) ? Math.round(value) : null;
	}

	private List<ChatUiEvent> translate(StreamEvent event) {
		if (event instanceof StreamEvent.ContentDelta delta && delta.text() != null && !delta.text().isEmpty()) {
			if (this.firstTextNanos == 0) {
				this.firstTextNanos = System.nanoTime();
			}
			this.textLength += delta.text().length();
			return List.of(new ChatUiEvent.Text(delta.text()));
		}
		if (event instanceof StreamEvent.ToolPlanDelta plan && plan.toolPlan() != null && !plan.toolPlan().isEmpty()) {
			return List.of(new ChatUiEvent.ToolPlan(plan.toolPlan()));
		}
		if (event instanceof StreamEvent.CitationStart start && start.citation() != null) {
			return List.of(citation(start.citation()));
		}
		return List.of();
	}

	private ChatUiEvent citation(Citation citation) {
		int start = this.stepTextStart + ((citation.start() != null) ? citation.start() : 0);
		int end = this.stepTextStart + ((citation.end() != null) ? citation.end() : 0);
		List<ChatUiEvent.SourceOut> sources = new ArrayList<>();
		for (Source source : citation.sources()) {
			if (source instanceof DocumentSource document) {
				sources.add(new ChatUiEvent.SourceOut(String.valueOf(document.id()), DocumentSource.TYPE,
						document.document()));
			}
			else if (source instanceof ToolSource tool) {
				sources.add(new ChatUiEvent.SourceOut(String.valueOf(tool.id()), ToolSource.TYPE, tool.toolOutput()));
			}
		}
		return new ChatUiEvent.CitationFound(start, end, (citation.text() != null) ? citation.text() : "", sources);
	}

	private JsonNode arguments(ToolCall.@Nullable Function function) {
		String json = (function != null) ? function.arguments() : null;
		if (json == null || json.isBlank()) {
			return this.jsonMapper.createObjectNode();
		}
		try {
			return this.jsonMapper.readTree(json);
		}
		catch (JacksonException ex) {
			// the model sent arguments that are not JSON: show them as they came
			return this.jsonMapper.getNodeFactory().stringNode(json);
		}
	}

	private JsonNode result(List<ToolContentBlock> content) {
		ArrayNode blocks = this.jsonMapper.createArrayNode();
		for (ToolContentBlock block : content) {
			if (block instanceof DocumentContent document) {
				blocks.add(document.document().data());
			}
			else if (block instanceof TextContent text) {
				blocks.add(text.text());
			}
			else {
				blocks.add(this.jsonMapper.valueToTree(block));
			}
		}
		return (blocks.size() == 1) ? blocks.get(0) : blocks;
	}

	private static String functionName(ToolCall call) {
		return (call.function() != null && call.function().name() != null) ? call.function().name() : "";
	}

}
