package dev.springcohere.api.datasets;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.springcohere.api.UploadFile;

/**
 * A dataset to upload ({@code POST /v1/datasets}): its name and type, the file (streamed,
 * never loaded whole) and an optional evaluation file, and the parsing options. The
 * options travel as query parameters, the files as {@code multipart/form-data} parts
 * {@code data} and {@code eval_data}.
 *
 * @since 0.1.0
 */
public final class DatasetUpload {

	private final String name;

	private final DatasetType type;

	private final UploadFile data;

	private final @Nullable UploadFile evalData;

	private final Map<String, @Nullable Object> query;

	private DatasetUpload(Builder builder) {
		this.name = Objects.requireNonNull(builder.name, "DatasetUpload needs a name; set it with name(..)");
		this.type = Objects.requireNonNull(builder.type, "DatasetUpload needs a type; set it with type(..)");
		this.data = Objects.requireNonNull(builder.data, "DatasetUpload needs a file; set it with data(..)");
		this.evalData = builder.evalData;
		Map<String, @Nullable Object> query = new LinkedHashMap<>();
		query.put("name", this.name);
		query.put("type", this.type.value());
		query.put("keep_original_file", builder.keepOriginalFile);
		query.put("skip_malformed_input", builder.skipMalformedInput);
		query.put("keep_fields", builder.keepFields.isEmpty() ? null : List.copyOf(builder.keepFields));
		query.put("optional_fields", builder.optionalFields.isEmpty() ? null : List.copyOf(builder.optionalFields));
		query.put("text_separator", builder.textSeparator);
		query.put("csv_delimiter", builder.csvDelimiter);
		query.putAll(builder.extra);
		this.query = java.util.Collections.unmodifiableMap(query);
	}

	/**
	 * Starts a builder.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Returns the dataset name.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Returns the dataset type.
	 * @return the type
	 */
	public DatasetType type() {
		return this.type;
	}

	/**
	 * Returns the file to upload as {@code data}.
	 * @return the file
	 */
	public UploadFile data() {
		return this.data;
	}

	/**
	 * Returns the evaluation file to upload as {@code eval_data}.
	 * @return the file, or {@code null}
	 */
	public @Nullable UploadFile evalData() {
		return this.evalData;
	}

	/**
	 * Returns the query parameters by wire name, {@code null} for unset ones; a list
	 * value is sent as one parameter per element.
	 * @return the parameters
	 */
	public Map<String, @Nullable Object> queryParameters() {
		return this.query;
	}

	@Override
	public String toString() {
		return "DatasetUpload[name=" + this.name + ", type=" + this.type + ", data=" + this.data + ", evalData="
				+ this.evalData + "]";
	}

	/**
	 * Builds a {@link DatasetUpload}.
	 */
	public static final class Builder {

		private @Nullable String name;

		private @Nullable DatasetType type;

		private @Nullable UploadFile data;

		private @Nullable UploadFile evalData;

		private @Nullable Boolean keepOriginalFile;

		private @Nullable Boolean skipMalformedInput;

		private final List<String> keepFields = new ArrayList<>();

		private final List<String> optionalFields = new ArrayList<>();

		private @Nullable String textSeparator;

		private @Nullable String csvDelimiter;

		private final Map<String, @Nullable Object> extra = new LinkedHashMap<>();

		private Builder() {
		}

		/**
		 * Sets the dataset name (required).
		 * @param name the name
		 * @return this builder
		 */
		public Builder name(String name) {
			this.name = Objects.requireNonNull(name, "'name' must not be null");
			return this;
		}

		/**
		 * Sets the dataset type (required), which decides how the file is validated.
		 * @param type the type, such as {@link DatasetType#EMBED_INPUT}
		 * @return this builder
		 */
		public Builder type(DatasetType type) {
			this.type = Objects.requireNonNull(type, "'type' must not be null");
			return this;
		}

		/**
		 * Sets the file to upload (required).
		 * @param data the file
		 * @return this builder
		 */
		public Builder data(UploadFile data) {
			this.data = Objects.requireNonNull(data, "'data' must not be null");
			return this;
		}

		/**
		 * Sets an evaluation file to upload.
		 * @param evalData the file, or {@code null} for none
		 * @return this builder
		 */
		public Builder evalData(@Nullable UploadFile evalData) {
			this.evalData = evalData;
			return this;
		}

		/**
		 * Sets whether the original file is stored.
		 * @param keepOriginalFile the flag, or {@code null} for the server default
		 * @return this builder
		 */
		public Builder keepOriginalFile(@Nullable Boolean keepOriginalFile) {
			this.keepOriginalFile = keepOriginalFile;
			return this;
		}

		/**
		 * Sets whether malformed rows are dropped (reported in the validation warnings)
		 * instead of failing the validation.
		 * @param skipMalformedInput the flag, or {@code null} for the server default
		 * @return this builder
		 */
		public Builder skipMalformedInput(@Nullable Boolean skipMalformedInput) {
			this.skipMalformedInput = skipMalformedInput;
			return this;
		}

		/**
		 * Sets fields to keep besides the required ones; the validation fails if one is
		 * missing.
		 * @param keepFields the field names
		 * @return this builder
		 */
		public Builder keepFields(List<String> keepFields) {
			this.keepFields.clear();
			this.keepFields.addAll(keepFields);
			return this;
		}

		/**
		 * Sets fields to keep besides the required ones when present.
		 * @param optionalFields the field names
		 * @return this builder
		 */
		public Builder optionalFields(List<String> optionalFields) {
			this.optionalFields.clear();
			this.optionalFields.addAll(optionalFields);
			return this;
		}

		/**
		 * Sets the separator that splits a {@code .txt} upload into rows.
		 * @param textSeparator the separator, or {@code null}
		 * @return this builder
		 */
		public Builder textSeparator(@Nullable String textSeparator) {
			this.textSeparator = textSeparator;
			return this;
		}

		/**
		 * Sets the delimiter of a {@code .csv} upload.
		 * @param csvDelimiter the delimiter, or {@code null}
		 * @return this builder
		 */
		public Builder csvDelimiter(@Nullable String csvDelimiter) {
			this.csvDelimiter = csvDelimiter;
			return this;
		}

		/**
		 * Adds a query parameter this version does not know.
		 * @param name the wire name
		 * @param value the value (a {@link List} for a repeated parameter)
		 * @return this builder
		 */
		public Builder extra(String name, @Nullable Object value) {
			this.extra.put(Objects.requireNonNull(name, "'name' must not be null"), value);
			return this;
		}

		/**
		 * Builds the upload.
		 * @return the upload
		 * @throws NullPointerException when the name, type or file is missing
		 */
		public DatasetUpload build() {
			return new DatasetUpload(this);
		}

	}

}
