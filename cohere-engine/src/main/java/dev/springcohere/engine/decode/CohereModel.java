package dev.springcohere.engine.decode;

import java.util.Objects;

import dev.springcohere.engine.cpu.Kernels;
import dev.springcohere.engine.model.LayerType;
import dev.springcohere.engine.model.ModelConfig;
import dev.springcohere.engine.model.ModelFormatException;
import dev.springcohere.engine.model.ModelWeights;
import dev.springcohere.engine.model.Tensor;
import org.jspecify.annotations.Nullable;

/**
 * A loaded Cohere ({@code cohere}) or Cohere2 ({@code cohere2}) decoder. Immutable and
 * shareable: every {@link DecodeSession} owns its KV cache, so several sessions may run
 * on one model.
 */
public final class CohereModel {

	private final ModelWeights weights;

	private final ModelConfig config;

	private final Kernels kernels;

	private final Layer[] layers;

	private final float[] finalNorm;

	private final Tensor embed;

	private final Tensor lmHead;

	private final KvCacheType kvCacheType;

	record Layer(float[] norm, Tensor q, Tensor k, Tensor v, Tensor o, Tensor gate, Tensor up, Tensor down,
			float @Nullable [] qNorm, float @Nullable [] kNorm, boolean sliding, boolean rope) {
	}

	/**
	 * Builds the decoder over loaded weights, its sessions keeping their KV cache in the
	 * {@link KvCacheType#DEFAULT default type}.
	 * @param weights the checkpoint (must be cohere or cohere2)
	 * @param kernels the kernels to compute with
	 */
	public CohereModel(ModelWeights weights, Kernels kernels) {
		this(weights, kernels, KvCacheType.DEFAULT);
	}

	/**
	 * Builds the decoder over loaded weights.
	 * @param weights the checkpoint (must be cohere or cohere2)
	 * @param kernels the kernels to compute with
	 * @param kvCacheType the number format of its sessions' KV caches
	 */
	public CohereModel(ModelWeights weights, Kernels kernels, KvCacheType kvCacheType) {
		this.kvCacheType = Objects.requireNonNull(kvCacheType, "'kvCacheType' must not be null");
		this.weights = Objects.requireNonNull(weights, "'weights' must not be null");
		this.kernels = Objects.requireNonNull(kernels, "'kernels' must not be null");
		this.config = weights.config();
		if (!this.config.modelType().isDecoder()) {
			throw new ModelFormatException("model_type '" + this.config.modelType().id()
					+ "' is not a Cohere decoder; expected cohere or cohere2");
		}
		this.layers = new Layer[this.config.numHiddenLayers()];
		for (int i = 0; i < this.layers.length; i++) {
			String p = "model.layers." + i + ".";
			Tensor qn = this.config.useQkNorm() ? weights.tensor(p + "self_attn.q_norm.weight") : null;
			Tensor kn = this.config.useQkNorm() ? weights.tensor(p + "self_attn.k_norm.weight") : null;
			this.layers[i] = new Layer(weights.tensor(p + "input_layernorm.weight").toFloatArray(),
					weights.tensor(p + "self_attn.q_proj.weight"), weights.tensor(p + "self_attn.k_proj.weight"),
					weights.tensor(p + "self_attn.v_proj.weight"), weights.tensor(p + "self_attn.o_proj.weight"),
					weights.tensor(p + "mlp.gate_proj.weight"), weights.tensor(p + "mlp.up_proj.weight"),
					weights.tensor(p + "mlp.down_proj.weight"), qn == null ? null : qn.toFloatArray(),
					kn == null ? null : kn.toFloatArray(),
					this.config.layerTypes().get(i) == LayerType.SLIDING_ATTENTION, this.config.usesRope(i));
		}
		this.finalNorm = weights.tensor("model.norm.weight").toFloatArray();
		this.embed = weights.tensor("model.embed_tokens.weight");
		this.lmHead = this.config.tieWordEmbeddings() ? this.embed : weights.tensor("lm_head.weight");
	}

	/**
	 * The architecture.
	 * @return the config
	 */
	public ModelConfig config() {
		return this.config;
	}

	/**
	 * The number format of the sessions' KV caches.
	 * @return the KV cache type
	 */
	public KvCacheType kvCacheType() {
		return this.kvCacheType;
	}

	/**
	 * The weights.
	 * @return the checkpoint
	 */
	public ModelWeights weights() {
		return this.weights;
	}

	/**
	 * Starts a new sequence with an empty KV cache, limited to the model's
	 * {@link #maxContext() context length}.
	 * @return the session
	 */
	public DecodeSession newSession() {
		return new DecodeSession(this, maxContext());
	}

	/**
	 * Starts a new sequence with an empty KV cache holding at most {@code maxContext}
	 * tokens.
	 * @param maxContext the most tokens (prompt and generated) the session accepts, at
	 * least 1 and at most {@link #maxContext()}
	 * @return the session
	 * @throws IllegalArgumentException if {@code maxContext} is out of range
	 */
	public DecodeSession newSession(int maxContext) {
		return new DecodeSession(this, checkContext(maxContext));
	}

	/**
	 * The longest sequence the model supports: {@code max_position_embeddings} of its
	 * config, or {@link Integer#MAX_VALUE} when the config does not give one.
	 * @return the context length in tokens
	 */
	public int maxContext() {
		int max = this.config.maxPositionEmbeddings();
		return max > 0 ? max : Integer.MAX_VALUE;
	}

	/**
	 * Like {@link #newSession(int)}, feeding prompts in chunks of at most {@code chunk}
	 * tokens (tests).
	 */
	DecodeSession newSession(int maxContext, int chunk) {
		return new DecodeSession(this, checkContext(maxContext), chunk);
	}

	private int checkContext(int maxContext) {
		if (maxContext < 1 || maxContext > maxContext()) {
			throw new IllegalArgumentException("Context limit " + maxContext + " must be between 1 and the model's "
					+ "max_position_embeddings (" + maxContext() + ")");
		}
		return maxContext;
	}

	Kernels kernels() {
		return this.kernels;
	}

	Layer layer(int i) {
		return this.layers[i];
	}

	float[] finalNorm() {
		return this.finalNorm;
	}

	Tensor embed() {
		return this.embed;
	}

	Tensor lmHead() {
		return this.lmHead;
	}

}
