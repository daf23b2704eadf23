package dev.springcohere.engine.backend;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

import dev.springcohere.api.ApiMeta;
import dev.springcohere.api.EmbedContent;
import dev.springcohere.api.EmbedInput;
import dev.springcohere.api.EmbedInputType;
import dev.springcohere.api.EmbedRequest;
import dev.springcohere.api.EmbedResponse;
import dev.springcohere.api.EmbeddingType;
import dev.springcohere.api.Truncate;
import dev.springcohere.engine.encode.EmbeddingEncoder;
import dev.springcohere.engine.tokenizer.HfTokenizer;
import org.jspecify.annotations.Nullable;

/**
 * Answers Cohere {@code /v2/embed} requests with a local text embedding model (BERT or
 * XLM-RoBERTa, such as BGE, MiniLM or E5) run by an {@link EmbeddingEncoder}.
 * <p>
 * What is supported, and how it differs from the Cohere platform:
 * <ul>
 * <li>Inputs: {@code texts}, or {@code inputs} whose parts are all text (the text parts
 * of one input are joined with a line break and embedded as one text). Images, and inputs
 * with image parts, are rejected with an {@link IllegalArgumentException}: these models
 * read text only.</li>
 * <li>{@code input_type} is accepted and has no effect unless a prompt is configured for
 * it ({@link #LocalEmbeddings(EmbeddingEncoder, String, Map)}): BERT-family models embed
 * queries and documents alike, while models such as E5 or BGE expect a prefix (for
 * example {@code "query: "}) that is prepended to every text.</li>
 * <li>Every float vector is L2-normalized (as Cohere's are), whatever the model's own
 * pooling does. The other encodings are derived from that vector. {@code int8} is a
 * symmetric linear quantization per vector: {@code round(127 * x / max|x|)}, so the
 * largest component maps to ±127. Cohere calibrates its int8 encoding on its own data;
 * ours is not calibrated, but keeps the vector's direction, so cosine and dot-product
 * rankings stay close to those of the floats. {@code uint8} is that int8 value plus 128.
 * {@code ubinary} packs the sign bits ({@code 1} for a component above zero), 8 per byte,
 * most significant bit first, the last byte padded with zero bits when the dimension is
 * not a multiple of 8; {@code binary} is that byte minus 128, in [-128, 127] (the offset
 * convention of sentence-transformers' {@code quantize_embeddings}). {@code base64} is
 * the float32 little-endian bytes of the float vector, Base64-encoded (standard alphabet,
 * padded).</li>
 * <li>{@code output_dimension} keeps the first components and renormalizes them
 * (Matryoshka-style truncation, meaningful for models trained that way); it must be
 * between 1 and the model's dimension.</li>
 * <li>{@code truncate}: {@code END} (the default) keeps the first tokens, {@code START}
 * the last ones, {@code NONE} rejects an over-long text. The limit is the model's length
 * less its special tokens, or {@code max_tokens} when that is smaller.</li>
 * <li>{@code meta.billed_units.input_tokens} counts the text tokens the model read (after
 * truncation, a configured prompt included, special tokens left out). {@code texts} are
 * echoed as given ({@code inputs} are not, as on the platform). The request's
 * {@code model} and {@code priority} are not checked: this instance serves one model. The
 * platform's limit of 96 texts per call is not enforced; texts are encoded in batches of
 * similar length.</li>
 * </ul>
 * Thread-safe: it holds no mutable state, and the encoder is thread-safe. The local
 * backend runs its passes through an
 * {@link dev.springcohere.engine.encode.EncoderBatcher}, so that concurrent requests
 * share one encoder pass.
 */
public final class LocalEmbeddings {

	private static final String RESPONSE_TYPE = "embeddings_by_type";

	private static final List<EmbeddingType> SUPPORTED_TYPES = List.of(EmbeddingType.FLOAT, EmbeddingType.INT8,
			EmbeddingType.UINT8, EmbeddingType.BINARY, EmbeddingType.UBINARY, EmbeddingType.BASE64);

	private final EmbeddingEncoder encoder;

	private final HfTokenizer tokenizer;

	private final String modelName;

	private final Map<EmbedInputType, String> prompts;

	private final Function<List<int[]>, List<float[]>> pass;

	/**
	 * Serves an embedding model without prompts ({@code input_type} has no effect).
	 * @param encoder the encoder, with its tokenizer (not closed by this class)
	 * @param modelName the model's name, used in messages
	 * @throws IllegalArgumentException if the encoder has no tokenizer
	 */
	public LocalEmbeddings(EmbeddingEncoder encoder, String modelName) {
		this(encoder, modelName, Map.of());
	}

