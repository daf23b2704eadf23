package dev.springcohere.api.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

/**
 * A search query a v1 chat generated (spec {@code ChatSearchQuery}).
 *
 * @param text the query
 * @param generationId the id of the generation that made it, or {@code null}
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({ "text", "generation_id" })
public record V1SearchQuery(@Nullable String text, @JsonProperty("generation_id") @Nullable String generationId) {

}
