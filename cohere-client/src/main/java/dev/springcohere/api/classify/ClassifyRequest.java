package dev.springcohere.api.classify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

import dev.springcohere.api.ApiExtras;
import dev.springcohere.api.Truncate;

/**
 * A classify request: up to 96 inputs, classified by {@code examples} (at least two per
 * label) or by a fine-tuned classifier given as {@code model}.
 *
 * @param inputs the texts to classify (required)
 * @param examples labelled examples
 * @param model the model, such as a fine-tuned classifier's id
 * @param preset the id of a preset from the playground
 * @param truncate how to truncate inputs too long
 * @param extra the fields this version does not know: kept from answers, sent with
 * requests (see {@link ApiExtras})
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "inputs", "examples", "model", "preset", "truncate" })
public record ClassifyRequest(@JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> inputs,
		@JsonInclude(JsonInclude.Include.NON_EMPTY) List<ClassifyExample> examples, @Nullable String model,
		@Nullable String preset, @Nullable Truncate truncate,
		@JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extra) {

	/**
	 * Copies the collections in.
	 */
	public ClassifyRequest {
		inputs = (inputs != null) ? List.copyOf(inputs) : List.of();
		examples = (examples != null) ? List.copyOf(examples) : List.of();
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
		builder.inputs = new ArrayList<>(this.inputs);
		builder.examples = new ArrayList<>(this.examples);
		builder.model = this.model;
		builder.preset = this.preset;
		builder.truncate = this.truncate;
		builder.extra.putAll(this.extra);
		return builder;
	}

	/**
	 * Builds a {@link ClassifyRequest}.
	 */
	public static final class Builder {

		private List<String> inputs = new ArrayList<>();

		private List<ClassifyExample> examples = new ArrayList<>();

		private @Nullable String model;

		private @Nullable String preset;

		private @Nullable Truncate truncate;

		private final Map<String, @Nullable Object> extra = new LinkedHashMap<>();

		private Builder() {
		}

		/**
		 * Sets the {@code inputs}.
		 * @param inputs the texts to classify (required)
		 * @return this builder
		 */
		public Builder inputs(List<String> inputs) {
			this.inputs = new ArrayList<>(Objects.requireNonNull(inputs, "'inputs' must not be null"));
			return this;
		}

		/**
		 * Sets the {@code examples}.
		 * @param examples labelled examples
		 * @return this builder
		 */
		public Builder examples(List<ClassifyExample> examples) {
			this.examples = new ArrayList<>(Objects.requireNonNull(examples, "'examples' must not be null"));
			return this;
		}

		/**
		 * Sets the {@code model}.
		 * @param model the model, such as a fine-tuned classifier's id, or {@code null}
		 * to leave it out
		 * @return this builder
		 */
		public Builder model(@Nullable String model) {
			this.model = model;
			return this;
		}

		/**
		 * Sets the {@code preset}.
		 * @param preset the id of a preset from the playground, or {@code null} to leave
		 * it out
		 * @return this builder
		 */
		public Builder preset(@Nullable String preset) {
			this.preset = preset;
			return this;
		}

		/**
		 * Sets the {@code truncate}.
		 * @param truncate how to truncate inputs too long, or {@code null} to leave it
		 * out
		 * @return this builder
		 */
		public Builder truncate(@Nullable Truncate truncate) {
			this.truncate = truncate;
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
		public ClassifyRequest build() {
			return new ClassifyRequest(this.inputs, this.examples, this.model, this.preset, this.truncate, this.extra);
		}

	}

}
