package dev.springcohere.api;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ValueDeserializer;

/**
 * Reads a chat message by its {@code role}.
 */
final class ChatMessageDeserializer extends ValueDeserializer<ChatMessage> {

	@Override
	public ChatMessage deserialize(JsonParser parser, DeserializationContext context) {
		JsonNode node = context.readTree(parser);
		JsonNode role = node.path("role");
		if (!node.isObject() || !role.isString()) {
			return context.reportInputMismatch(ChatMessage.class,
					"A chat message must be an object with a string 'role' (system, user, assistant or tool), got: %s",
					node);
		}
		return switch (role.asString()) {
			case "system" -> context.readTreeAsValue(node, SystemMessage.class);
			case "user" -> context.readTreeAsValue(node, UserMessage.class);
			case "assistant" -> context.readTreeAsValue(node, AssistantMessage.class);
			case "tool" -> context.readTreeAsValue(node, ToolMessage.class);
			default -> context.reportInputMismatch(ChatMessage.class,
					"Unknown chat message role '%s'; expected system, user, assistant or tool", role.asString());
		};
	}

}
