package dev.springcohere.api.connectors;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

import dev.springcohere.api.ApiExtras;

/**
 * The OAuth configuration of a connector ({@code ConnectorOAuth},
 * {@code CreateConnectorOAuth}); {@code toString()} masks the secret.
 *
 * @param clientId the OAuth client id
 * @param clientSecret the OAuth client secret (write-only)
 * @param authorizeUrl the authorization URL
 * @param tokenUrl the token URL
 * @param scope the scopes to ask for
 * @param extra the fields this version does not know: kept from answers, sent with
 * requests (see {@link ApiExtras})
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "client_id", "client_secret", "authorize_url", "token_url", "scope" })
public record ConnectorOAuth(@JsonProperty("client_id") @Nullable String clientId,
		@JsonProperty("client_secret") @Nullable String clientSecret,
		@JsonProperty("authorize_url") @Nullable String authorizeUrl,
		@JsonProperty("token_url") @Nullable String tokenUrl, @Nullable String scope,
		@JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extra) {

	/**
	 * Copies the collections in.
	 */
	public ConnectorOAuth {
		extra = ApiExtras.copy(extra);
	}

	/**
	 * Starts a builder.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Returns a builder with the values of this record.
	 * @return a new builder
	 */
	public Builder mutate() {
		Builder builder = new Builder();
		builder.clientId = this.clientId;
		builder.clientSecret = this.clientSecret;
		builder.authorizeUrl = this.authorizeUrl;
		builder.tokenUrl = this.tokenUrl;
		builder.scope = this.scope;
		builder.extra.putAll(this.extra);
		return builder;
	}

	@Override
	public String toString() {
		return "ConnectorOAuth[" + "clientId=" + this.clientId + ", " + "clientSecret="
				+ ((this.clientSecret != null) ? "****" : null) + ", " + "authorizeUrl=" + this.authorizeUrl + ", "
				+ "tokenUrl=" + this.tokenUrl + ", " + "scope=" + this.scope + ", extra=" + this.extra.keySet() + "]";
	}

	/**
	 * Builds a {@link ConnectorOAuth}.
	 */
	public static final class Builder {

		private @Nullable String clientId;

		private @Nullable String clientSecret;

		private @Nullable String authorizeUrl;

		private @Nullable String tokenUrl;

		private @Nullable String scope;

		private final Map<String, @Nullable Object> extra = new LinkedHashMap<>();

		private Builder() {
		}

		/**
		 * Sets the {@code client_id}.
		 * @param clientId the OAuth client id, or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder clientId(@Nullable String clientId) {
			this.clientId = clientId;
			return this;
		}

		/**
		 * Sets the {@code client_secret}.
		 * @param clientSecret the OAuth client secret (write-only), or {@code null} to
		 * leave it out
		 * @return this builder
		 */
		public Builder clientSecret(@Nullable String clientSecret) {
			this.clientSecret = clientSecret;
			return this;
		}

		/**
		 * Sets the {@code authorize_url}.
		 * @param authorizeUrl the authorization URL, or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder authorizeUrl(@Nullable String authorizeUrl) {
			this.authorizeUrl = authorizeUrl;
			return this;
		}

		/**
		 * Sets the {@code token_url}.
		 * @param tokenUrl the token URL, or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder tokenUrl(@Nullable String tokenUrl) {
			this.tokenUrl = tokenUrl;
			return this;
		}

		/**
		 * Sets the {@code scope}.
		 * @param scope the scopes to ask for, or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder scope(@Nullable String scope) {
			this.scope = scope;
			return this;
		}

		/**
		 * Adds a field this version does not know, sent beside the known ones.
		 * @param name the wire name of the field
		 * @param value its value (any JSON-serializable object, or {@code null} for JSON
		 * {@code null})
		 * @return this builder
		 */
		public Builder extra(String name, @Nullable Object value) {
			this.extra.put(Objects.requireNonNull(name, "'name' must not be null"), value);
			return this;
		}

		/**
		 * Builds the record.
		 * @return the record
		 */
		public ConnectorOAuth build() {
			return new ConnectorOAuth(this.clientId, this.clientSecret, this.authorizeUrl, this.tokenUrl, this.scope,
					this.extra);
		}

	}

}
