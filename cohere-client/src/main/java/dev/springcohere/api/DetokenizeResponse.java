package dev.springcohere.api;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

/**
 * The answer of a {@code /v1/detokenize} call.
 *
 * @param text the text of the tokens
 * @param meta the call metadata, or {@code null}
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({ "text", "meta" })
public record DetokenizeResponse(String text, @Nullable ApiMeta meta) {

	/**
	 * Creates a response.
	 * @param text the text
	 * @param meta the metadata, or {@code null}
	 */
	public DetokenizeResponse {
		Objects.requireNonNull(text, "'text' must not be null");
	}

}
