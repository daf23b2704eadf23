package dev.springcohere.api;

import org.jspecify.annotations.Nullable;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;

/**
 * Reads and writes {@link StreamEvent}s in their wire shape, where the payload sits under
 * {@code delta.message}.
 */
final class StreamEventCodec {

	private StreamEventCodec() {
	}

	/**
	 * Reads an event by its {@code type}.
	 */
	static final class Reader extends ValueDeserializer<StreamEvent> {

		@Override
		public StreamEvent deserialize(JsonParser parser, DeserializationContext context) {
			JsonNode node = context.readTree(parser);
			if (!node.isObject()) {
				return context.reportInputMismatch(StreamEvent.class, "A stream event must be a JSON object, got: %s",
						node);
			}
			JsonNode typeNode = node.get("type");
			if (typeNode == null || !typeNode.isString()) {
				// v1-shaped events (such as the documented debug event) carry
				// 'event_type' instead
				JsonNode eventType = node.get("event_type");
				String type = (eventType != null && eventType.isString()) ? eventType.asString() : "";
				return StreamEvent.Debug.TYPE.equals(type) ? new StreamEvent.Debug(node)
						: new StreamEvent.Unknown(type, node);
			}
			String type = typeNode.asString();
			JsonNode delta = node.path("delta");
			JsonNode message = delta.path("message");
			return switch (type) {
				case StreamEvent.MessageStart.TYPE -> new StreamEvent.MessageStart(string(context, node, "id"),
						value(context, message.get("role"), Role.class));
				case StreamEvent.ContentStart.TYPE -> {
					JsonNode content = message.path("content");
					yield new StreamEvent.ContentStart(index(context, node),
							value(context, content.get("type"), ContentType.class), string(context, content, "text"),
							string(context, content, "thinking"));
				}
				case StreamEvent.ContentDelta.TYPE -> {
					JsonNode content = message.path("content");
					yield new StreamEvent.ContentDelta(index(context, node), string(context, content, "text"),
							string(context, content, "thinking"),
							value(context, node.get("logprobs"), LogprobItem.class));
				}
				case StreamEvent.ContentEnd.TYPE -> new StreamEvent.ContentEnd(index(context, node));
				case StreamEvent.ToolPlanDelta.TYPE ->
					new StreamEvent.ToolPlanDelta(string(context, message, "tool_plan"));
				case StreamEvent.ToolCallStart.TYPE -> new StreamEvent.ToolCallStart(index(context, node),
						value(context, message.get("tool_calls"), ToolCall.class));
				case StreamEvent.ToolCallDelta.TYPE -> new StreamEvent.ToolCallDelta(index(context, node),
						string(context, message.path("tool_calls").path("function"), "arguments"));
				case StreamEvent.ToolCallEnd.TYPE -> new StreamEvent.ToolCallEnd(index(context, node));
				case StreamEvent.CitationStart.TYPE -> new StreamEvent.CitationStart(index(context, node),
						value(context, message.get("citations"), Citation.class));
				case StreamEvent.CitationEnd.TYPE -> new StreamEvent.CitationEnd(index(context, node));
				case StreamEvent.MessageEnd.TYPE -> new StreamEvent.MessageEnd(string(context, node, "id"),
						value(context, delta.get("finish_reason"), FinishReason.class),
						value(context, delta.get("usage"), Usage.class), string(context, delta, "error"));
				case StreamEvent.Debug.TYPE -> new StreamEvent.Debug(node);
				default -> new StreamEvent.Unknown(type, node);
			};
		}

		private static @Nullable Integer index(DeserializationContext context, JsonNode node) {
			JsonNode index = node.get("index");
			// the common case is read directly; anything else goes through Jackson's
			// coercion rules
			return (index != null && index.isInt()) ? Integer.valueOf(index.intValue())
					: value(context, index, Integer.class);
		}

		private static @Nullable String string(DeserializationContext context, JsonNode node, String name) {
			JsonNode value = node.get(name);
			return (value != null && value.isString()) ? value.asString() : value(context, value, String.class);
		}

		private static <T> @Nullable T value(DeserializationContext context, @Nullable JsonNode node, Class<T> type) {
			if (node == null || node.isNull() || node.isMissingNode()) {
				return null;
			}
			return context.readTreeAsValue(node, type);
		}

	}

