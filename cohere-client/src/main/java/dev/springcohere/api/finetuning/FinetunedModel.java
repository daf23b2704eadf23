package dev.springcohere.api.finetuning;

import java.time.Instant;
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
 * A fine-tuned model ({@code FinetunedModel}): what to create (name and settings), and
 * what the API reports (id, status, timestamps). Its {@link #id()} is usable as the
 * {@code model} of chat, embed, rerank and classify requests.
 *
 * @param id read-only: the id (use it as a model name)
 * @param name the name (required to create)
 * @param creatorId read-only: the creator's user id
 * @param organizationId read-only: the organization id
 * @param settings the settings (required to create)
 * @param status read-only: the stage of its life-cycle
 * @param createdAt read-only: when it was created
 * @param updatedAt read-only: when it was last updated
 * @param completedAt read-only: when the fine-tuning completed
 * @param lastUsed read-only, deprecated: when it was last used
 * @param extra the fields this version does not know: kept from answers, sent with
 * requests (see {@link ApiExtras})
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "id", "name", "creator_id", "organization_id", "settings", "status", "created_at", "updated_at",
		"completed_at", "last_used" })
public record FinetunedModel(@Nullable String id, @Nullable String name,
		@JsonProperty("creator_id") @Nullable String creatorId,
		@JsonProperty("organization_id") @Nullable String organizationId, @Nullable Settings settings,
		@Nullable Status status, @JsonProperty("created_at") @Nullable Instant createdAt,
		@JsonProperty("updated_at") @Nullable Instant updatedAt,
		@JsonProperty("completed_at") @Nullable Instant completedAt,
		@JsonProperty("last_used") @Nullable Instant lastUsed,
		@JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extra) {

	/**
	 * Copies the collections in.
	 */
	public FinetunedModel {
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
		builder.id = this.id;
		builder.name = this.name;
		builder.creatorId = this.creatorId;
		builder.organizationId = this.organizationId;
		builder.settings = this.settings;
		builder.status = this.status;
		builder.createdAt = this.createdAt;
		builder.updatedAt = this.updatedAt;
		builder.completedAt = this.completedAt;
		builder.lastUsed = this.lastUsed;
		builder.extra.putAll(this.extra);
		return builder;
	}

	/**
	 * Builds a {@link FinetunedModel}.
	 */
	public static final class Builder {

		private @Nullable String id;

		private @Nullable String name;

		private @Nullable String creatorId;

		private @Nullable String organizationId;

		private @Nullable Settings settings;

		private @Nullable Status status;

		private @Nullable Instant createdAt;

		private @Nullable Instant updatedAt;

		private @Nullable Instant completedAt;

		private @Nullable Instant lastUsed;

		private final Map<String, @Nullable Object> extra = new LinkedHashMap<>();

		private Builder() {
		}

		/**
		 * Sets the {@code id}.
		 * @param id read-only: the id (use it as a model name), or {@code null} to leave
		 * it out
		 * @return this builder
		 */
		public Builder id(@Nullable String id) {
			this.id = id;
			return this;
		}

		/**
		 * Sets the {@code name}.
		 * @param name the name (required to create), or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder name(@Nullable String name) {
			this.name = name;
			return this;
		}

		/**
		 * Sets the {@code creator_id}.
		 * @param creatorId read-only: the creator's user id, or {@code null} to leave it
		 * out
		 * @return this builder
		 */
		public Builder creatorId(@Nullable String creatorId) {
			this.creatorId = creatorId;
			return this;
		}

		/**
		 * Sets the {@code organization_id}.
		 * @param organizationId read-only: the organization id, or {@code null} to leave
		 * it out
		 * @return this builder
		 */
		public Builder organizationId(@Nullable String organizationId) {
			this.organizationId = organizationId;
			return this;
		}

		/**
		 * Sets the {@code settings}.
		 * @param settings the settings (required to create), or {@code null} to leave it
		 * out
		 * @return this builder
		 */
		public Builder settings(@Nullable Settings settings) {
			this.settings = settings;
			return this;
		}

		/**
		 * Sets the {@code status}.
		 * @param status read-only: the stage of its life-cycle, or {@code null} to leave
		 * it out
		 * @return this builder
		 */
		public Builder status(@Nullable Status status) {
			this.status = status;
			return this;
		}

		/**
		 * Sets the {@code created_at}.
		 * @param createdAt read-only: when it was created, or {@code null} to leave it
		 * out
		 * @return this builder
		 */
		public Builder createdAt(@Nullable Instant createdAt) {
			this.createdAt = createdAt;
			return this;
		}

		/**
		 * Sets the {@code updated_at}.
		 * @param updatedAt read-only: when it was last updated, or {@code null} to leave
		 * it out
		 * @return this builder
		 */
		public Builder updatedAt(@Nullable Instant updatedAt) {
			this.updatedAt = updatedAt;
			return this;
		}

		/**
		 * Sets the {@code completed_at}.
		 * @param completedAt read-only: when the fine-tuning completed, or {@code null}
		 * to leave it out
		 * @return this builder
		 */
		public Builder completedAt(@Nullable Instant completedAt) {
			this.completedAt = completedAt;
			return this;
		}

		/**
		 * Sets the {@code last_used}.
		 * @param lastUsed read-only, deprecated: when it was last used, or {@code null}
		 * to leave it out
		 * @return this builder
		 */
		public Builder lastUsed(@Nullable Instant lastUsed) {
			this.lastUsed = lastUsed;
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
		public FinetunedModel build() {
			return new FinetunedModel(this.id, this.name, this.creatorId, this.organizationId, this.settings,
					this.status, this.createdAt, this.updatedAt, this.completedAt, this.lastUsed, this.extra);
		}

	}

}
