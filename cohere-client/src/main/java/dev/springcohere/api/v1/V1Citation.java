package dev.springcohere.api.v1;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

/**
 * A span of a v1 answer and the documents it cites (spec {@code ChatCitation}).
 *
 * @param start the offset of the first character, or {@code null}
 * @param end the offset after the last character, or {@code null}
 * @param text the cited text, or {@code null}
 * @param documentIds the ids of the cited documents (or tool outputs)
 * @param type {@code TEXT_CONTENT} or {@code PLAN}, or {@code null}
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({ "start", "end", "text", "document_ids", "type" })
public record V1Citation(@Nullable Integer start, @Nullable Integer end, @Nullable String text,
		@JsonProperty("document_ids") List<String> documentIds, @Nullable String type) {

	/**
	 * Copies the ids.
	 * @param start the start, or {@code null}
	 * @param end the end, or {@code null}
	 * @param text the text, or {@code null}
	 * @param documentIds the ids, or {@code null} for none
	 * @param type the type, or {@code null}
	 */
	public V1Citation {
		documentIds = (documentIds != null) ? List.copyOf(documentIds) : List.of();
	}

}
