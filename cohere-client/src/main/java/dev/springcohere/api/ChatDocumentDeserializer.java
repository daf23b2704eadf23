package dev.springcohere.api;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/**
 * Reads a chat request document: a JSON string or a document object.
 */
final class ChatDocumentDeserializer extends ValueDeserializer<ChatDocument> {

	@Override
	public ChatDocument deserialize(JsonParser parser, DeserializationContext context) {
		JsonToken token = parser.currentToken();
		if (token == JsonToken.VALUE_STRING) {
			return new TextDocument(parser.getString());
		}
		if (token == JsonToken.START_OBJECT) {
			return context.readValue(parser, Document.class);
		}
		return context.reportInputMismatch(ChatDocument.class,
				"A chat document must be a string or an object with 'data' (and optional 'id'), got %s", token);
	}

}
