package dev.springcohere.api;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One mixed input of an {@link EmbedRequest} (spec {@code EmbedInput}): text and image
 * parts embedded together into a single vector.
 *
 * @param content the parts, never {@code null}
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record EmbedInput(List<EmbedContent> content) {

	/**
	 * Creates a mixed input.
	 * @param content the parts
	 */
	public EmbedInput {
		content = List.copyOf(Objects.requireNonNull(content, "'content' must not be null"));
	}

	/**
	 * Creates a mixed input.
	 * @param content the parts
	 * @return the input
	 */
	public static EmbedInput of(EmbedContent... content) {
		return new EmbedInput(List.of(content));
	}

}
