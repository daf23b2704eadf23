package dev.springcohere.engine.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * How the weights of a safetensors checkpoint are quantized when it is loaded: its
 * projection matrices ({@code --quantize} on the CLI, {@code local.quantize} for the
 * local backend) and its embedding / LM head ({@code --quantize-output},
 * {@code local.quantize-output}); see {@link QuantizationPlan}.
 */
public enum WeightQuantization {

	/** Keep the checkpoint's own bf16, f16 or f32 weights. */
	NONE("none", null),
	/** ggml Q8_0: 8.5 bits per weight. */
	Q8_0("q8_0", DType.Q8_0),
	/** ggml Q4_0: 4.5 bits per weight. */
	Q4_0("q4_0", DType.Q4_0);

	private final String id;

	private final @Nullable DType dtype;

	WeightQuantization(String id, @Nullable DType dtype) {
		this.id = id;
		this.dtype = dtype;
	}

	/**
	 * The name used on the command line and in settings.
	 * @return e.g. {@code q8_0}
	 */
	public String id() {
		return this.id;
	}

	/**
	 * The block type of the projection matrices.
	 * @return the dtype
	 * @throws IllegalStateException for {@link #NONE}
	 */
	public DType dtype() {
		DType d = this.dtype;
		if (d == null) {
			throw new IllegalStateException("'none' keeps the checkpoint's dtypes");
		}
		return d;
	}

	/**
	 * Parses a name, case-insensitively.
	 * @param name {@code none}, {@code q8_0} or {@code q4_0}
	 * @return the quantization
	 * @throws IllegalArgumentException for any other name, listing the accepted ones
	 */
	public static WeightQuantization parse(String name) {
		Objects.requireNonNull(name, "'name' must not be null");
		String key = name.trim().toLowerCase(Locale.ROOT);
		for (WeightQuantization q : values()) {
			if (q.id.equals(key)) {
				return q;
			}
		}
		throw new IllegalArgumentException("Unknown quantization '" + name + "'; use one of "
				+ Arrays.stream(values()).map(WeightQuantization::id).collect(Collectors.joining(", ")));
	}

}
