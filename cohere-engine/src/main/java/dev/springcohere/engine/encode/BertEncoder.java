package dev.springcohere.engine.encode;

import java.util.Objects;

import dev.springcohere.engine.cpu.Kernels;
import dev.springcohere.engine.model.ModelConfig;
import dev.springcohere.engine.model.ModelFormatException;
import dev.springcohere.engine.model.ModelType;
import dev.springcohere.engine.model.ModelWeights;
import dev.springcohere.engine.model.Tensor;
import org.jspecify.annotations.Nullable;

/**
 * A BERT ({@code bert}) or XLM-RoBERTa ({@code xlm-roberta}) encoder: word, position and
 * token-type embeddings with LayerNorm, then post-LayerNorm transformer layers
 * (bidirectional self-attention under the attention mask, GELU feed-forward) and an
 * optional pooler ({@code tanh(dense(CLS))}). All activations are float32; weights are
 * read as bf16, f16 or f32.
 * <p>
 * Position ids follow transformers: {@code 0..seq-1} for BERT; for XLM-RoBERTa they count
 * only the non-padding tokens and start at {@code pad_token_id + 1}, padding tokens
 * getting {@code pad_token_id}. Weight names may carry a {@code bert.} or
 * {@code roberta.} prefix (task heads saved by transformers) or none (bare models); every
 * tensor is checked for presence and shape when the encoder is built.
 * <p>
 * Immutable and thread-safe as long as its {@link Kernels} are.
 */
public final class BertEncoder {

	private static final String[] PREFIXES = { "", "bert.", "roberta." };

	/** The most pieces the activation of a batch is cut into for the kernels' threads. */
	private static final int ACTIVATION_CHUNKS = 64;

	private final ModelWeights weights;

	private final ModelConfig config;

	private final Kernels kernels;

	private final String prefix;

	private final Activation activation;

	private final Tensor wordEmbeddings;

	private final Tensor positionEmbeddings;

	private final Tensor tokenTypeEmbeddings;

	private final float[] embeddingNormWeight;

	private final float[] embeddingNormBias;

	private final Layer[] layers;

	private final @Nullable Linear pooler;

	private final float eps;

	private final int maxPositions;

	record Linear(Tensor weight, float[] bias) {

		static Linear of(ModelWeights weights, String name, long out, long in) {
			return new Linear(weights.expect(name + ".weight", out, in),
					weights.expect(name + ".bias", out).toFloatArray());
		}

		int outDim() {
			return this.bias.length;
		}

		/**
		 * {@code out = x W^T + b} for {@code rows} rows.
		 */
		void apply(Kernels kernels, float[] x, int rows, float[] out) {
			kernels.matmul(x, rows, this.weight, out);
			int n = this.bias.length;
			for (int r = 0; r < rows; r++) {
				int base = r * n;
				for (int i = 0; i < n; i++) {
					out[base + i] += this.bias[i];
				}
			}
		}

	}

	record Norm(float[] weight, float[] bias) {

		static Norm of(ModelWeights weights, String name, long n) {
			return new Norm(weights.expect(name + ".weight", n).toFloatArray(),
					weights.expect(name + ".bias", n).toFloatArray());
		}

	}

	record Layer(Linear query, Linear key, Linear value, Linear attentionOut, Norm attentionNorm, Linear intermediate,
			Linear output, Norm outputNorm) {
	}

