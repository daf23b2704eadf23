package dev.springcohere.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * A cited document (spec {@code ChatDocumentSource}).
 *
 * @param id the document id, or {@code null}
 * @param document the document fields as the server returns them (a copy is kept), or
 * {@code null}
 * @since 0.1.0
 */
@JsonDeserialize
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(value = "type", allowGetters = true, ignoreUnknown = true)
@JsonPropertyOrder({ "type", "id", "document" })
public record DocumentSource(@Nullable String id, @Nullable JsonNode document) implements Source {

	/** The {@code type} of document sources. */
	public static final String TYPE = "document";

	/**
	 * Creates a document source.
	 * @param id the document id, or {@code null}
	 * @param document the document fields, or {@code null}
	 */
	public DocumentSource {
		document = (document != null) ? document.deepCopy() : null;
	}

	/**
	 * Returns a copy of the document fields.
	 * @return the fields, or {@code null}
	 */
	@Override
	public @Nullable JsonNode document() {
		return (this.document != null) ? this.document.deepCopy() : null;
	}

	@Override
	@JsonProperty("type")
	public String type() {
		return TYPE;
	}

}
