package dev.springcohere.engine.decode;

import java.util.Arrays;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The keys and values of one sequence, per layer, in a {@link KvCacheType}: for sliding
 * layers a ring of up to {@code sliding_window} slots, for full-attention layers up to
 * the context limit; both grow on demand. One slot holds the {@code kvDim} keys (or
 * values) of one position, KV head after KV head.
 */
final class KvCache {

	/** The largest Java array the cache uses. */
	private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

	private final KvCacheType type;

	private final int kvDim;

	private final float[][] floatKeys;

	private final float[][] floatValues;

	private final short[][] halfKeys;

	private final short[][] halfValues;

	/**
	 * Creates an empty cache.
	 * @param type the number format
	 * @param kvDim the keys (or values) of one position
	 * @param initialSlots the slots each layer starts with
	 */
	KvCache(KvCacheType type, int kvDim, int[] initialSlots) {
		this.type = type;
		this.kvDim = kvDim;
		int layers = initialSlots.length;
		boolean f32 = type == KvCacheType.F32;
		this.floatKeys = new float[f32 ? layers : 0][];
		this.floatValues = new float[f32 ? layers : 0][];
		this.halfKeys = new short[f32 ? 0 : layers][];
		this.halfValues = new short[f32 ? 0 : layers][];
		for (int l = 0; l < layers; l++) {
			int size = initialSlots[l] * kvDim;
			if (f32) {
				this.floatKeys[l] = new float[size];
				this.floatValues[l] = new float[size];
			}
			else {
				this.halfKeys[l] = new short[size];
				this.halfValues[l] = new short[size];
			}
		}
	}

	KvCacheType type() {
		return this.type;
	}

	/**
	 * The bits of a layer's keys in a bf16 or f16 cache, slot after slot, {@code kvDim}
	 * per slot.
	 */
	short[] halfKeys(int layer) {
		return this.halfKeys[layer];
	}

	/** Like {@link #halfKeys}, for the values. */
	short[] halfValues(int layer) {
		return this.halfValues[layer];
	}

	/**
	 * The bytes the cache holds now (keys and values of every layer).
	 * @return the size in bytes
	 */
	long bytes() {
		long values = 0;
		for (float[] keys : this.floatKeys) {
			values += 2L * keys.length;
		}
		for (short[] keys : this.halfKeys) {
			values += 2L * keys.length;
		}
		return values * this.type.bytesPerValue();
	}

	/**
	 * Makes room for {@code slots} slots in a layer, at most {@code capacitySlots}
	 * (doubling, so growth is amortised).
	 * @param position the position being stored, for the error message
	 */
	void ensure(int layer, int slots, int capacitySlots, int position) {
		long needed = (long) slots * this.kvDim;
		int length = (this.type == KvCacheType.F32) ? this.floatKeys[layer].length : this.halfKeys[layer].length;
		if (length >= needed) {
			return;
		}
		if (needed > MAX_ARRAY) {
			throw new ContextLengthExceededException(MAX_ARRAY / this.kvDim, position,
					"The KV cache of one layer holds at most " + MAX_ARRAY / this.kvDim + " positions of " + this.kvDim
							+ " values in a Java array; use a shorter sequence");
		}
		int capacity = (int) Math.min(Math.min((long) capacitySlots * this.kvDim, MAX_ARRAY),
				Math.max(needed, length * 2L));
		if (this.type == KvCacheType.F32) {
			this.floatKeys[layer] = Arrays.copyOf(this.floatKeys[layer], capacity);
			this.floatValues[layer] = Arrays.copyOf(this.floatValues[layer], capacity);
		}
		else {
			this.halfKeys[layer] = Arrays.copyOf(this.halfKeys[layer], capacity);
			this.halfValues[layer] = Arrays.copyOf(this.halfValues[layer], capacity);
		}
	}

