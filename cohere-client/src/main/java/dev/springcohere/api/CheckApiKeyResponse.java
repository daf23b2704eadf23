package dev.springcohere.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

/**
 * The answer of a {@code /v1/check-api-key} call (spec {@code CheckApiKeyResponse}):
 * whether the key the client sends is valid and active, and whom it belongs to.
 *
 * @param valid whether the key is valid and active
 * @param organizationId the id of the organization that owns the key, or {@code null}
 * @param ownerId the id of the user who owns the key, or {@code null}
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({ "valid", "organization_id", "owner_id" })
public record CheckApiKeyResponse(boolean valid, @JsonProperty("organization_id") @Nullable String organizationId,
		@JsonProperty("owner_id") @Nullable String ownerId) {

}
