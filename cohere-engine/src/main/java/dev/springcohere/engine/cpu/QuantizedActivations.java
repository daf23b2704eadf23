package dev.springcohere.engine.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Activation rows quantized per block of 32 to 8 bits for the integer GEMVs
 * ({@link PackedQ4_0}, {@link PackedQ4_K}, {@link PackedQ6_K}), with, per block, the term
 * that turns the weights' unsigned nibbles {@code n} into their values {@code n - 8}:
 * {@code sum((n - 8) * q) = sum(n * q) - 8 * sum(q)} (and, on demand, such terms for
 * other runs and centres, {@link #offsets(int, int)}, and the multipliers of
 * {@link PackedQ6_K}'s high bits, {@link #crumbMultipliers()}).
 * <p>
 * {@link #of} quantizes a vector of 16 activations at a time, to exactly the values and
 * scales of {@link PackedQ4_0#quantizeActivations} (ggml's
 * {@code quantize_row_q8_0_ref}): the same maximum, the same product by the inverse
 * scale, and halves rounded away from zero as {@code floor(|v| + 0.5)} does, from the
 * truncation and the exact fraction.
 *
 * @param values the 8-bit values, widened to 16 bits, row after row
 * @param scales one scale per block of 32 values
 * @param offsets {@code -8 * sum(q)} per block; {@code |sum(q)| <= 32 * 127}, so this
 * fits in 16 bits, and so does the block's dot product, which the GEMV sums in 16-bit
 * lanes that may wrap on the way
 * @param nibbleMultipliers per run of four values {@code q0..q3}:
 * {@code q0, q1 - 16 q0, q2 - 16 q1, q3 - 16 q2}, the multipliers of a 16-bit lane
 * holding four 4-bit weights {@code n0..n3} (from bit 0) and of its logical shifts right
 * by 4, 8 and 12 bits, whose products sum to {@code n0 q0 + n1 q1 + n2 q2 + n3 q3} modulo
 * 2^16 ({@link PackedQ4_0}'s GEMV)
 */
record QuantizedActivations(short[] values, float[] scales, short[] offsets, short[] nibbleMultipliers) {

	private static final VectorSpecies<Float> F = FloatVector.SPECIES_512;

	private static final VectorSpecies<Integer> I = IntVector.SPECIES_512;

	private static final VectorSpecies<Short> S = ShortVector.SPECIES_256;

	/**
	 * Quantizes {@code rows} rows of {@code inDim} activations.
	 * @param x the activations, row after row
	 * @param rows the number of rows
	 * @param inDim the activations per row, a multiple of 32
	 * @return the quantized rows
	 */
	static QuantizedActivations of(float[] x, int rows, int inDim) {
		short[] q = new short[rows * inDim];
		float[] d = new float[rows * inDim / 32];
		short[] offsets = new short[d.length];
		for (int b = 0; b < d.length; b++) {
			int o = 32 * b;
			FloatVector x0 = FloatVector.fromArray(F, x, o);
			FloatVector x1 = FloatVector.fromArray(F, x, o + 16);
			float amax = x0.abs().max(x1.abs()).reduceLanes(VectorOperators.MAX);
			float scale = amax / 127f;
			float inverse = (scale != 0) ? 1 / scale : 0;
			d[b] = scale;
			IntVector q0 = roundHalfAway(x0.mul(inverse));
			IntVector q1 = roundHalfAway(x1.mul(inverse));
			((ShortVector) q0.convertShape(VectorOperators.I2S, S, 0)).intoArray(q, o);
			((ShortVector) q1.convertShape(VectorOperators.I2S, S, 0)).intoArray(q, o + 16);
			offsets[b] = (short) (-8 * q0.add(q1).reduceLanes(VectorOperators.ADD));
		}
		return new QuantizedActivations(q, d, offsets, nibbleMultipliers(q));
	}

	/**
	 * The term that turns unsigned weight values {@code v} into {@code v - centre} in a
	 * dot product, per run of {@code width} values: {@code -centre * sum(q)}. The
	 * {@link PackedQ6_K} GEMV takes runs of 8 with centre 32 ({@code |32 * sum(q)|} stays
	 * within 32 x 8 x 127 = 32512); {@link #offsets()} are the runs of 32 with centre 8.
	 * @param width the values per run, dividing 32
	 * @param centre the value subtracted from the weights
	 * @return one offset per run, in order
	 * @throws IllegalArgumentException when an offset could leave 16 bits
	 */
	short[] offsets(int width, int centre) {
		if (32 % width != 0 || (long) centre * width * 127 > Short.MAX_VALUE) {
			throw new IllegalArgumentException(
					"Offsets of runs of " + width + " values centred on " + centre + " do not fit in 16 bits");
		}
		short[] offsets = new short[this.values.length / width];
		for (int run = 0; run < offsets.length; run++) {
			int sum = 0;
			for (int j = width * run; j < width * (run + 1); j++) {
				sum += this.values[j];
			}
			offsets[run] = (short) (-centre * sum);
		}
		return offsets;
	}

	/**
	 * Per run of eight values {@code q0..q7}: {@code 16 q0, 16 (q1 - 4 q0), ...,
	 * 16 (q7 - 4 q6)}, the multipliers of a 16-bit lane holding eight 2-bit values
	 * {@code h0..h7} (from bit 0) and of its logical shifts right by 2, 4, ..., 14 bits,
	 * whose products sum to {@code 16 (h0 q0 + ... + h7 q7)} modulo 2^16: the high bits
	 * of {@link PackedQ6_K}'s 6-bit values, as {@link #nibbleMultipliers} are for their
	 * low four.
	 * @return one multiplier per value, in order
	 */
	short[] crumbMultipliers() {
		return chainedMultipliers(this.values, 8, 4, 16);
	}

	private static short[] nibbleMultipliers(short[] q) {
		return chainedMultipliers(q, 4, 16, 1);
	}

	/**
	 * {@code scale * q[j]} at the start of each run of {@code run} values,
	 * {@code scale * (q[j] - radix * q[j - 1])} elsewhere: the multipliers of a lane of
	 * {@code run} digits in base {@code radix} and of its shifts by one digit at a time.
	 */
	private static short[] chainedMultipliers(short[] q, int run, int radix, int scale) {
		short[] m = new short[q.length];
		for (int j = 0; j < q.length; j++) {
			m[j] = (short) (scale * ((j % run == 0) ? q[j] : q[j] - radix * q[j - 1]));
		}
		return m;
	}

	/**
	 * C's {@code roundf} of each lane, for magnitudes below 2^23 (here at most about
	 * 127): the truncation of {@code |v|}, plus one where the exact fraction left is at
	 * least a half, with the sign of {@code v}.
	 */
	private static IntVector roundHalfAway(FloatVector v) {
		FloatVector magnitude = v.abs();
		IntVector whole = (IntVector) magnitude.convert(VectorOperators.F2I, 0);
		FloatVector fraction = magnitude.sub((FloatVector) whole.convert(VectorOperators.I2F, 0));
		VectorMask<Integer> up = fraction.compare(VectorOperators.GE, 0.5f).cast(I);
		IntVector rounded = whole.add(1, up);
		return rounded.lanewise(VectorOperators.NEG, v.compare(VectorOperators.LT, 0f).cast(I));
	}

}
