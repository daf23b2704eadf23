package dev.springcohere.api.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

import dev.springcohere.api.ApiMeta;

/**
 * The answer of {@code /v1/summarize} (spec {@code SummarizeResponse}).
 *
 * @param id the id of the answer, or {@code null}
 * @param summary the summary, or {@code null}
 * @param meta the API version and billed units, or {@code null}
 * @since 0.1.0
 * @deprecated Cohere marks {@code /v1/summarize} "Legacy" and no longer maintains it; use
 * chat.
 */
@Deprecated(since = "0.1.0")
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({ "id", "summary", "meta" })
public record SummarizeResponse(@Nullable String id, @Nullable String summary, @Nullable ApiMeta meta) {

}
