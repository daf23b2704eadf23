package dev.springcohere.api;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

/**
 * The body of a {@code /v1/detokenize} request.
 *
 * @param tokens the token ids to turn back into text
 * @param model the model whose tokenizer is used, or {@code null} for the client default
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({ "tokens", "model" })
public record DetokenizeRequest(List<Integer> tokens, @Nullable String model) {

	/**
	 * Creates a request.
	 * @param tokens the token ids
	 * @param model the model, or {@code null}
	 */
	public DetokenizeRequest {
		tokens = List.copyOf(Objects.requireNonNull(tokens, "'tokens' must not be null"));
	}

	/**
	 * Creates a request.
	 * @param model the model, or {@code null}
	 * @param tokens the token ids
	 * @return the request
	 */
	public static DetokenizeRequest of(@Nullable String model, List<Integer> tokens) {
		return new DetokenizeRequest(tokens, model);
	}

}
