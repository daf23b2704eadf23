package dev.springcohere.api;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ValueDeserializer;

/**
 * Reads a citation source by its {@code type}; unknown types become
 * {@link UnknownSource}.
 */
final class SourceDeserializer extends ValueDeserializer<Source> {

	@Override
	public Source deserialize(JsonParser parser, DeserializationContext context) {
		JsonNode node = context.readTree(parser);
		if (!node.isObject()) {
			return context.reportInputMismatch(Source.class, "A citation source must be a JSON object, got: %s", node);
		}
		String type = node.path("type").asString("");
		return switch (type) {
			case DocumentSource.TYPE -> context.readTreeAsValue(node, DocumentSource.class);
			case ToolSource.TYPE -> context.readTreeAsValue(node, ToolSource.class);
			default -> new UnknownSource(node);
		};
	}

}
