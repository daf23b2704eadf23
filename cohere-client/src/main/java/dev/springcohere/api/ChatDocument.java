package dev.springcohere.api;

import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * An entry of the chat request's {@code documents}: either a plain string
 * ({@link TextDocument}) or a {@link Document} object; the form given is kept.
 *
 * @since 0.1.0
 */
@JsonDeserialize(using = ChatDocumentDeserializer.class)
public sealed interface ChatDocument permits TextDocument, Document {

	/**
	 * Creates a document given as a plain string.
	 * @param text the document text
	 * @return the document
	 */
	static ChatDocument of(String text) {
		return new TextDocument(text);
	}

}
