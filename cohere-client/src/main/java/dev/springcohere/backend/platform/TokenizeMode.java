package dev.springcohere.backend.platform;

/**
 * Where the {@code platform} and {@code private} backends tokenize and detokenize
 * (setting {@code tokenize.offline}).
 *
 * @since 0.1.0
 */
public enum TokenizeMode {

	/**
	 * Locally with the model's tokenizer when possible (the optional
	 * {@code ai.djl.huggingface:tokenizers} library is present, the model has a
	 * {@code tokenizer_url} and its download works), else through the
	 * {@code /v1/tokenize} and {@code /v1/detokenize} endpoints.
	 */
	AUTO,

	/** Locally with the model's tokenizer, or fail saying why not. */
	ALWAYS,

	/** Always through the {@code /v1/tokenize} and {@code /v1/detokenize} endpoints. */
	NEVER

}