	/**
	 * Builds the encoder over loaded weights, validating every tensor it needs.
	 * @param weights a {@code bert} or {@code xlm-roberta} checkpoint
	 * @param kernels the kernels to compute with
	 * @throws ModelFormatException if the model type or activation is unsupported, or a
	 * tensor is missing or shaped differently from what config.json implies (the message
	 * names the tensor)
	 */
	public BertEncoder(ModelWeights weights, Kernels kernels) {
		this.weights = Objects.requireNonNull(weights, "'weights' must not be null");
		this.kernels = Objects.requireNonNull(kernels, "'kernels' must not be null");
		this.config = weights.config();
		ModelConfig c = this.config;
		String source = weights.directory() != null ? String.valueOf(weights.directory()) : "in-memory weights";
		if (c.modelType() != ModelType.BERT && c.modelType() != ModelType.XLM_ROBERTA) {
			throw new ModelFormatException("model_type '" + c.modelType().id() + "' of " + source
					+ " is not an encoder; expected bert or xlm-roberta");
		}
		if (c.maxPositionEmbeddings() <= 0 || c.typeVocabSize() <= 0) {
			throw new ModelFormatException(
					"Encoder config of " + source + " needs positive 'max_position_embeddings' and 'type_vocab_size'");
		}
		if (c.numKeyValueHeads() != c.numAttentionHeads() || c.headDim() * c.numAttentionHeads() != c.hiddenSize()) {
			throw new ModelFormatException("Encoder config of " + source + " must have hidden_size (" + c.hiddenSize()
					+ ") = num_attention_heads (" + c.numAttentionHeads() + ") * head size and no"
					+ " grouped key/value heads");
		}
		if (c.modelType() == ModelType.XLM_ROBERTA
				&& (c.padTokenId() < 0 || c.padTokenId() + 1 >= c.maxPositionEmbeddings())) {
			throw new ModelFormatException("xlm-roberta config of " + source + " has pad_token_id " + c.padTokenId()
					+ " but position ids start at pad_token_id + 1 and must stay below max_position_embeddings "
					+ c.maxPositionEmbeddings());
		}
		this.activation = Activation.fromConfig(c.hiddenAct(), source);
		this.eps = (float) c.layerNormEps();
		this.prefix = detectPrefix(weights);
		long h = c.hiddenSize();
		long inter = c.intermediateSize();
		String e = this.prefix + "embeddings.";
		this.wordEmbeddings = weights.expect(e + "word_embeddings.weight", c.vocabSize(), h);
		this.positionEmbeddings = weights.expect(e + "position_embeddings.weight", c.maxPositionEmbeddings(), h);
		this.tokenTypeEmbeddings = weights.expect(e + "token_type_embeddings.weight", c.typeVocabSize(), h);
		Norm embeddingNorm = Norm.of(weights, e + "LayerNorm", h);
		this.embeddingNormWeight = embeddingNorm.weight();
		this.embeddingNormBias = embeddingNorm.bias();
		this.layers = new Layer[c.numHiddenLayers()];
		for (int i = 0; i < this.layers.length; i++) {
			String p = this.prefix + "encoder.layer." + i + ".";
			this.layers[i] = new Layer(Linear.of(weights, p + "attention.self.query", h, h),
					Linear.of(weights, p + "attention.self.key", h, h),
					Linear.of(weights, p + "attention.self.value", h, h),
					Linear.of(weights, p + "attention.output.dense", h, h),
					Norm.of(weights, p + "attention.output.LayerNorm", h),
					Linear.of(weights, p + "intermediate.dense", inter, h),
					Linear.of(weights, p + "output.dense", h, inter), Norm.of(weights, p + "output.LayerNorm", h));
		}
		boolean hasPooler = weights.find(this.prefix + "pooler.dense.weight") != null;
		this.pooler = hasPooler ? Linear.of(weights, this.prefix + "pooler.dense", h, h) : null;
		this.maxPositions = c.modelType() == ModelType.XLM_ROBERTA ? c.maxPositionEmbeddings() - c.padTokenId() - 1
				: c.maxPositionEmbeddings();
	}

	private static String detectPrefix(ModelWeights weights) {
		for (String candidate : PREFIXES) {
			if (weights.find(candidate + "embeddings.word_embeddings.weight") != null) {
				return candidate;
			}
		}
		String source = weights.directory() != null ? String.valueOf(weights.directory()) : "in-memory weights";
		throw new ModelFormatException("Missing tensor 'embeddings.word_embeddings.weight' in " + source
				+ " (also looked for it under the prefixes 'bert.' and 'roberta.'); is this a BERT/XLM-RoBERTa checkpoint?");
	}

