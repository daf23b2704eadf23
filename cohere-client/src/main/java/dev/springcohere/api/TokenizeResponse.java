package dev.springcohere.api;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

/**
 * The answer of a {@code /v1/tokenize} call.
 *
 * @param tokens the token ids
 * @param tokenStrings the text of each token
 * @param meta the call metadata, or {@code null}
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({ "tokens", "token_strings", "meta" })
public record TokenizeResponse(List<Integer> tokens, @JsonProperty("token_strings") List<String> tokenStrings,
		@Nullable ApiMeta meta) {

	/**
	 * Creates a response.
	 * @param tokens the token ids
	 * @param tokenStrings the token texts, or {@code null} for none
	 * @param meta the metadata, or {@code null}
	 */
	public TokenizeResponse {
		tokens = List.copyOf(Objects.requireNonNull(tokens, "'tokens' must not be null"));
		tokenStrings = (tokenStrings != null) ? List.copyOf(tokenStrings) : List.of();
	}

}
