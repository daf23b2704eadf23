package dev.springcohere.backend;

/**
 * An operation a {@link CohereBackend} may offer.
 *
 * @since 0.1.0
 */
public enum Capability {

	/** {@code chat}: a complete answer. */
	CHAT("chat"),

	/** {@code chatStream}: an answer streamed as events. */
	CHAT_STREAM("chat-stream"),

	/** {@code embed}: embeddings of texts, images or mixed inputs. */
	EMBED("embed"),

	/** {@code rerank}: documents ordered by relevance to a query. */
	RERANK("rerank"),

	/** {@code tokenize}: text to token ids. */
	TOKENIZE("tokenize"),

	/** {@code detokenize}: token ids to text. */
	DETOKENIZE("detokenize"),

	/** {@code models}: the list of available models and one model's details. */
	MODELS("models"),

	/** {@code classify}: texts classified by examples or a fine-tuned classifier. */
	CLASSIFY("classify"),

	/** {@code fine-tuning}: fine-tuned models, their events and training metrics. */
	FINE_TUNING("fine-tuning"),

	/** {@code datasets}: uploaded datasets (multipart upload), their usage. */
	DATASETS("datasets"),

	/** {@code embed-jobs}: asynchronous embedding of a dataset. */
	EMBED_JOBS("embed-jobs"),

	/** {@code batches}: asynchronous batches of requests. */
	BATCHES("batches"),

	/** {@code connectors}: data-source connectors and their OAuth authorization. */
	CONNECTORS("connectors"),

	/** {@code audio}: speech-to-text transcription. */
	AUDIO("audio"),

	/** {@code checkApiKey}: whether the API key is valid and active. */
	CHECK_API_KEY("check-api-key");

	private final String id;

	Capability(String id) {
		this.id = id;
	}

	/**
	 * Returns the name used in messages and configuration, such as {@code chat-stream}.
	 * @return the capability id
	 */
	public String id() {
		return this.id;
	}

}
