package dev.springcohere.api.connectors;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

import dev.springcohere.api.ApiExtras;

/**
 * The service token a connector sends ({@code CreateConnectorServiceAuth});
 * {@code toString()} masks the token.
 *
 * @param type how the token is sent (required)
 * @param token the token (required)
 * @param extra the fields this version does not know: kept from answers, sent with
 * requests (see {@link ApiExtras})
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "type", "token" })
public record ServiceAuth(@Nullable AuthTokenType type, @Nullable String token,
		@JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extra) {

	/**
	 * Copies the collections in.
	 */
	public ServiceAuth {
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
		builder.type = this.type;
		builder.token = this.token;
		builder.extra.putAll(this.extra);
		return builder;
	}

	@Override
	public String toString() {
		return "ServiceAuth[" + "type=" + this.type + ", " + "token=" + ((this.token != null) ? "****" : null)
				+ ", extra=" + this.extra.keySet() + "]";
	}

	/**
	 * Builds a {@link ServiceAuth}.
	 */
	public static final class Builder {

		private @Nullable AuthTokenType type;

		private @Nullable String token;

		private final Map<String, @Nullable Object> extra = new LinkedHashMap<>();

		private Builder() {
		}

		/**
		 * Sets the {@code type}.
		 * @param type how the token is sent (required), or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder type(@Nullable AuthTokenType type) {
			this.type = type;
			return this;
		}

		/**
		 * Sets the {@code token}.
		 * @param token the token (required), or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder token(@Nullable String token) {
			this.token = token;
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
		 * @throws IllegalStateException when a required field is missing
		 */
		public ServiceAuth build() {
			if (this.type == null) {
				throw new IllegalStateException("ServiceAuth needs 'type' (type); set it with type(..)");
			}
			if (this.token == null) {
				throw new IllegalStateException("ServiceAuth needs 'token' (token); set it with token(..)");
			}
			return new ServiceAuth(this.type, this.token, this.extra);
		}

	}

}
