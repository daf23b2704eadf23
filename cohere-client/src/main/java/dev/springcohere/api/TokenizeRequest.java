package dev.springcohere.api;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

/**
 * The body of a {@code /v1/tokenize} request.
 *
 * @param text the text to split into tokens (1 to 65,536 characters)
 * @param model the model whose tokenizer is used, or {@code null} for the client default
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({ "text", "model" })
public record TokenizeRequest(String text, @Nullable String model) {

	/**
	 * Creates a request.
	 * @param text the text
	 * @param model the model, or {@code null}
	 */
	public TokenizeRequest {
		Objects.requireNonNull(text, "'text' must not be null");
	}

	/**
	 * Creates a request.
	 * @param model the model, or {@code null}
	 * @param text the text
	 * @return the request
	 */
	public static TokenizeRequest of(@Nullable String model, String text) {
		return new TokenizeRequest(text, model);
	}

}
