package dev.springcohere.api.connectors;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

import dev.springcohere.api.ApiExtras;

/**
 * A connector ({@code Connector}).
 *
 * @param id the id
 * @param organizationId the organization
 * @param name the name
 * @param description the description
 * @param url the URL Cohere calls
 * @param createdAt when it was created
 * @param updatedAt when it was last updated
 * @param excludes fields left out of the documents
 * @param authType the authentication type
 * @param oauth the OAuth configuration
 * @param authStatus the OAuth status of the user ({@code valid} or {@code expired})
 * @param active whether it is active
 * @param continueOnFailure whether a chat goes on when it fails
 * @param extra the fields this version does not know: kept from answers, sent with
 * requests (see {@link ApiExtras})
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "id", "organization_id", "name", "description", "url", "created_at", "updated_at", "excludes",
		"auth_type", "oauth", "auth_status", "active", "continue_on_failure" })
public record Connector(@Nullable String id, @JsonProperty("organization_id") @Nullable String organizationId,
		@Nullable String name, @Nullable String description, @Nullable String url,
		@JsonProperty("created_at") @Nullable Instant createdAt,
		@JsonProperty("updated_at") @Nullable Instant updatedAt,
		@JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> excludes,
		@JsonProperty("auth_type") @Nullable String authType, @Nullable ConnectorOAuth oauth,
		@JsonProperty("auth_status") @Nullable String authStatus, @Nullable Boolean active,
		@JsonProperty("continue_on_failure") @Nullable Boolean continueOnFailure,
		@JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extra) {

	/**
	 * Copies the collections in.
	 */
	public Connector {
		excludes = (excludes != null) ? List.copyOf(excludes) : List.of();
		extra = ApiExtras.copy(extra);
	}

}