	/**
	 * Serves an embedding model that expects a prompt (a prefix) per input type, such as
	 * E5's {@code "query: "} and {@code "passage: "}.
	 * @param encoder the encoder, with its tokenizer (not closed by this class)
	 * @param modelName the model's name, used in messages
	 * @param prompts the prefix prepended to texts of each input type; types absent from
	 * the map get none
	 * @throws IllegalArgumentException if the encoder has no tokenizer or the model name
	 * is blank
	 */
	public LocalEmbeddings(EmbeddingEncoder encoder, String modelName, Map<EmbedInputType, String> prompts) {
		this(encoder, modelName, prompts, encoder::embedTokens);
	}

	/**
	 * Serves an embedding model whose passes run elsewhere, such as through an
	 * {@link dev.springcohere.engine.encode.EncoderBatcher} that joins concurrent
	 * requests.
	 * @param encoder the encoder, with its tokenizer (not closed by this class)
	 * @param modelName the model's name, used in messages
	 * @param prompts the prefix prepended to texts of each input type
	 * @param pass embeds token id sequences as {@link EmbeddingEncoder#embedTokens} does
	 */
	LocalEmbeddings(EmbeddingEncoder encoder, String modelName, Map<EmbedInputType, String> prompts,
			Function<List<int[]>, List<float[]>> pass) {
		this.encoder = Objects.requireNonNull(encoder, "'encoder' must not be null");
		this.pass = Objects.requireNonNull(pass, "'pass' must not be null");
		this.modelName = Objects.requireNonNull(modelName, "'modelName' must not be null");
		if (modelName.isBlank()) {
			throw new IllegalArgumentException("'modelName' must not be blank");
		}
		this.prompts = Map.copyOf(Objects.requireNonNull(prompts, "'prompts' must not be null"));
		this.tokenizer = encoder.tokenizer()
			.orElseThrow(() -> new IllegalArgumentException("The embedding model '" + modelName
					+ "' has no tokenizer (no tokenizer.json beside its weights); it cannot embed text"));
	}

	/**
	 * The served model's name.
	 * @return the name
	 */
	public String modelName() {
		return this.modelName;
	}

	/**
	 * Length of the full embeddings (the largest {@code output_dimension}).
	 * @return the dimension
	 */
	public int dimension() {
		return this.encoder.dimension();
	}

	/**
	 * Embeds the texts of a request.
	 * @param request the request
	 * @return the embeddings in every requested encoding ({@code float} when none is
	 * requested), in input order
	 * @throws IllegalArgumentException if the request has images, no input, an unknown
	 * encoding or truncation mode, an {@code output_dimension} out of range, or an
	 * over-long text with {@code truncate} {@code NONE}
	 */
	public EmbedResponse embed(EmbedRequest request) {
		Objects.requireNonNull(request, "'request' must not be null");
		List<String> texts = texts(request);
		List<EmbeddingType> types = types(request.embeddingTypes());
		int dimension = outputDimension(request.outputDimension());
		Truncate truncate = truncate(request.truncate());
		int budget = budget(request.maxTokens());
		String prompt = (request.inputType() != null) ? this.prompts.getOrDefault(request.inputType(), "") : "";
		List<int[]> sequences = new ArrayList<>(texts.size());
		long inputTokens = 0;
		for (int i = 0; i < texts.size(); i++) {
			Fitted fitted = fit(prompt + texts.get(i), i, budget, truncate);
			sequences.add(fitted.ids());
			inputTokens += fitted.contentTokens();
		}
		List<float[]> vectors = this.pass.apply(sequences);
		Encoded encoded = new Encoded(types);
		for (float[] vector : vectors) {
			encoded.add(normalize(Arrays.copyOf(vector, dimension)));
		}
		ApiMeta meta = new ApiMeta(new ApiMeta.ApiVersion("2", null, null),
				new ApiMeta.BilledUnits(null, (double) inputTokens, null, null, null, null, null), null, null, null);
		List<String> echoed = request.texts().isEmpty() ? List.of() : request.texts();
		return new EmbedResponse(UUID.randomUUID().toString(), RESPONSE_TYPE, encoded.build(), echoed, List.of(), meta);
	}

