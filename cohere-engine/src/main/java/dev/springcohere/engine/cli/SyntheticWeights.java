package dev.springcohere.engine.cli;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import dev.springcohere.engine.model.DType;
import dev.springcohere.engine.model.ModelConfig;
import dev.springcohere.engine.model.ModelWeights;
import dev.springcohere.engine.model.RowGroups;
import dev.springcohere.engine.model.Tensor;
import dev.springcohere.engine.model.QuantizationPlan;
import dev.springcohere.engine.model.WeightMemory;
import dev.springcohere.engine.model.WeightQuantizer;

/**
 * Random bf16 weights of a decoder config's shapes, held off-heap, for benchmarks without
 * a download.
 */
final class SyntheticWeights {

	private static final ValueLayout.OfShort SHORT_LE = ValueLayout.JAVA_SHORT_UNALIGNED
		.withOrder(ByteOrder.LITTLE_ENDIAN);

	private SyntheticWeights() {
	}

	static ModelWeights create(ModelConfig c, long seed) {
		return create(c, seed, QuantizationPlan.NONE);
	}

	/**
	 * Random weights, quantized as {@link WeightQuantizer} would quantize a checkpoint:
	 * the quantized tensors are generated a row at a time straight into their blocks, so
	 * no full-precision copy is ever held.
	 */
	static ModelWeights create(ModelConfig c, long seed, QuantizationPlan quantization) {
		Arena arena = Arena.ofShared();
		try {
			SplittableRandom random = new SplittableRandom(seed);
			Map<String, Tensor> tensors = new LinkedHashMap<>();
			long h = c.hiddenSize();
			long q = (long) c.numAttentionHeads() * c.headDim();
			long kv = (long) c.numKeyValueHeads() * c.headDim();
			long inter = c.intermediateSize();
			add(tensors, arena, random, quantization, "model.embed_tokens.weight", 0.02f, c.vocabSize(), h);
			add(tensors, arena, random, quantization, "model.norm.weight", -1f, h);
			if (!c.tieWordEmbeddings()) {
				add(tensors, arena, random, quantization, "lm_head.weight", 0.02f, c.vocabSize(), h);
			}
			for (int i = 0; i < c.numHiddenLayers(); i++) {
				String p = "model.layers." + i + ".";
				add(tensors, arena, random, quantization, p + "input_layernorm.weight", -1f, h);
				add(tensors, arena, random, quantization, p + "self_attn.q_proj.weight", 0.02f, q, h);
				add(tensors, arena, random, quantization, p + "self_attn.k_proj.weight", 0.02f, kv, h);
				add(tensors, arena, random, quantization, p + "self_attn.v_proj.weight", 0.02f, kv, h);
				add(tensors, arena, random, quantization, p + "self_attn.o_proj.weight", 0.02f, h, q);
				add(tensors, arena, random, quantization, p + "mlp.gate_proj.weight", 0.02f, inter, h);
				add(tensors, arena, random, quantization, p + "mlp.up_proj.weight", 0.02f, inter, h);
				add(tensors, arena, random, quantization, p + "mlp.down_proj.weight", 0.02f, h, inter);
				if (c.useQkNorm()) {
					add(tensors, arena, random, quantization, p + "self_attn.q_norm.weight", -1f, c.numAttentionHeads(),
							c.headDim());
					add(tensors, arena, random, quantization, p + "self_attn.k_norm.weight", -1f, c.numKeyValueHeads(),
							c.headDim());
				}
			}
			return ModelWeights.of(c, tensors, c.eosTokenIds(), arena);
		}
		catch (RuntimeException ex) {
			arena.close();
			throw ex;
		}
	}

	/** A negative scale means "all ones" (norm weights). */
	private static void add(Map<String, Tensor> tensors, Arena arena, SplittableRandom random,
			QuantizationPlan quantization, String name, float scale, long... shape) {
		long n = 1;
		for (long d : shape) {
			n *= d;
		}
		List<Long> dims = Arrays.stream(shape).boxed().toList();
		DType target = WeightQuantizer.targetType(name, DType.BF16, dims, quantization);
		if (target.isQuantized()) {
			tensors.put(name, quantized(arena, random.split(), name, target, scale, dims));
			return;
		}
		MemorySegment seg = WeightMemory.allocate(arena, n * 2);
		for (long i = 0; i < n; i++) {
			float v = scale < 0 ? 1f : (float) ((random.nextDouble() * 2 - 1) * scale);
			seg.setAtIndex(SHORT_LE, i, (short) (Float.floatToRawIntBits(v) >>> 16));
		}
		tensors.put(name, new Tensor(name, DType.BF16, dims, seg));
	}

	private static Tensor quantized(Arena arena, SplittableRandom random, String name, DType target, float scale,
			List<Long> dims) {
		int rows = Math.toIntExact(dims.get(0));
		int cols = Math.toIntExact(dims.get(1));
		MemorySegment seg = WeightMemory.allocate(arena, RowGroups.byteSize(target, rows, cols));
		long seed = random.nextLong();
		IntStream.range(0, rows).parallel().forEach(r -> {
			SplittableRandom rowRandom = new SplittableRandom(seed + r);
			float[] row = new float[cols];
			for (int i = 0; i < cols; i++) {
				row[i] = (float) ((rowRandom.nextDouble() * 2 - 1) * scale);
			}
			WeightQuantizer.quantizeRow(row, target, seg, cols, r);
		});
		return new Tensor(name, target, dims, seg, Tensor.Layout.ROW_GROUPS);
	}

}
