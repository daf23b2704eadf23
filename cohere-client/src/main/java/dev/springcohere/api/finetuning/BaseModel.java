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
 * The base model of a fine-tuned model ({@code BaseModel}).
 *
 * @param name the name of the base model
 * @param version read-only: the version of the base model
 * @param baseType the type of the base model (required)
 * @param strategy deprecated: the fine-tuning strategy
 * @param extra the fields this version does not know: kept from answers, sent with
 * requests (see {@link ApiExtras})
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "name", "version", "base_type", "strategy" })
public record BaseModel(@Nullable String name, @Nullable String version,
		@JsonProperty("base_type") @Nullable BaseType baseType, @Nullable Strategy strategy,
		@JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extra) {

	/**
	 * Copies the collections in.
	 */
	public BaseModel {
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
		builder.version = this.version;
		builder.baseType = this.baseType;
		builder.strategy = this.strategy;
		builder.extra.putAll(this.extra);
		return builder;
	}

	/**
	 * Returns a base model of a type.
	 * @param baseType the type, such as {@link BaseType#CHAT}
	 * @return the base model
	 */
	public static BaseModel of(BaseType baseType) {
		return builder().baseType(baseType).build();
	}

	/**
	 * Builds a {@link BaseModel}.
	 */
	public static final class Builder {

		private @Nullable String name;

		private @Nullable String version;

		private @Nullable BaseType baseType;

		private @Nullable Strategy strategy;

		private final Map<String, @Nullable Object> extra = new LinkedHashMap<>();

		private Builder() {
		}

		/**
		 * Sets the {@code name}.
		 * @param name the name of the base model, or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder name(@Nullable String name) {
			this.name = name;
			return this;
		}

		/**
		 * Sets the {@code version}.
		 * @param version read-only: the version of the base model, or {@code null} to
		 * leave it out
		 * @return this builder
		 */
		public Builder version(@Nullable String version) {
			this.version = version;
			return this;
		}

		/**
		 * Sets the {@code base_type}.
		 * @param baseType the type of the base model (required), or {@code null} to leave
		 * it out
		 * @return this builder
		 */
		public Builder baseType(@Nullable BaseType baseType) {
			this.baseType = baseType;
			return this;
		}

		/**
		 * Sets the {@code strategy}.
		 * @param strategy deprecated: the fine-tuning strategy, or {@code null} to leave
		 * it out
		 * @return this builder
		 */
		public Builder strategy(@Nullable Strategy strategy) {
			this.strategy = strategy;
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
		public BaseModel build() {
			if (this.baseType == null) {
				throw new IllegalStateException("BaseModel needs 'baseType' (base_type); set it with baseType(..)");
			}
			return new BaseModel(this.name, this.version, this.baseType, this.strategy, this.extra);
		}

	}

}
