package dev.springcohere.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * Builds the {@link ChatResponse} of a streamed chat call from its {@link StreamEvent}s,
 * fed in arrival order.
 * <p>
 * Text and thinking are concatenated per content index; the tool plan is concatenated;
 * tool calls are merged by index from {@code tool-call-start} (id, type, name, initial
 * arguments) and {@code tool-call-delta} (argument fragments, appended); citations are
 * collected from {@code citation-start}; the id comes from {@code message-start} and the
 * finish reason and usage from {@code message-end}. {@code debug} and
 * {@link StreamEvent.Unknown unknown} events are skipped. A content event without an
 * {@code index} applies to the block started last (or starts the next one).
 * <p>
 * Failures are surfaced, never hidden: {@link #result()} throws
 * {@link ChatStreamException} when no {@code message-end} arrived (a stream cut in the
 * middle must not look like a short complete answer) and when {@code message-end} carries
 * an {@code error} or the {@code ERROR} finish reason; the exception keeps the partial
 * response. Protocol violations (a tool-call delta before its start, events after
 * {@code message-end}) throw {@link IllegalStateException} at once.
 * <p>
 * Instances are not thread-safe; use one per stream.
 *
 * @since 0.1.0
 */
public final class ChatStreamAccumulator {

	private @Nullable String id;

	private final TreeMap<Integer, Block> blocks = new TreeMap<>();

	private @Nullable Integer lastBlockIndex;

	private @Nullable StringBuilder toolPlan;

	private final TreeMap<Integer, PendingToolCall> toolCalls = new TreeMap<>();

	private final List<Citation> citations = new ArrayList<>();

	private final List<LogprobItem> logprobs = new ArrayList<>();

	private StreamEvent.@Nullable MessageEnd end;

	/**
	 * Creates an empty accumulator.
	 */
	public ChatStreamAccumulator() {
	}

	/**
	 * Adds the next event of the stream.
	 * @param event the event
	 * @return this accumulator
	 * @throws IllegalStateException if the event breaks the stream protocol
	 */
	public ChatStreamAccumulator accept(StreamEvent event) {
		Objects.requireNonNull(event, "'event' must not be null");
		if (event instanceof StreamEvent.Debug || event instanceof StreamEvent.Unknown) {
			return this;
		}
		if (this.end != null) {
			throw new IllegalStateException("Stream event '" + event.type() + "' arrived after message-end");
		}
		if (event instanceof StreamEvent.MessageStart start) {
			this.id = start.id();
		}
		else if (event instanceof StreamEvent.ContentStart start) {
			int index = (start.index() != null) ? start.index() : nextBlockIndex();
			Block block = new Block(start.contentType());
			block.append(start.text(), start.thinking());
			this.blocks.put(index, block);
			this.lastBlockIndex = index;
		}
		else if (event instanceof StreamEvent.ContentDelta delta) {
			int index = (delta.index() != null) ? delta.index()
					: (this.lastBlockIndex != null) ? this.lastBlockIndex : 0;
			this.blocks.computeIfAbsent(index, (key) -> new Block(null)).append(delta.text(), delta.thinking());
			this.lastBlockIndex = index;
			if (delta.logprobs() != null) {
				this.logprobs.add(delta.logprobs());
			}
		}
		else if (event instanceof StreamEvent.ToolPlanDelta delta) {
			if (delta.toolPlan() != null) {
				if (this.toolPlan == null) {
					this.toolPlan = new StringBuilder();
				}
				this.toolPlan.append(delta.toolPlan());
			}
		}
		else if (event instanceof StreamEvent.ToolCallStart start) {
			int index = (start.index() != null) ? start.index()
					: (this.toolCalls.isEmpty() ? 0 : this.toolCalls.lastKey() + 1);
			if (this.toolCalls.containsKey(index)) {
				throw new IllegalStateException("Stream event tool-call-start repeats tool call index " + index);
			}
			this.toolCalls.put(index, new PendingToolCall(start.toolCall()));
		}
		else if (event instanceof StreamEvent.ToolCallDelta delta) {
			int index = (delta.index() != null) ? delta.index()
					: (this.toolCalls.isEmpty() ? 0 : this.toolCalls.lastKey());
			PendingToolCall call = this.toolCalls.get(index);
			if (call == null) {
				throw new IllegalStateException("Stream event tool-call-delta for tool call index " + index
						+ " arrived before its tool-call-start");
			}
			call.appendArguments(delta.arguments());
		}
		else if (event instanceof StreamEvent.CitationStart start) {
			if (start.citation() != null) {
				this.citations.add(start.citation());
			}
		}
		else if (event instanceof StreamEvent.MessageEnd messageEnd) {
			this.end = messageEnd;
			if (this.id == null) {
				this.id = messageEnd.id();
			}
		}
		// content-end, tool-call-end and citation-end close what is already complete
		return this;
	}

	/**
	 * Tells whether {@code message-end} has arrived.
	 * @return {@code true} once the stream is complete
	 */
	public boolean isComplete() {
		return this.end != null;
	}

	/**
	 * Returns the response of the whole stream, the same value a non-streamed call
	 * returns.
	 * @return the response
	 * @throws ChatStreamException if {@code message-end} has not arrived, or reported an
	 * error
	 */
	public ChatResponse result() {
		StreamEvent.MessageEnd messageEnd = this.end;
		if (messageEnd == null) {
			throw new ChatStreamException("The chat stream ended without a message-end event, so the answer is "
					+ "incomplete (" + describeProgress() + "); see partialResponse() for what arrived",
					partialResult(), null);
		}
		if (messageEnd.isError()) {
			String error = messageEnd.error();
			throw new ChatStreamException("The chat stream reported a failure: finish reason "
					+ messageEnd.finishReason() + ((error != null) ? ", error: " + error : ""), partialResult(), error);
		}
		return partialResult();
	}

	/**
	 * Returns what has arrived so far as a response, without checking that the stream is
	 * complete; its finish reason and usage are {@code null} until {@code message-end}
	 * arrives.
	 * @return the response so far
	 */
	public ChatResponse partialResult() {
		List<AssistantContentBlock> content = new ArrayList<>();
		for (Block block : this.blocks.values()) {
			content.add(block.toContent());
		}
		List<ToolCall> calls = new ArrayList<>();
		for (PendingToolCall call : this.toolCalls.values()) {
			calls.add(call.toToolCall());
		}
		AssistantMessage message = new AssistantMessage(calls,
				(this.toolPlan != null) ? this.toolPlan.toString() : null,
				content.isEmpty() ? null : MessageContent.of(content), this.citations);
		StreamEvent.MessageEnd messageEnd = this.end;
		return new ChatResponse(this.id, (messageEnd != null) ? messageEnd.finishReason() : null, message,
				(messageEnd != null) ? messageEnd.usage() : null, this.logprobs);
	}

	private int nextBlockIndex() {
		return this.blocks.isEmpty() ? 0 : this.blocks.lastKey() + 1;
	}

	private String describeProgress() {
		return (this.id == null ? "no message-start" : "message " + this.id) + ", " + this.blocks.size()
				+ " content block(s), " + this.toolCalls.size() + " tool call(s)";
	}

	private static final class Block {

		private @Nullable ContentType type;

		private final StringBuilder text = new StringBuilder();

		private final StringBuilder thinking = new StringBuilder();

		Block(@Nullable ContentType type) {
			this.type = type;
		}

		void append(@Nullable String textFragment, @Nullable String thinkingFragment) {
			if (textFragment != null) {
				this.text.append(textFragment);
				if (this.type == null) {
					this.type = ContentType.TEXT;
				}
			}
			if (thinkingFragment != null) {
				this.thinking.append(thinkingFragment);
				if (this.type == null) {
					this.type = ContentType.THINKING;
				}
			}
		}

		AssistantContentBlock toContent() {
			if (ContentType.THINKING.equals(this.type)) {
				return new ThinkingContent(this.thinking.toString());
			}
			return new TextContent(this.text.toString());
		}

	}

	private static final class PendingToolCall {

		private final @Nullable String id;

		private final @Nullable String type;

		private final @Nullable String name;

		private @Nullable StringBuilder arguments;

		PendingToolCall(@Nullable ToolCall start) {
			this.id = (start != null) ? start.id() : null;
			this.type = (start != null) ? start.type() : null;
			ToolCall.Function function = (start != null) ? start.function() : null;
			this.name = (function != null) ? function.name() : null;
			appendArguments((function != null) ? function.arguments() : null);
		}

		void appendArguments(@Nullable String fragment) {
			if (fragment != null) {
				if (this.arguments == null) {
					this.arguments = new StringBuilder();
				}
				this.arguments.append(fragment);
			}
		}

		ToolCall toToolCall() {
			return new ToolCall(this.id, this.type,
					new ToolCall.Function(this.name, (this.arguments != null) ? this.arguments.toString() : null));
		}

	}

}
