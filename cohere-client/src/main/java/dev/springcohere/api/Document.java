package dev.springcohere.api;

import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A document the model can cite (spec {@code Document}): free-form {@code data} (for
 * example {@code title} and {@code snippet}) and an optional {@code id} that citations
 * refer to.
 *
 * @param id the document id used in citations, or {@code null} to let the server number
 * documents
 * @param data the document fields, a JSON object (a copy is kept)
 * @since 0.1.0
 */
@JsonDeserialize
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({ "id", "data" })
public record Document(@Nullable String id, JsonNode data) implements ChatDocument {

	/**
	 * Creates a document.
	 * @param id the id, or {@code null}
	 * @param data the fields, a JSON object
	 */
	public Document {
		Objects.requireNonNull(data, "'data' must not be null");
		if (!data.isObject()) {
			throw new IllegalArgumentException("Document 'data' must be a JSON object, got: " + data.getNodeType());
		}
		data = data.deepCopy();
	}

	/**
	 * Creates a document from string fields.
	 * @param id the id, or {@code null}
	 * @param fields the fields, such as {@code title} and {@code snippet}
	 * @return the document
	 */
	public static Document of(@Nullable String id, Map<String, String> fields) {
		Objects.requireNonNull(fields, "'fields' must not be null");
		ObjectNode data = JsonNodeFactory.instance.objectNode();
		fields.forEach(data::put);
		return new Document(id, data);
	}

	/**
	 * Returns a copy of the document fields.
	 * @return the fields, a JSON object
	 */
	@Override
	public JsonNode data() {
		return this.data.deepCopy();
	}

}
