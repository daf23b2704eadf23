package dev.springcohere.backend.platform;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;

import dev.springcohere.api.DetokenizeResponse;
import dev.springcohere.api.TokenizeResponse;

/**
 * One model's tokenizer, run in-process by Hugging Face's tokenizers (through DJL). Only
 * {@link ModelTokenizers} creates it, and only once it knows that the optional library is
 * on the class path, so that this class (the only one that names DJL types) is never
 * loaded without it.
 * <p>
 * Like Cohere's endpoints, tokenizing adds no special tokens, and each token's string is
 * its own decoding.
 */
final class LocalTokenizer implements AutoCloseable {

	private final HuggingFaceTokenizer tokenizer;

	private LocalTokenizer(HuggingFaceTokenizer tokenizer) {
		this.tokenizer = tokenizer;
	}

	static LocalTokenizer load(Path file) throws IOException {
		return new LocalTokenizer(HuggingFaceTokenizer.newInstance(file,
				Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false")));
	}

	TokenizeResponse tokenize(String text) {
		Encoding encoding = this.tokenizer.encode(text, false, false);
		long[] ids = encoding.getIds();
		List<Integer> tokens = new ArrayList<>(ids.length);
		List<String> strings = new ArrayList<>(ids.length);
		for (long id : ids) {
			tokens.add(Math.toIntExact(id));
			strings.add(this.tokenizer.decode(new long[] { id }, false));
		}
		return new TokenizeResponse(tokens, strings, null);
	}

	DetokenizeResponse detokenize(List<Integer> tokens) {
		long[] ids = new long[tokens.size()];
		for (int i = 0; i < ids.length; i++) {
			ids[i] = tokens.get(i);
		}
		return new DetokenizeResponse(this.tokenizer.decode(ids, false), null);
	}

	@Override
	public void close() {
		this.tokenizer.close();
	}

}
