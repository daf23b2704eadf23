package dev.springcohere.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

/**
 * A span of the answer backed by sources (spec {@code Citation}).
 *
 * @param start the start of the span (character offset in the content block), or
 * {@code null}
 * @param end the end of the span, exclusive, or {@code null}
 * @param text the cited text, or {@code null}
 * @param sources the documents or tool results that back the span, never {@code null}
 * @param contentIndex the index of the content block the span is in, or {@code null}
 * @param type what the citation points into, or {@code null}
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({ "start", "end", "text", "sources", "content_index", "type" })
public record Citation(@Nullable Integer start, @Nullable Integer end, @Nullable String text,
		@JsonInclude(JsonInclude.Include.NON_EMPTY) List<Source> sources,
		@JsonProperty("content_index") @Nullable Integer contentIndex, @Nullable CitationType type) {

	/**
	 * Creates a citation.
	 * @param start the span start, or {@code null}
	 * @param end the span end, or {@code null}
	 * @param text the cited text, or {@code null}
	 * @param sources the sources, or {@code null} for none
	 * @param contentIndex the content block index, or {@code null}
	 * @param type the citation type, or {@code null}
	 */
	public Citation {
		sources = (sources != null) ? List.copyOf(sources) : List.of();
	}

}