	private List<String> texts(EmbedRequest request) {
		if (!request.images().isEmpty()) {
			throw new IllegalArgumentException("'images' are not supported: the local embedding model '"
					+ this.modelName + "' reads text only; send 'texts' instead");
		}
		if (!request.texts().isEmpty() && !request.inputs().isEmpty()) {
			throw new IllegalArgumentException("Set either 'texts' or 'inputs' in an embed request, not both");
		}
		if (!request.texts().isEmpty()) {
			return request.texts();
		}
		if (request.inputs().isEmpty()) {
			throw new IllegalArgumentException("An embed request needs 'texts' (or text-only 'inputs'); it has none");
		}
		List<String> texts = new ArrayList<>(request.inputs().size());
		for (int i = 0; i < request.inputs().size(); i++) {
			EmbedInput input = request.inputs().get(i);
			List<String> parts = new ArrayList<>(input.content().size());
			for (EmbedContent part : input.content()) {
				if (!(part instanceof EmbedContent.Text text)) {
					throw new IllegalArgumentException("'inputs[" + i + "]' has a '" + part.type().value()
							+ "' part, but the local embedding model '" + this.modelName
							+ "' reads text only; send text parts only");
				}
				parts.add(text.text());
			}
			if (parts.isEmpty()) {
				throw new IllegalArgumentException("'inputs[" + i + "].content' is empty; give it a text part");
			}
			texts.add(String.join("\n", parts));
		}
		return texts;
	}

	private static List<EmbeddingType> types(List<EmbeddingType> requested) {
		if (requested.isEmpty()) {
			return List.of(EmbeddingType.FLOAT);
		}
		for (EmbeddingType type : requested) {
			if (!SUPPORTED_TYPES.contains(type)) {
				throw new IllegalArgumentException("'embedding_types' has the unsupported value '" + type.value()
						+ "'; supported: " + SUPPORTED_TYPES);
			}
		}
		return requested;
	}

	private int outputDimension(@Nullable Integer requested) {
		int full = this.encoder.dimension();
		if (requested == null) {
			return full;
		}
		if (requested < 1 || requested > full) {
			throw new IllegalArgumentException("'output_dimension' must be between 1 and " + full
					+ " (the dimension of the local embedding model '" + this.modelName + "') but was " + requested);
		}
		return requested;
	}

	private static Truncate truncate(@Nullable Truncate requested) {
		if (requested == null) {
			return Truncate.END;
		}
		if (!requested.isKnown()) {
			throw new IllegalArgumentException(
					"'truncate' must be one of " + Truncate.knownValues() + " but was '" + requested.value() + "'");
		}
		return requested;
	}

	private static int budget(@Nullable Integer maxTokens) {
		if (maxTokens == null) {
			return Integer.MAX_VALUE;
		}
		if (maxTokens < 1) {
			throw new IllegalArgumentException("'max_tokens' must be at least 1 but was " + maxTokens);
		}
		return maxTokens;
	}

	/**
	 * Tokenizes one text with its special tokens and fits its content tokens into the
	 * budget.
	 */
	private Fitted fit(String text, int index, int maxTokens, Truncate truncate) {
		Layout layout = layout(text);
		int modelBudget = this.encoder.maxLength() - layout.added();
		if (modelBudget < 1) {
			throw new IllegalStateException("The local embedding model '" + this.modelName + "' reads at most "
					+ this.encoder.maxLength() + " tokens, leaving no room beside its special tokens");
		}
		int budget = Math.min(modelBudget, maxTokens);
		int length = layout.contentLength();
		if (length == 0 && layout.full().length == 0) {
			throw new IllegalArgumentException(
					"Text " + index + " is empty and this tokenizer adds no special tokens;" + " send non-empty text");
		}
		if (length <= budget) {
			return new Fitted(layout.full(), length);
		}
		if (Truncate.NONE.equals(truncate)) {
			throw new IllegalArgumentException("Text " + index + " has " + length + " tokens but the local embedding"
					+ " model '" + this.modelName + "' reads at most " + budget
					+ (budget == maxTokens ? " (the request's 'max_tokens')"
							: " (its length limit less its special tokens)")
					+ " and 'truncate' is NONE; shorten the text or set 'truncate' to END or START");
		}
		int[] full = layout.full();
		int[] kept = new int[layout.added() + budget];
		System.arraycopy(full, 0, kept, 0, layout.prefix());
		int from = layout.prefix() + (Truncate.START.equals(truncate) ? length - budget : 0);
		System.arraycopy(full, from, kept, layout.prefix(), budget);
		System.arraycopy(full, layout.prefix() + length, kept, layout.prefix() + budget,
				layout.added() - layout.prefix());
		return new Fitted(kept, budget);
	}

	private record Fitted(int[] ids, int contentTokens) {

	}

	/**
	 * Where the special tokens sit around the content: the tokenizer's template adds
	 * {@code added} ids, of which {@code prefix} come first (such as {@code [CLS]}) and
	 * the rest last (such as {@code [SEP]}).
	 */
	private Layout layout(String text) {
		int[] full = this.tokenizer.encode(text, true);
		int[] content = this.tokenizer.encode(text, false);
		int added = full.length - content.length;
		if (added >= 0) {
			for (int prefix = 0; prefix <= added; prefix++) {
				if (Arrays.equals(full, prefix, prefix + content.length, content, 0, content.length)) {
					return new Layout(full, prefix, added);
				}
			}
		}
		// a template that changes the content's tokenization: treat leading and trailing
		// special ids as added
		int prefix = 0;
		while (prefix < full.length && this.tokenizer.isSpecial(full[prefix])) {
			prefix++;
		}
		int suffix = 0;
		while (suffix < full.length - prefix && this.tokenizer.isSpecial(full[full.length - 1 - suffix])) {
			suffix++;
		}
		return new Layout(full, prefix, prefix + suffix);
	}

