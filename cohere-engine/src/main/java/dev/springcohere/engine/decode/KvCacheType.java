package dev.springcohere.engine.decode;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The number format of the KV cache: keys and values of every cached position, per layer.
 * Attention reads them back as float32 and always accumulates in float32; the keys and
 * values of the tokens being fed are rounded to this format before attention sees them,
 * so a batched pass and token-by-token decoding agree.
 *
 * @since 0.1.0
 */
public enum KvCacheType {

	/** 32-bit floats: exact, 4 bytes a value. */
	F32("f32", 4),

	/**
	 * bfloat16 (8 exponent bits, 7 mantissa bits, round to nearest even): the format
	 * Cohere's checkpoints are stored in, 2 bytes a value, float32's range. The default.
	 */
	BF16("bf16", 2),

	/**
	 * IEEE half precision (5 exponent bits, 10 mantissa bits): 2 bytes a value, more
	 * precise than bf16 but limited to magnitudes below 65,504 (a larger key or value
	 * fails the step with an error naming this type).
	 */
	F16("f16", 2);

	/** The type used when none is configured. */
	public static final KvCacheType DEFAULT = BF16;

	private final String id;

	private final int bytesPerValue;

	KvCacheType(String id, int bytesPerValue) {
		this.id = id;
		this.bytesPerValue = bytesPerValue;
	}

	/**
	 * The name used by the CLI and the properties ({@code f32}, {@code bf16},
	 * {@code f16}).
	 * @return the id
	 */
	public String id() {
		return this.id;
	}

	/**
	 * The bytes one cached key or value element takes.
	 * @return 4 or 2
	 */
	public int bytesPerValue() {
		return this.bytesPerValue;
	}

	/**
	 * Rounds {@code x[0, n)} in place to what a cache of this type holds, so that
	 * attention over the tokens being fed sees the numbers it will later read back.
	 * @param x the keys or values
	 * @param n how many
	 */
	void round(float[] x, int n) {
		switch (this) {
			case F32 -> {
			}
			case BF16 -> {
				for (int i = 0; i < n; i++) {
					x[i] = KvCache.bf16ToFloat(KvCache.floatToBf16(x[i]));
				}
			}
			case F16 -> {
				for (int i = 0; i < n; i++) {
					x[i] = Float.float16ToFloat(KvCache.toF16(x[i]));
				}
			}
		}
	}

	/**
	 * Parses an id, ignoring case.
	 * @param text {@code f32}, {@code bf16} or {@code f16}
	 * @return the type
	 * @throws IllegalArgumentException if the text is none of them
	 */
	public static KvCacheType of(String text) {
		Objects.requireNonNull(text, "'text' must not be null");
		String id = text.trim().toLowerCase(Locale.ROOT);
		for (KvCacheType type : values()) {
			if (type.id.equals(id)) {
				return type;
			}
		}
		throw new IllegalArgumentException("Unknown KV cache type '" + text + "'; use one of "
				+ Arrays.stream(values()).map(KvCacheType::id).collect(Collectors.joining(", ")));
	}

}