	/**
	 * The architecture.
	 * @return the config
	 */
	public ModelConfig config() {
		return this.config;
	}

	/**
	 * The weights.
	 * @return the checkpoint
	 */
	public ModelWeights weights() {
		return this.weights;
	}

	/**
	 * The prefix of the encoder's tensor names: {@code ""}, {@code "bert."} or
	 * {@code "roberta."}.
	 * @return the prefix
	 */
	public String weightPrefix() {
		return this.prefix;
	}

	/**
	 * Whether the checkpoint has a pooler, so outputs carry a
	 * {@link EncoderOutput#poolerOutput()}.
	 * @return true when pooler weights are present
	 */
	public boolean hasPooler() {
		return this.pooler != null;
	}

	/**
	 * The longest sequence (in tokens, special tokens included) the position embeddings
	 * cover: {@code max_position_embeddings}, less {@code pad_token_id + 1} for
	 * XLM-RoBERTa.
	 * @return the maximum sequence length
	 */
	public int maxSequenceLength() {
		return this.maxPositions;
	}

	/**
	 * Runs the encoder over a batch.
	 * @param batch the padded batch
	 * @return the last hidden state and, when the model has a pooler, the pooler output
	 * @throws IllegalArgumentException if a token id or token type id is out of range, or
	 * a sequence is longer than {@link #maxSequenceLength()}
	 */
	public EncoderOutput encode(EncoderBatch batch) {
		Objects.requireNonNull(batch, "'batch' must not be null");
		ModelConfig c = this.config;
		int rows = batch.batchSize() * batch.seqLen();
		int h = c.hiddenSize();
		float[] x = embed(batch);
		float[] q = new float[rows * h];
		float[] k = new float[rows * h];
		float[] v = new float[rows * h];
		float[] context = new float[rows * h];
		float[] projected = new float[rows * h];
		float[] inter = new float[rows * c.intermediateSize()];
		for (Layer layer : this.layers) {
			layer.query().apply(this.kernels, x, rows, q);
			layer.key().apply(this.kernels, x, rows, k);
			layer.value().apply(this.kernels, x, rows, v);
			attention(batch, q, k, v, context);
			layer.attentionOut().apply(this.kernels, context, rows, projected);
			addInto(projected, x, rows * h);
			this.kernels.layerNorm(x, rows, h, layer.attentionNorm().weight(), layer.attentionNorm().bias(), this.eps,
					x);
			layer.intermediate().apply(this.kernels, x, rows, inter);
			activate(inter, rows, c.intermediateSize());
			layer.output().apply(this.kernels, inter, rows, projected);
			addInto(projected, x, rows * h);
			this.kernels.layerNorm(x, rows, h, layer.outputNorm().weight(), layer.outputNorm().bias(), this.eps, x);
		}
		float[] pooled = null;
		if (this.pooler != null) {
			float[] cls = new float[batch.batchSize() * h];
			for (int b = 0; b < batch.batchSize(); b++) {
				System.arraycopy(x, b * batch.seqLen() * h, cls, b * h, h);
			}
			pooled = new float[batch.batchSize() * h];
			this.pooler.apply(this.kernels, cls, batch.batchSize(), pooled);
			tanh(pooled);
		}
		return new EncoderOutput(batch, h, x, pooled);
	}