	private record Layout(int[] full, int prefix, int added) {

		int contentLength() {
			return this.full.length - this.added;
		}

	}

	private static float[] normalize(float[] vector) {
		double sum = 0;
		for (float v : vector) {
			sum += (double) v * v;
		}
		if (sum > 0) {
			float scale = (float) (1.0 / Math.sqrt(sum));
			for (int i = 0; i < vector.length; i++) {
				vector[i] *= scale;
			}
		}
		return vector;
	}

	/**
	 * Signed 8-bit symmetric linear quantization of one vector:
	 * {@code round(127 * x / max|x|)}.
	 * @param vector the vector
	 * @return the quantized components, in [-127, 127] (all zero for a zero vector)
	 */
	static int[] int8(float[] vector) {
		float maxAbs = 0;
		for (float v : vector) {
			maxAbs = Math.max(maxAbs, Math.abs(v));
		}
		int[] out = new int[vector.length];
		if (maxAbs == 0) {
			return out;
		}
		for (int i = 0; i < vector.length; i++) {
			out[i] = Math.clamp(Math.round(vector[i] * 127.0 / maxAbs), -128, 127);
		}
		return out;
	}

	/**
	 * The sign bits of a vector ({@code 1} above zero), 8 per byte, most significant bit
	 * first.
	 * @param vector the vector
	 * @return the packed bytes as unsigned values in [0, 255], {@code ceil(length / 8)}
	 * of them
	 */
	static int[] ubinary(float[] vector) {
		int[] out = new int[(vector.length + 7) / 8];
		for (int i = 0; i < vector.length; i++) {
			if (vector[i] > 0) {
				out[i / 8] |= 0x80 >>> (i % 8);
			}
		}
		return out;
	}

	/**
	 * The float32 little-endian bytes of a vector, Base64-encoded.
	 * @param vector the vector
	 * @return the Base64 text
	 */
	static String base64(float[] vector) {
		ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
		bytes.asFloatBuffer().put(vector);
		return Base64.getEncoder().encodeToString(bytes.array());
	}

	private static List<Integer> boxed(int[] values, int offset) {
		List<Integer> out = new ArrayList<>(values.length);
		for (int v : values) {
			out.add(v + offset);
		}
		return out;
	}

	/**
	 * Collects the requested encodings of each vector.
	 */
	private static final class Encoded {

		private final List<EmbeddingType> types;

		private final List<List<Double>> floats = new ArrayList<>();

		private final List<List<Integer>> int8 = new ArrayList<>();

		private final List<List<Integer>> uint8 = new ArrayList<>();

		private final List<List<Integer>> binary = new ArrayList<>();

		private final List<List<Integer>> ubinary = new ArrayList<>();

		private final List<String> base64 = new ArrayList<>();

		Encoded(List<EmbeddingType> types) {
			this.types = types;
		}

		void add(float[] vector) {
			if (this.types.contains(EmbeddingType.FLOAT)) {
				List<Double> values = new ArrayList<>(vector.length);
				for (float v : vector) {
					values.add((double) v);
				}
				this.floats.add(values);
			}
			if (this.types.contains(EmbeddingType.INT8) || this.types.contains(EmbeddingType.UINT8)) {
				int[] q = int8(vector);
				if (this.types.contains(EmbeddingType.INT8)) {
					this.int8.add(boxed(q, 0));
				}
				if (this.types.contains(EmbeddingType.UINT8)) {
					this.uint8.add(boxed(q, 128));
				}
			}
			if (this.types.contains(EmbeddingType.BINARY) || this.types.contains(EmbeddingType.UBINARY)) {
				int[] bits = ubinary(vector);
				if (this.types.contains(EmbeddingType.UBINARY)) {
					this.ubinary.add(boxed(bits, 0));
				}
				if (this.types.contains(EmbeddingType.BINARY)) {
					this.binary.add(boxed(bits, -128));
				}
			}
			if (this.types.contains(EmbeddingType.BASE64)) {
				this.base64.add(LocalEmbeddings.base64(vector));
			}
		}

		EmbedResponse.Embeddings build() {
			return new EmbedResponse.Embeddings(this.floats, this.int8, this.uint8, this.binary, this.ubinary,
					this.base64);
		}

	}

}
