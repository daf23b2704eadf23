package dev.springcohere.api;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * A document content block ({@code {"type": "document", "document": {...}}}), in tool
 * results; the model can cite it.
 *
 * @param document the document
 * @since 0.1.0
 */
@JsonDeserialize
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(value = "type", allowGetters = true, ignoreUnknown = true)
@JsonPropertyOrder({ "type", "document" })
public record DocumentContent(Document document) implements ToolContentBlock {

	/**
	 * Creates a document block.
	 * @param document the document
	 */
	public DocumentContent {
		Objects.requireNonNull(document, "'document' must not be null");
	}

	/**
	 * Creates a document block.
	 * @param document the document
	 * @return the block
	 */
	public static DocumentContent of(Document document) {
		return new DocumentContent(document);
	}

	@Override
	@JsonProperty("type")
	public ContentType type() {
		return ContentType.DOCUMENT;
	}

}