	/**
	 * Stores one position's keys and values ({@code kvDim} each) into a slot.
	 */
	void store(int layer, int slot, float[] k, int kOffset, float[] v, int vOffset) {
		int dst = slot * this.kvDim;
		if (this.type == KvCacheType.F32) {
			System.arraycopy(k, kOffset, this.floatKeys[layer], dst, this.kvDim);
			System.arraycopy(v, vOffset, this.floatValues[layer], dst, this.kvDim);
			return;
		}
		short[] keys = this.halfKeys[layer];
		short[] values = this.halfValues[layer];
		if (this.type == KvCacheType.BF16) {
			for (int i = 0; i < this.kvDim; i++) {
				keys[dst + i] = floatToBf16(k[kOffset + i]);
				values[dst + i] = floatToBf16(v[vOffset + i]);
			}
		}
		else {
			for (int i = 0; i < this.kvDim; i++) {
				keys[dst + i] = toF16(k[kOffset + i]);
				values[dst + i] = toF16(v[vOffset + i]);
			}
		}
	}

	/**
	 * Points {@code row} at {@code n} cached keys of a slot from {@code offset} within
	 * it: at the cache itself (f32) or at the row's scratch, widened to float32.
	 */
	void key(int layer, int slot, int offset, int n, Row row) {
		read(this.type == KvCacheType.F32 ? this.floatKeys[layer] : null,
				this.type == KvCacheType.F32 ? null : this.halfKeys[layer], slot * this.kvDim + offset, n, row);
	}

	/**
	 * Like {@link #key}, for the values.
	 */
	void value(int layer, int slot, int offset, int n, Row row) {
		read(this.type == KvCacheType.F32 ? this.floatValues[layer] : null,
				this.type == KvCacheType.F32 ? null : this.halfValues[layer], slot * this.kvDim + offset, n, row);
	}

	private void read(float @Nullable [] floats, short @Nullable [] halves, int src, int n, Row row) {
		if (floats != null) {
			row.point(floats, src);
			return;
		}
		row.widen(this.type, Objects.requireNonNull(halves, "'halves' must not be null"), src, n);
	}

	/** bfloat16 with round to nearest even; NaN stays NaN. */
	static short floatToBf16(float x) {
		int bits = Float.floatToRawIntBits(x);
		if ((bits & 0x7FFFFFFF) > 0x7F800000) {
			return (short) ((bits >>> 16) | 0x0040);
		}
		return (short) ((bits + 0x7FFF + ((bits >>> 16) & 1)) >>> 16);
	}

	static float bf16ToFloat(short h) {
		return Float.intBitsToFloat(h << 16);
	}

	static short toF16(float x) {
		short h = Float.floatToFloat16(x);
		if ((h & 0x7FFF) == 0x7C00 && !Float.isInfinite(x)) {
			throw new IllegalStateException("A key or value of " + x + " does not fit the f16 KV cache (largest "
					+ "magnitude 65504); use the kv-cache-type bf16 or f32");
		}
		return h;
	}

	/**
	 * Where one row of keys or values is read from: an array and an offset, pointing at a
	 * float32 cache itself or at this row's own scratch, into which halves are widened.
	 * One per attention task; not thread-safe. (A bf16 cache's rows are read a run at a
	 * time by the attention kernels instead.)
	 */
	static final class Row {

		float[] array;

		int offset;

		final float[] scratch;

		Row(int n) {
			this.scratch = new float[n];
			this.array = this.scratch;
		}

		/** Points at floats held by the cache itself. */
		void point(float[] floats, int offset) {
			this.array = floats;
			this.offset = offset;
		}

		/**
		 * Widens {@code n} halves of a bf16 or f16 cache, from {@code halves[src..]},
		 * into the scratch and points at it.
		 */
		void widen(KvCacheType type, short[] halves, int src, int n) {
			for (int i = 0; i < n; i++) {
				this.scratch[i] = (type == KvCacheType.BF16) ? bf16ToFloat(halves[src + i])
						: Float.float16ToFloat(halves[src + i]);
			}
			this.array = this.scratch;
			this.offset = 0;
		}

	}

}
