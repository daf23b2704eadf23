package dev.springcohere.engine.cpu;

/**
 * The cosines and sines of the rotary angles of one position, computed exactly as
 * {@link Kernels#ropeInterleaved}'s reference does and kept per thread: every query and
 * key head of a token (20 per layer for the 1B-class shape, in every layer) is rotated by
 * the same angles, so they are computed once per token and position instead of once per
 * head, and the rotation gives the same floats as the reference.
 */
final class RopeAngles {

	private static final ThreadLocal<RopeAngles> LAST = ThreadLocal.withInitial(RopeAngles::new);

	private int position = -1;

	private int headDim;

	private double theta;

	private float[] cos = new float[0];

	private float[] sin = new float[0];

	private RopeAngles() {
	}

	/**
	 * Rotates the pairs {@code (2i, 2i+1)} of one head in place by
	 * {@code position * theta^(-2i/headDim)}.
	 * @param x values
	 * @param offset start of the head
	 * @param headDim head size
	 * @param position token position
	 * @param theta RoPE base
	 */
	static void rotate(float[] x, int offset, int headDim, int position, double theta) {
		RopeAngles angles = LAST.get();
		if (angles.position != position || angles.headDim != headDim || angles.theta != theta) {
			angles.compute(headDim, position, theta);
		}
		float[] cos = angles.cos;
		float[] sin = angles.sin;
		for (int i = 0; i < headDim / 2; i++) {
			float a = x[offset + 2 * i];
			float b = x[offset + 2 * i + 1];
			x[offset + 2 * i] = a * cos[i] - b * sin[i];
			x[offset + 2 * i + 1] = b * cos[i] + a * sin[i];
		}
	}

	private void compute(int headDim, int position, double theta) {
		int pairs = headDim / 2;
		if (this.cos.length != pairs) {
			this.cos = new float[pairs];
			this.sin = new float[pairs];
		}
		for (int i = 0; i < pairs; i++) {
			double freq = 1.0 / Math.pow(theta, (2.0 * i) / headDim);
			float angle = (float) (position * (float) freq);
			this.cos[i] = (float) Math.cos(angle);
			this.sin[i] = (float) Math.sin(angle);
		}
		this.position = position;
		this.headDim = headDim;
		this.theta = theta;
	}

}
