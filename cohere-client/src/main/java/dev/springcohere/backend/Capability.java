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

	/** {@code models}: the list of available models. */
	MODELS("models"),

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
