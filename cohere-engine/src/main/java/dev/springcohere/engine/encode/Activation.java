package dev.springcohere.engine.encode;

import dev.springcohere.engine.model.ModelFormatException;

/**
 * The feed-forward activations of BERT-style encoders ({@code hidden_act} in
 * config.json), computed in float32.
 */
enum Activation {

	/** Exact GELU, {@code x * (1 + erf(x / sqrt 2)) / 2} (transformers' {@code gelu}). */
	GELU,
	/**
	 * Tanh approximation of GELU (transformers' {@code gelu_new} and
	 * {@code gelu_pytorch_tanh}).
	 */
	GELU_TANH,
	/** {@code max(0, x)}. */
	RELU,
	/** {@code x * sigmoid(x)} (transformers' {@code silu} and {@code swish}). */
	SILU;

	private static final double SQRT_HALF = Math.sqrt(0.5);

	private static final double SQRT_2_OVER_PI = Math.sqrt(2.0 / Math.PI);

	/**
	 * Maps a {@code hidden_act} name.
	 * @param name the name in config.json
	 * @param source where it came from, for the error message
	 * @return the activation
	 * @throws ModelFormatException for names the engine does not implement
	 */
	static Activation fromConfig(String name, String source) {
		return switch (name) {
			case "gelu" -> GELU;
			case "gelu_new", "gelu_pytorch_tanh", "gelu_fast" -> GELU_TANH;
			case "relu" -> RELU;
			case "silu", "swish" -> SILU;
			default -> throw new ModelFormatException("Unsupported hidden_act '" + name + "' in " + source
					+ ": the encoder implements gelu, gelu_new, gelu_pytorch_tanh, gelu_fast, relu, silu and swish");
		};
	}

	/**
	 * Applies the activation in place to {@code x[0, n)}.
	 * @param x the values
	 * @param n how many
	 */
	void apply(float[] x, int n) {
		apply(x, 0, n);
	}

	/**
	 * Applies the activation in place to {@code x[from, to)}.
	 * @param x the values
	 * @param from the first index
	 * @param to the index after the last
	 */
	void apply(float[] x, int from, int to) {
		for (int i = from; i < to; i++) {
			x[i] = apply(x[i]);
		}
	}

	float apply(float v) {
		double x = v;
		return switch (this) {
			case GELU -> (float) (0.5 * x * (1.0 + erf(x * SQRT_HALF)));
			case GELU_TANH -> (float) (0.5 * x * (1.0 + Math.tanh(SQRT_2_OVER_PI * (x + 0.044715 * x * x * x))));
			case RELU -> Math.max(0f, v);
			case SILU -> (float) (x / (1.0 + Math.exp(-x)));
		};
	}

	/**
	 * The error function in double precision, from the complementary error function's
	 * Chebyshev-fitted approximation (fractional error below 1.2e-7 everywhere, well
	 * within float32 needs).
	 * @param x the argument
	 * @return erf(x)
	 */
	static double erf(double x) {
		double z = Math.abs(x);
		double t = 1.0 / (1.0 + 0.5 * z);
		double poly = -z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
				+ t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
		double erfc = t * Math.exp(poly);
		return x >= 0 ? 1.0 - erfc : erfc - 1.0;
	}

}
