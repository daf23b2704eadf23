package dev.springcohere.api;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ValueDeserializer;

/**
 * Reads a part of a mixed embed input by its {@code type}.
 */
final class EmbedContentDeserializer extends ValueDeserializer<EmbedContent> {

	@Override
	public EmbedContent deserialize(JsonParser parser, DeserializationContext context) {
		JsonNode node = context.readTree(parser);
		String type = node.path("type").asString("");
		return switch (type) {
			case "text" -> context.readTreeAsValue(node, EmbedContent.Text.class);
			case "image_url" -> context.readTreeAsValue(node, EmbedContent.Image.class);
			default -> context.reportInputMismatch(EmbedContent.class,
					"An embed input part must have 'type' \"text\" or \"image_url\", got: %s", node);
		};
	}

}
