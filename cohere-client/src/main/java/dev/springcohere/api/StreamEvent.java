package dev.springcohere.api;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * An event of a streamed {@code /v2/chat} answer, discriminated by its {@code type} (spec
 * {@code StreamedChatResponseV2}).
 * <p>
 * The wire events nest their payload under {@code delta.message}; these records carry it
 * flattened (for example {@link ContentDelta#text()}) and are written back in the wire
 * shape. An event of a type this library does not know becomes {@link Unknown} with its
 * raw JSON, so new server events never break a stream. Feed the events to a
 * {@link ChatStreamAccumulator} to get the {@link ChatResponse} of the whole stream.
 * <p>
 * The {@code index} of content, tool-call and citation events is {@code null} when the
 * server leaves it out.
 *
 * @since 0.1.0
 */
@JsonDeserialize(using = StreamEventCodec.Reader.class)
@JsonSerialize(using = StreamEventCodec.Writer.class)
public sealed interface StreamEvent permits StreamEvent.MessageStart, StreamEvent.ContentStart,
		StreamEvent.ContentDelta, StreamEvent.ContentEnd, StreamEvent.ToolPlanDelta, StreamEvent.ToolCallStart,
		StreamEvent.ToolCallDelta, StreamEvent.ToolCallEnd, StreamEvent.CitationStart, StreamEvent.CitationEnd,
		StreamEvent.MessageEnd, StreamEvent.Debug, StreamEvent.Unknown {

	/**
	 * The {@code data:} of the server-sent event that ends a stream; it is not an event.
	 */
	String DONE = "[DONE]";

	/**
	 * Returns the event type, the {@code type} property.
	 * @return the type
	 */
	String type();

	/**
	 * Parses the {@code data:} text of one server-sent event.
	 * @param mapper the mapper to read with, such as {@link CohereJson#createMapper()}
	 * @param data the JSON text of the event
	 * @return the event; {@link Unknown} for a type this library does not know
	 * @throws IllegalArgumentException if {@code data} is the {@link #DONE} terminator
	 * @throws tools.jackson.core.JacksonException if {@code data} is not JSON or a known
	 * event is malformed
	 */
	static StreamEvent parse(ObjectMapper mapper, String data) {
		Objects.requireNonNull(mapper, "'mapper' must not be null");
		Objects.requireNonNull(data, "'data' must not be null");
		if (DONE.equals(data.strip())) {
			throw new IllegalArgumentException(
					"'[DONE]' ends the stream and is not an event; stop reading events when it arrives");
		}
		return mapper.readValue(data, StreamEvent.class);
	}

	/**
	 * {@code message-start}: the answer begins.
	 *
	 * @param id the id of the answer, or {@code null}
	 * @param role the role of the message ({@code assistant}), or {@code null}
	 */
	record MessageStart(@Nullable String id, @Nullable Role role) implements StreamEvent {

		/** The event type. */
		public static final String TYPE = "message-start";

		@Override
		public String type() {
			return TYPE;
		}

	}

	/**
	 * {@code content-start}: a content block begins.
	 *
	 * @param index the content block index, or {@code null}
	 * @param contentType the block type ({@code text} or {@code thinking}), or
	 * {@code null}
	 * @param text the initial text (usually empty), or {@code null}
	 * @param thinking the initial thinking text, or {@code null}
	 */
	record ContentStart(@Nullable Integer index, @Nullable ContentType contentType, @Nullable String text,
			@Nullable String thinking) implements StreamEvent {

		/** The event type. */
		public static final String TYPE = "content-start";

		@Override
		public String type() {
			return TYPE;
		}

	}

	/**
	 * {@code content-delta}: more text or thinking of a content block.
	 *
	 * @param index the content block index, or {@code null}
	 * @param text the text fragment, or {@code null}
	 * @param thinking the thinking fragment, or {@code null}
	 * @param logprobs the log probabilities of the fragment (when requested), or
	 * {@code null}
	 */
	record ContentDelta(@Nullable Integer index, @Nullable String text, @Nullable String thinking,
			@Nullable LogprobItem logprobs) implements StreamEvent {

		/** The event type. */
		public static final String TYPE = "content-delta";

		@Override
		public String type() {
			return TYPE;
		}

	}

	/**
	 * {@code content-end}: a content block is complete.
	 *
	 * @param index the content block index, or {@code null}
	 */
	record ContentEnd(@Nullable Integer index) implements StreamEvent {

		/** The event type. */
		public static final String TYPE = "content-end";

		@Override
		public String type() {
			return TYPE;
		}

	}

	/**
	 * {@code tool-plan-delta}: more of the model's tool plan.
	 *
	 * @param toolPlan the tool plan fragment, or {@code null}
	 */
	record ToolPlanDelta(@Nullable String toolPlan) implements StreamEvent {

		/** The event type. */
		public static final String TYPE = "tool-plan-delta";

		@Override
		public String type() {
			return TYPE;
		}

	}

	/**
	 * {@code tool-call-start}: a tool call begins, with its id and function name (its
	 * arguments usually follow in {@link ToolCallDelta} events).
	 *
	 * @param index the tool call index, or {@code null}
	 * @param toolCall the call as known so far, or {@code null}
	 */
	record ToolCallStart(@Nullable Integer index, @Nullable ToolCall toolCall) implements StreamEvent {

		/** The event type. */
		public static final String TYPE = "tool-call-start";

		@Override
		public String type() {
			return TYPE;
		}

	}

	/**
	 * {@code tool-call-delta}: a fragment of a tool call's JSON arguments.
	 *
	 * @param index the tool call index, or {@code null}
	 * @param arguments the arguments fragment, or {@code null}
	 */
	record ToolCallDelta(@Nullable Integer index, @Nullable String arguments) implements StreamEvent {

		/** The event type. */
		public static final String TYPE = "tool-call-delta";

		@Override
		public String type() {
			return TYPE;
		}

	}

	/**
	 * {@code tool-call-end}: a tool call is complete.
	 *
	 * @param index the tool call index, or {@code null}
	 */
	record ToolCallEnd(@Nullable Integer index) implements StreamEvent {

		/** The event type. */
		public static final String TYPE = "tool-call-end";

		@Override
		public String type() {
			return TYPE;
		}

	}

	/**
	 * {@code citation-start}: a citation of the answer.
	 *
	 * @param index the citation index, or {@code null}
	 * @param citation the citation, or {@code null}
	 */
	record CitationStart(@Nullable Integer index, @Nullable Citation citation) implements StreamEvent {

		/** The event type. */
		public static final String TYPE = "citation-start";

		@Override
		public String type() {
			return TYPE;
		}

	}

	/**
	 * {@code citation-end}: a citation is complete.
	 *
	 * @param index the citation index, or {@code null}
	 */
	record CitationEnd(@Nullable Integer index) implements StreamEvent {

		/** The event type. */
		public static final String TYPE = "citation-end";

		@Override
		public String type() {
			return TYPE;
		}

	}

	/**
	 * {@code message-end}: the answer is complete, with why it stopped and its token
	 * counts.
	 *
	 * @param id the id of the answer, or {@code null}
	 * @param finishReason why generation stopped, or {@code null}
	 * @param usage the token counts, or {@code null}
	 * @param error an error message when generation failed, or {@code null}
	 */
	record MessageEnd(@Nullable String id, @Nullable FinishReason finishReason, @Nullable Usage usage,
			@Nullable String error) implements StreamEvent {

		/** The event type. */
		public static final String TYPE = "message-end";

		@Override
		public String type() {
			return TYPE;
		}

		/**
		 * Tells whether this event reports a failure: an {@code error}, or the
		 * {@code ERROR} finish reason.
		 * @return {@code true} if generation failed
		 */
		public boolean isError() {
			return this.error != null || FinishReason.ERROR.equals(this.finishReason);
		}

	}

	/**
	 * {@code debug}: diagnostic information (the spec declares it with a v1 schema; kept
	 * raw).
	 *
	 * @param raw the event as received (a copy is kept)
	 */
	record Debug(JsonNode raw) implements StreamEvent {

		/** The event type. */
		public static final String TYPE = "debug";

		/**
		 * Creates a debug event.
		 * @param raw the event as received
		 */
		public Debug {
			Objects.requireNonNull(raw, "'raw' must not be null");
			raw = raw.deepCopy();
		}

		@Override
		public String type() {
			return TYPE;
		}

		/**
		 * Returns the prompt the model saw, when the server sends it.
		 * @return the prompt, or {@code null}
		 */
		public @Nullable String prompt() {
			JsonNode prompt = this.raw.get("prompt");
			return (prompt != null && prompt.isString()) ? prompt.asString() : null;
		}

		/**
		 * Returns a copy of the event as received.
		 * @return the raw JSON
		 */
		@Override
		public JsonNode raw() {
			return this.raw.deepCopy();
		}

	}

	/**
	 * An event of a type this library does not know, kept as received; consumers skip it.
	 *
	 * @param type the event type
	 * @param raw the event as received (a copy is kept)
	 */
	record Unknown(String type, JsonNode raw) implements StreamEvent {

		/**
		 * Creates an unknown event.
		 * @param type the event type
		 * @param raw the event as received
		 */
		public Unknown {
			Objects.requireNonNull(type, "'type' must not be null");
			Objects.requireNonNull(raw, "'raw' must not be null");
			raw = raw.deepCopy();
		}

		/**
		 * Returns a copy of the event as received.
		 * @return the raw JSON
		 */
		@Override
		public JsonNode raw() {
			return this.raw.deepCopy();
		}

	}

}