	private float[] embed(EncoderBatch batch) {
		ModelConfig c = this.config;
		int h = c.hiddenSize();
		int seq = batch.seqLen();
		boolean roberta = c.modelType() == ModelType.XLM_ROBERTA;
		float[] x = new float[batch.batchSize() * seq * h];
		for (int b = 0; b < batch.batchSize(); b++) {
			int nonPad = 0;
			for (int t = 0; t < seq; t++) {
				int id = batch.id(b, t);
				if (id < 0 || id >= c.vocabSize()) {
					throw new IllegalArgumentException("Token id " + id + " at [" + b + "][" + t
							+ "] is outside the vocabulary of " + c.vocabSize() + " tokens");
				}
				int type = batch.typeId(b, t);
				if (type < 0 || type >= c.typeVocabSize()) {
					throw new IllegalArgumentException("Token type id " + type + " at [" + b + "][" + t
							+ "] is outside type_vocab_size " + c.typeVocabSize());
				}
				int position;
				if (roberta) {
					if (id != c.padTokenId()) {
						nonPad++;
						position = c.padTokenId() + nonPad;
					}
					else {
						position = c.padTokenId();
					}
				}
				else {
					position = t;
				}
				if (position >= c.maxPositionEmbeddings()) {
					throw new IllegalArgumentException("Sequence " + b + " is longer than the " + this.maxPositions
							+ " tokens this model supports (max_position_embeddings " + c.maxPositionEmbeddings()
							+ "); truncate it");
				}
				int base = (b * seq + t) * h;
				for (int i = 0; i < h; i++) {
					x[base + i] = this.wordEmbeddings.getFloat((long) id * h + i)
							+ this.tokenTypeEmbeddings.getFloat((long) type * h + i)
							+ this.positionEmbeddings.getFloat((long) position * h + i);
				}
			}
		}
		this.kernels.layerNorm(x, batch.batchSize() * seq, h, this.embeddingNormWeight, this.embeddingNormBias,
				this.eps, x);
		return x;
	}

	/**
	 * The activation over {@code rows} rows of {@code width} values, the rows split among
	 * the kernels' threads (a joint batch of many sequences would otherwise spend long on
	 * one thread).
	 */
	private void activate(float[] x, int rows, int width) {
		int chunks = Math.min(rows, ACTIVATION_CHUNKS);
		this.kernels.parallelFor(chunks, (chunk) -> {
			int from = (int) ((long) rows * chunk / chunks) * width;
			int to = (int) ((long) rows * (chunk + 1) / chunks) * width;
			this.activation.apply(x, from, to);
		});
	}

	/**
	 * Self-attention of every sequence and head of the batch; the (sequence, head) pairs
	 * write disjoint parts of {@code out} and run on the kernels' threads.
	 */
	private void attention(EncoderBatch batch, float[] q, float[] k, float[] v, float[] out) {
		int seq = batch.seqLen();
		int h = this.config.hiddenSize();
		int heads = this.config.numAttentionHeads();
		int d = this.config.headDim();
		float scale = (float) (1.0 / Math.sqrt(d));
		java.util.Arrays.fill(out, 0f);
		this.kernels.parallelFor(batch.batchSize() * heads, (pair) -> {
			int b = pair / heads;
			int head = pair % heads;
			float[] scores = new float[seq];
			for (int t = 0; t < seq; t++) {
				int qOffset = (b * seq + t) * h + head * d;
				for (int j = 0; j < seq; j++) {
					scores[j] = batch.attended(b, j)
							? this.kernels.dot(q, qOffset, k, (b * seq + j) * h + head * d, d) * scale
							: Float.NEGATIVE_INFINITY;
				}
				this.kernels.softmax(scores, 0, seq);
				for (int j = 0; j < seq; j++) {
					float p = scores[j];
					if (p == 0f) {
						continue;
					}
					int vOffset = (b * seq + j) * h + head * d;
					for (int i = 0; i < d; i++) {
						out[qOffset + i] += p * v[vOffset + i];
					}
				}
			}
		});
	}

	private static void addInto(float[] from, float[] into, int n) {
		for (int i = 0; i < n; i++) {
			into[i] += from[i];
		}
	}

	static void tanh(float[] x) {
		for (int i = 0; i < x.length; i++) {
			x[i] = (float) Math.tanh(x[i]);
		}
	}

	Kernels kernels() {
		return this.kernels;
	}

}
