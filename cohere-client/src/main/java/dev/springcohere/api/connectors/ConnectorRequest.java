package dev.springcohere.api.connectors;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
 * What to create or update in a connector ({@code CreateConnectorRequest},
 * {@code UpdateConnectorRequest}): to create, {@code name} and {@code url} are required;
 * to update, only the fields set are changed.
 *
 * @param name the name
 * @param description the description (create only)
 * @param url the URL Cohere calls
 * @param excludes fields to leave out of the documents
 * @param oauth the OAuth configuration
 * @param active whether it is active
 * @param continueOnFailure whether a chat goes on when it fails
 * @param serviceAuth the service token
 * @param extra the fields this version does not know: kept from answers, sent with
 * requests (see {@link ApiExtras})
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "name", "description", "url", "excludes", "oauth", "active", "continue_on_failure",
		"service_auth" })
public record ConnectorRequest(@Nullable String name, @Nullable String description, @Nullable String url,
		@JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> excludes, @Nullable ConnectorOAuth oauth,
		@Nullable Boolean active, @JsonProperty("continue_on_failure") @Nullable Boolean continueOnFailure,
		@JsonProperty("service_auth") @Nullable ServiceAuth serviceAuth,
		@JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extra) {

	/**
	 * Copies the collections in.
	 */
	public ConnectorRequest {
		excludes = (excludes != null) ? List.copyOf(excludes) : List.of();
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
		builder.name = this.name;
		builder.description = this.description;
		builder.url = this.url;
		builder.excludes = new ArrayList<>(this.excludes);
		builder.oauth = this.oauth;
		builder.active = this.active;
		builder.continueOnFailure = this.continueOnFailure;
		builder.serviceAuth = this.serviceAuth;
		builder.extra.putAll(this.extra);
		return builder;
	}

	/**
	 * Builds a {@link ConnectorRequest}.
	 */
	public static final class Builder {

		private @Nullable String name;

		private @Nullable String description;

		private @Nullable String url;

		private List<String> excludes = new ArrayList<>();

		private @Nullable ConnectorOAuth oauth;

		private @Nullable Boolean active;

		private @Nullable Boolean continueOnFailure;

		private @Nullable ServiceAuth serviceAuth;

		private final Map<String, @Nullable Object> extra = new LinkedHashMap<>();

		private Builder() {
		}

		/**
		 * Sets the {@code name}.
		 * @param name the name, or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder name(@Nullable String name) {
			this.name = name;
			return this;
		}

		/**
		 * Sets the {@code description}.
		 * @param description the description (create only), or {@code null} to leave it
		 * out
		 * @return this builder
		 */
		public Builder description(@Nullable String description) {
			this.description = description;
			return this;
		}

		/**
		 * Sets the {@code url}.
		 * @param url the URL Cohere calls, or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder url(@Nullable String url) {
			this.url = url;
			return this;
		}

		/**
		 * Sets the {@code excludes}.
		 * @param excludes fields to leave out of the documents
		 * @return this builder
		 */
		public Builder excludes(List<String> excludes) {
			this.excludes = new ArrayList<>(Objects.requireNonNull(excludes, "'excludes' must not be null"));
			return this;
		}

		/**
		 * Sets the {@code oauth}.
		 * @param oauth the OAuth configuration, or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder oauth(@Nullable ConnectorOAuth oauth) {
			this.oauth = oauth;
			return this;
		}

		/**
		 * Sets the {@code active}.
		 * @param active whether it is active, or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder active(@Nullable Boolean active) {
			this.active = active;
			return this;
		}

		/**
		 * Sets the {@code continue_on_failure}.
		 * @param continueOnFailure whether a chat goes on when it fails, or {@code null}
		 * to leave it out
		 * @return this builder
		 */
		public Builder continueOnFailure(@Nullable Boolean continueOnFailure) {
			this.continueOnFailure = continueOnFailure;
			return this;
		}

		/**
		 * Sets the {@code service_auth}.
		 * @param serviceAuth the service token, or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder serviceAuth(@Nullable ServiceAuth serviceAuth) {
			this.serviceAuth = serviceAuth;
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
		public ConnectorRequest build() {
			return new ConnectorRequest(this.name, this.description, this.url, this.excludes, this.oauth, this.active,
					this.continueOnFailure, this.serviceAuth, this.extra);
		}

	}

}
