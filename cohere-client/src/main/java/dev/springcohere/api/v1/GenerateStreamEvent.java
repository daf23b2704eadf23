package dev.springcohere.api.v1;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * An event of a streamed {@code /v1/generate} answer, discriminated by its
 * {@code event_type} (spec {@code GenerateStreamedResponse}): {@code text-generation},
 * {@code stream-end} or {@code stream-error}; other types become {@link Unknown}.
 *
 * @since 0.1.0
 * @deprecated Cohere marks {@code /v1/generate} "Legacy" and no longer maintains it; use
 * chat.
 */
@Deprecated(since = "0.1.0")
public sealed interface GenerateStreamEvent permits GenerateStreamEvent.TextGeneration, GenerateStreamEvent.StreamEnd,
		GenerateStreamEvent.StreamError, GenerateStreamEvent.Unknown {

	/**
	 * Returns the event type, the {@code event_type} property.
	 * @return the type
	 */
	String eventType();

	/**
	 * Reads one event.
	 * @param mapper the mapper
	 * @param json the JSON text of the event
	 * @return the event; {@link Unknown} for a type this library does not know
	 * @throws IllegalArgumentException when the JSON is not an object with an
	 * {@code event_type}
	 */
	static GenerateStreamEvent parse(ObjectMapper mapper, String json) {
		Objects.requireNonNull(mapper, "'mapper' must not be null");
		JsonNode event = mapper.readTree(Objects.requireNonNull(json, "'json' must not be null"));
		JsonNode type = (event != null) ? event.get("event_type") : null;
		if (type == null || !type.isString()) {
			throw new IllegalArgumentException(
					"A generate stream event must be a JSON object with an 'event_type', got: " + json);
		}
		return switch (type.asString()) {
			case TextGeneration.TYPE -> mapper.treeToValue(event, TextGeneration.class);
			case StreamEnd.TYPE -> mapper.treeToValue(event, StreamEnd.class);
			case StreamError.TYPE -> mapper.treeToValue(event, StreamError.class);
			default -> new Unknown(type.asString(), event);
		};
	}

	/**
	 * {@code text-generation}: a piece of one generation.
	 *
	 * @param text the piece
	 * @param index the generation it belongs to, or {@code null}
	 * @param isFinished whether the generation is finished, or {@code null}
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record TextGeneration(String text, @Nullable Integer index,
			@JsonProperty("is_finished") @Nullable Boolean isFinished) implements GenerateStreamEvent {

		/** The event type. */
		public static final String TYPE = "text-generation";

		/**
		 * A missing text becomes empty.
		 * @param text the text, or {@code null}
		 * @param index the index, or {@code null}
		 * @param isFinished whether finished, or {@code null}
		 */
		public TextGeneration {
			text = (text != null) ? text : "";
		}

		@Override
		public String eventType() {
			return TYPE;
		}

	}

	/**
	 * {@code stream-end}: all generations are complete.
	 *
	 * @param finishReason why generation stopped, or {@code null}
	 * @param response the whole answer, or {@code null}
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record StreamEnd(@JsonProperty("finish_reason") @Nullable String finishReason,
			@Nullable GenerateResponse response) implements GenerateStreamEvent {

		/** The event type. */
		public static final String TYPE = "stream-end";

		@Override
		public String eventType() {
			return TYPE;
		}

	}

	/**
	 * {@code stream-error}: a generation failed.
	 *
	 * @param index the generation that failed, or {@code null}
	 * @param finishReason the finish reason, or {@code null}
	 * @param err the error message, or {@code null}
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record StreamError(@Nullable Integer index, @JsonProperty("finish_reason") @Nullable String finishReason,
			@Nullable String err) implements GenerateStreamEvent {

		/** The event type. */
		public static final String TYPE = "stream-error";

		@Override
		public String eventType() {
			return TYPE;
		}

	}

	/**
	 * An event of a type this library does not know, kept as received.
	 *
	 * @param eventType the event type
	 * @param raw the event as received (a copy is kept)
	 */
	record Unknown(String eventType, JsonNode raw) implements GenerateStreamEvent {

		/**
		 * Creates an unknown event.
		 * @param eventType the type
		 * @param raw the event
		 */
		public Unknown {
			Objects.requireNonNull(eventType, "'eventType' must not be null");
			raw = Objects.requireNonNull(raw, "'raw' must not be null").deepCopy();
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
