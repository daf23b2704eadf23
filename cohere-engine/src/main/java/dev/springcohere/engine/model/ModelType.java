package dev.springcohere.engine.model;

/**
 * Model architectures ({@code model_type} in {@code config.json}) the engine knows.
 */
public enum ModelType {

	/** Command R / R+ / Aya Expanse decoder. */
	COHERE("cohere"),
	/** Command R7B / Command A decoder with interleaved sliding-window layers. */
	COHERE2("cohere2"),
	/** BERT encoder (embedding models). */
	BERT("bert"),
	/** XLM-RoBERTa encoder (cross-encoder rerankers, multilingual embedders). */
	XLM_ROBERTA("xlm-roberta");

	private final String id;

	ModelType(String id) {
		this.id = id;
	}

	/**
	 * Returns the {@code model_type} string.
	 * @return the id as written in config.json
	 */
	public String id() {
		return this.id;
	}

	/**
	 * Whether this is a causal decoder (Cohere family).
	 * @return true for cohere and cohere2
	 */
	public boolean isDecoder() {
		return this == COHERE || this == COHERE2;
	}

	/**
	 * Looks up a model type by its id.
	 * @param id the {@code model_type} value
	 * @param source where it came from, for the error message
	 * @return the model type
	 * @throws ModelFormatException if the type is not supported
	 */
	public static ModelType fromId(String id, String source) {
		for (ModelType type : values()) {
			if (type.id.equals(id)) {
				return type;
			}
		}
		throw new ModelFormatException("Unsupported model_type '" + id + "' in " + source
				+ ": supported are cohere, cohere2, bert, xlm-roberta");
	}

}
