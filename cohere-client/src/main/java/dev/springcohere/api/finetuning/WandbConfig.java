package dev.springcohere.api.finetuning;

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
 * The Weights & Biases configuration of a chat fine-tuning ({@code WandbConfig});
 * {@code toString()} masks the key.
 *
 * @param project the project name (required)
 * @param apiKey the Weights & Biases API key (required)
 * @param entity the entity name
 * @param extra the fields this version does not know: kept from answers, sent with
 * requests (see {@link ApiExtras})
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "project", "api_key", "entity" })
public record WandbConfig(@Nullable String project, @JsonProperty("api_key") @Nullable String apiKey,
		@Nullable String entity, @JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extra) {

	/**
	 * Copies the collections in.
	 */
	public WandbConfig {
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
		builder.project = this.project;
		builder.apiKey = this.apiKey;
		builder.entity = this.entity;
		builder.extra.putAll(this.extra);
		return builder;
	}

	@Override
	public String toString() {
		return "WandbConfig[" + "project=" + this.project + ", " + "apiKey=" + ((this.apiKey != null) ? "****" : null)
				+ ", " + "entity=" + this.entity + ", extra=" + this.extra.keySet() + "]";
	}

	/**
	 * Builds a {@link WandbConfig}.
	 */
	public static final class Builder {

		private @Nullable String project;

		private @Nullable String apiKey;

		private @Nullable String entity;

		private final Map<String, @Nullable Object> extra = new LinkedHashMap<>();

		private Builder() {
		}

		/**
		 * Sets the {@code project}.
		 * @param project the project name (required), or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder project(@Nullable String project) {
			this.project = project;
			return this;
		}

		/**
		 * Sets the {@code api_key}.
		 * @param apiKey the Weights & Biases API key (required), or {@code null} to leave
		 * it out
		 * @return this builder
		 */
		public Builder apiKey(@Nullable String apiKey) {
			this.apiKey = apiKey;
			return this;
		}

		/**
		 * Sets the {@code entity}.
		 * @param entity the entity name, or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder entity(@Nullable String entity) {
			this.entity = entity;
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
		public WandbConfig build() {
			if (this.project == null) {
				throw new IllegalStateException("WandbConfig needs 'project' (project); set it with project(..)");
			}
			if (this.apiKey == null) {
				throw new IllegalStateException("WandbConfig needs 'apiKey' (api_key); set it with apiKey(..)");
			}
			return new WandbConfig(this.project, this.apiKey, this.entity, this.extra);
		}

	}

}