	/**
	 * Writes an event in its wire shape.
	 */
	static final class Writer extends ValueSerializer<StreamEvent> {

		@Override
		public void serialize(StreamEvent event, JsonGenerator generator, SerializationContext context) {
			if (event instanceof StreamEvent.Debug debug) {
				generator.writeTree(debug.raw());
				return;
			}
			if (event instanceof StreamEvent.Unknown unknown) {
				generator.writeTree(unknown.raw());
				return;
			}
			generator.writeStartObject();
			generator.writeStringProperty("type", event.type());
			if (event instanceof StreamEvent.MessageStart start) {
				writeIfPresent(generator, context, "id", start.id());
				if (start.role() != null) {
					startMessage(generator);
					writeIfPresent(generator, context, "role", start.role());
					endMessage(generator);
				}
			}
			else if (event instanceof StreamEvent.ContentStart start) {
				writeIfPresent(generator, context, "index", start.index());
				startMessage(generator);
				generator.writeName("content");
				generator.writeStartObject();
				writeIfPresent(generator, context, "type", start.contentType());
				writeIfPresent(generator, context, "text", start.text());
				writeIfPresent(generator, context, "thinking", start.thinking());
				generator.writeEndObject();
				endMessage(generator);
			}
			else if (event instanceof StreamEvent.ContentDelta delta) {
				writeIfPresent(generator, context, "index", delta.index());
				startMessage(generator);
				generator.writeName("content");
				generator.writeStartObject();
				writeIfPresent(generator, context, "text", delta.text());
				writeIfPresent(generator, context, "thinking", delta.thinking());
				generator.writeEndObject();
				endMessage(generator);
				writeIfPresent(generator, context, "logprobs", delta.logprobs());
			}
			else if (event instanceof StreamEvent.ContentEnd end) {
				writeIfPresent(generator, context, "index", end.index());
			}
			else if (event instanceof StreamEvent.ToolPlanDelta delta) {
				startMessage(generator);
				writeIfPresent(generator, context, "tool_plan", delta.toolPlan());
				endMessage(generator);
			}
			else if (event instanceof StreamEvent.ToolCallStart start) {
				writeIfPresent(generator, context, "index", start.index());
				startMessage(generator);
				writeIfPresent(generator, context, "tool_calls", start.toolCall());
				endMessage(generator);
			}
			else if (event instanceof StreamEvent.ToolCallDelta delta) {
				writeIfPresent(generator, context, "index", delta.index());
				startMessage(generator);
				generator.writeName("tool_calls");
				generator.writeStartObject();
				generator.writeName("function");
				generator.writeStartObject();
				writeIfPresent(generator, context, "arguments", delta.arguments());
				generator.writeEndObject();
				generator.writeEndObject();
				endMessage(generator);
			}
			else if (event instanceof StreamEvent.ToolCallEnd end) {
				writeIfPresent(generator, context, "index", end.index());
			}
			else if (event instanceof StreamEvent.CitationStart start) {
				writeIfPresent(generator, context, "index", start.index());
				startMessage(generator);
				writeIfPresent(generator, context, "citations", start.citation());
				endMessage(generator);
			}
			else if (event instanceof StreamEvent.CitationEnd end) {
				writeIfPresent(generator, context, "index", end.index());
			}
			else if (event instanceof StreamEvent.MessageEnd end) {
				writeIfPresent(generator, context, "id", end.id());
				generator.writeName("delta");
				generator.writeStartObject();
				writeIfPresent(generator, context, "error", end.error());
				writeIfPresent(generator, context, "finish_reason", end.finishReason());
				writeIfPresent(generator, context, "usage", end.usage());
				generator.writeEndObject();
			}
			generator.writeEndObject();
		}

		private static void startMessage(JsonGenerator generator) {
			generator.writeName("delta");
			generator.writeStartObject();
			generator.writeName("message");
			generator.writeStartObject();
		}

		private static void endMessage(JsonGenerator generator) {
			generator.writeEndObject();
			generator.writeEndObject();
		}

		private static void writeIfPresent(JsonGenerator generator, SerializationContext context, String name,
				@Nullable Object value) {
			if (value != null) {
				generator.writeName(name);
				context.writeValue(generator, value);
			}
		}

	}

}
