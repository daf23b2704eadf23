package dev.springcohere.api.datasets;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The type of a dataset, which decides how it is validated. Values this version does not
 * know are kept as they arrived ({@link #isKnown()} tells them apart), never fatal.
 *
 * @param value the wire value
 * @since 0.1.0
 */
public record DatasetType(String value) {

	/** {@code embed-input}. */
	public static final DatasetType EMBED_INPUT = new DatasetType("embed-input");

	/** {@code embed-result}. */
	public static final DatasetType EMBED_RESULT = new DatasetType("embed-result");

	/** {@code cluster-result}. */
	public static final DatasetType CLUSTER_RESULT = new DatasetType("cluster-result");

	/** {@code cluster-outliers}. */
	public static final DatasetType CLUSTER_OUTLIERS = new DatasetType("cluster-outliers");

	/** {@code reranker-finetune-input}. */
	public static final DatasetType RERANKER_FINETUNE_INPUT = new DatasetType("reranker-finetune-input");

	/** {@code single-label-classification-finetune-input}. */
	public static final DatasetType SINGLE_LABEL_CLASSIFICATION_FINETUNE_INPUT = new DatasetType(
			"single-label-classification-finetune-input");

	/** {@code chat-finetune-input}. */
	public static final DatasetType CHAT_FINETUNE_INPUT = new DatasetType("chat-finetune-input");

	/** {@code multi-label-classification-finetune-input}. */
	public static final DatasetType MULTI_LABEL_CLASSIFICATION_FINETUNE_INPUT = new DatasetType(
			"multi-label-classification-finetune-input");

	/** {@code batch-chat-input}. */
	public static final DatasetType BATCH_CHAT_INPUT = new DatasetType("batch-chat-input");

	/** {@code batch-openai-chat-input}. */
	public static final DatasetType BATCH_OPENAI_CHAT_INPUT = new DatasetType("batch-openai-chat-input");

	/** {@code batch-embed-v2-input}. */
	public static final DatasetType BATCH_EMBED_V2_INPUT = new DatasetType("batch-embed-v2-input");

	/** {@code batch-chat-v2-input}. */
	public static final DatasetType BATCH_CHAT_V2_INPUT = new DatasetType("batch-chat-v2-input");

	private static final List<DatasetType> KNOWN = List.of(EMBED_INPUT, EMBED_RESULT, CLUSTER_RESULT, CLUSTER_OUTLIERS,
			RERANKER_FINETUNE_INPUT, SINGLE_LABEL_CLASSIFICATION_FINETUNE_INPUT, CHAT_FINETUNE_INPUT,
			MULTI_LABEL_CLASSIFICATION_FINETUNE_INPUT, BATCH_CHAT_INPUT, BATCH_OPENAI_CHAT_INPUT, BATCH_EMBED_V2_INPUT,
			BATCH_CHAT_V2_INPUT);

	/**
	 * Checks the value.
	 */
	public DatasetType {
		Objects.requireNonNull(value, "'value' must not be null");
		if (value.isBlank()) {
			throw new IllegalArgumentException("A DatasetType must not be blank");
		}
	}

	/**
	 * Returns the constant of a wire value, or a new instance for a value this version
	 * does not know.
	 * @param value the wire value
	 * @return the instance
	 */
	@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
	public static DatasetType of(String value) {
		for (DatasetType known : KNOWN) {
			if (known.value.equals(value)) {
				return known;
			}
		}
		return new DatasetType(value);
	}

	/**
	 * Returns the values this version knows.
	 * @return the known values
	 */
	public static List<DatasetType> knownValues() {
		return KNOWN;
	}

	/**
	 * Tells whether this version knows the value.
	 * @return {@code true} for one of the constants
	 */
	public boolean isKnown() {
		return KNOWN.contains(this);
	}

	@Override
	@JsonValue
	public String value() {
		return this.value;
	}

	@Override
	public String toString() {
		return this.value;
	}

}
