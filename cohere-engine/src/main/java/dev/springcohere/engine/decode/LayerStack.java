package dev.springcohere.engine.decode;

import java.util.List;
import java.util.Objects;

import dev.springcohere.engine.cpu.Kernels;
import dev.springcohere.engine.model.ModelConfig;
import dev.springcohere.engine.model.Tensor;

/**
 * The decoder's layers run over the rows of one forward pass, for a single sequence's
 * {@link DecodeSession} and for the scheduler's batches ({@link CpuDecoderBackend})
 * alike. Per layer: the LayerNorm; q, k, v, gate and up as one job (attention and MLP
 * read the same normed input in Cohere's parallel block); QK-norm where the model has it;
 * the rotary embedding at each row's own position; the keys and values rounded to the KV
 * cache's format; the caller's attention, which also stores them in its cache; SwiGLU;
 * the output and down projections as one job; and both added to the residual. The caller
 * owns the buffers and the cache.
 */
final class LayerStack {

	/** One layer's attention over the pass's rows, given by the owner of the KV cache. */
	@FunctionalInterface
	interface LayerAttention {

		/**
		 * Stores the rows' keys and values (already rounded to the cache's format) and
		 * writes the attention output of every row's query heads.
		 * @param layer the layer
		 * @param sliding whether the layer attends within the sliding window only
		 * @param q the rows' queries
		 * @param k the rows' keys
		 * @param v the rows' values
		 * @param out receives the attention output, {@code heads * headDim} per row
		 */
		void run(int layer, boolean sliding, float[] q, float[] k, float[] v, float[] out);

	}

	private final CohereModel model;

	private final ModelConfig c;

	private final Kernels kernels;

	LayerStack(CohereModel model) {
		this.model = model;
		this.c = model.config();
		this.kernels = model.kernels();
	}

	/**
	 * Copies the embedding of a token into a row of the residual stream.
	 * @param id the token
	 * @param h the residual stream
	 * @param row the row
	 */
	void embed(int id, float[] h, int row) {
		int hidden = this.c.hiddenSize();
		Tensor embed = this.model.embed();
		long base = (long) id * hidden;
		for (int i = 0; i < hidden; i++) {
			h[row * hidden + i] = embed.getFloat(base + i);
		}
	}

	/**
	 * Runs every layer over the {@code t} embedded rows of {@code a.h}, in place.
	 * @param a the buffers, sized for {@code t} rows
	 * @param t the rows
	 * @param positions each row's position in its sequence
	 * @param attention the attention of each layer
	 */
	void run(Activations a, int t, int[] positions, LayerAttention attention) {
		int hidden = this.c.hiddenSize();
		int heads = this.c.numAttentionHeads();
		int kvHeads = this.c.numKeyValueHeads();
		int headDim = this.c.headDim();
		int qDim = heads * headDim;
		int kvDim = kvHeads * headDim;
		float eps = (float) this.c.layerNormEps();
		KvCacheType cacheType = this.model.kvCacheType();
		float[] h = a.h;
		for (int l = 0; l < this.c.numHiddenLayers(); l++) {
			CohereModel.Layer layer = this.model.layer(l);
			this.kernels.layerNorm(h, t, hidden, layer.norm(), null, eps, a.xn);
			this.kernels.matmul(a.xn, t, List.of(layer.q(), layer.k(), layer.v(), layer.gate(), layer.up()),
					List.of(a.q, a.k, a.v, a.gate, a.up));
			if (layer.qNorm() != null) {
				headNorm(a, a.q, t * heads, heads, layer.qNorm(), eps);
				headNorm(a, a.k, t * kvHeads, kvHeads, Objects.requireNonNull(layer.kNorm(), "'kNorm' must be set"),
						eps);
			}
			if (layer.rope()) {
				for (int r = 0; r < t; r++) {
					for (int hd = 0; hd < heads; hd++) {
						this.kernels.ropeInterleaved(a.q, r * qDim + hd * headDim, headDim, positions[r],
								this.c.ropeTheta());
					}
					for (int hd = 0; hd < kvHeads; hd++) {
						this.kernels.ropeInterleaved(a.k, r * kvDim + hd * headDim, headDim, positions[r],
								this.c.ropeTheta());
					}
				}
			}
			cacheType.round(a.k, t * kvDim);
			cacheType.round(a.v, t * kvDim);
			attention.run(l, layer.sliding(), a.q, a.k, a.v, a.attn);
			this.kernels.swiglu(a.gate, a.up, t * this.c.intermediateSize());
			this.kernels.matmulEach(List.of(a.attn, a.gate), t, List.of(layer.o(), layer.down()), List.of(a.o, a.down));
			float[] o = a.o;
			float[] down = a.down;
			for (int i = 0, n = t * hidden; i < n; i++) {
				h[i] += o[i] + down[i];
			}
		}
	}

	/** LayerNorm of each head of {@code rows} head rows, with that head's weights. */
	private void headNorm(Activations a, float[] x, int rows, int heads, float[] weight, float eps) {
		int headDim = this.c.headDim();
		float[] row = a.headRow;
		float[] w = a.headWeight;
		for (int r = 0; r < rows; r++) {
			int head = r % heads;
			System.arraycopy(x, r * headDim, row, 0, headDim);
			System.arraycopy(weight, head * headDim, w, 0, headDim);
			this.kernels.layerNorm(row, 1, headDim, w, null, eps, row);
			System.arraycopy(row, 0, x, r * headDim, headDim);
		}
	}

}
