package dev.springcohere.engine.decode;

import java.util.Arrays;
import java.util.Objects;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Picks tokens from logits: greedy, or temperature / top-k / top-p with an explicitly
 * seeded generator, so a given seed always reproduces the same choices. Not thread-safe;
 * one per session.
 * <p>
 * The distribution is the one of a full sort of the vocabulary by logit (descending, the
 * lower id first on ties): the {@code top_k} best tokens are kept, then the shortest
 * prefix of them whose probability reaches {@code top_p}, renormalised. No full sort is
 * done: top-k is a bounded heap over the logits; top-p without top-k sums the
 * probabilities per power-of-two-and-a-bit bucket and sorts only the tokens of the bucket
 * where the nucleus ends (the buckets above it lie wholly inside), drawing from the
 * nucleus's other tokens in id order; with neither, the token is drawn from the whole
 * distribution in id order. Masked tokens (negative infinity logits, as constrained
 * decoding sets them) have no probability and are never chosen. The buffers are reused,
 * so a step allocates nothing once the sampler has seen the vocabulary size.
 */
public final class Sampler {

	/** Buckets of probability weights: the top 12 bits of a positive float. */
	private static final int BUCKET_SHIFT = 20;

	private static final int BUCKETS = 1 << (31 - BUCKET_SHIFT);

	/** Bits of a weight below a coarse bucket's that split the boundary bucket. */
	private static final int FINE_BITS = 11;

	private static final int FINE_SHIFT = BUCKET_SHIFT - FINE_BITS;

	private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

	/**
	 * Tokens per block of {@link #blockSums}: a draw from the whole distribution skips
	 * whole blocks whose mass lies below its point and walks only the block it falls in.
	 */
	private static final int BLOCK = 256;

	private final SamplingParams params;

	private final RandomGenerator random;

	/** The weights {@code exp((logit - max) / temperature)} of the whole vocabulary. */
	private float[] weights = new float[0];

	/** The sum of {@link #weights} per {@link #BLOCK} tokens. */
	private double[] blockSums = new double[0];

	/** One vector of partial sums, summed in double at the end of a block. */
	private final float[] laneSums = new float[F.length()];

	/** Candidate keys (see {@link TokenKeys#key}), heap-ordered or sorted. */
	private long[] keys = new long[0];

	/** The unnormalised probabilities of the sorted candidates. */
	private double[] probs = new double[0];

	private final double[] bucketMass = new double[BUCKETS];

	/** The boundary bucket's mass per value of the next {@link #FINE_BITS} bits. */
	private final double[] fineMass = new double[1 << FINE_BITS];

	/**
	 * Creates a sampler.
	 * @param params the sampling parameters
	 */
	public Sampler(SamplingParams params) {
		this.params = Objects.requireNonNull(params, "'params' must not be null");
		this.random = RandomGeneratorFactory.of("L64X128MixRandom").create(params.seed());
	}

	/**
	 * The index of the largest logit (lowest index on ties).
	 * @param logits the logits
	 * @return the token id
	 */
	public static int argmax(float[] logits) {
		int best = 0;
		for (int i = 1; i < logits.length; i++) {
			if (logits[i] > logits[best]) {
				best = i;
			}
		}
		return best;
	}

	/**
	 * Chooses the next token.
	 * @param logits the logits over the vocabulary (not changed)
	 * @return the token id
	 * @throws IllegalStateException if every logit is negative infinity (all masked)
	 */
	public int sample(float[] logits) {
		if (this.params.temperature() == 0) {
			return argmax(logits);
		}
		int n = logits.length;
		int topK = this.params.topK();
		if (topK > 0 && topK < n) {
			return sampleSorted(logits, topK(logits, topK));
		}
		float max = max(logits);
		if (max == Float.NEGATIVE_INFINITY) {
			throw allMasked(n);
		}
		if (this.params.topP() >= 1) {
			return sampleAll(logits, max);
		}
		return sampleNucleus(logits, max);
	}

	/**
	 * Draws from the whole distribution in id order: the point {@code u} of the draw
	 * passes over the blocks whose mass lies below it, then the tokens of its block one
	 * by one.
	 */
	private int sampleAll(float[] logits, float max) {
		float[] w = weights(logits, max);
		double[] sums = this.blockSums;
		double u = this.random.nextDouble() * total(sums, logits.length);
		int last = blocks(logits.length) - 1;
		int block = 0;
		while (block < last && u > sums[block]) {
			u -= sums[block++];
		}
		for (int i = block * BLOCK; i < logits.length; i++) {
			if (w[i] > 0) {
				u -= w[i];
				if (u <= 0) {
					return i;
				}
			}
		}
		// rounding left u slightly above 0: the last token with any probability
		int i = logits.length - 1;
		while (w[i] == 0) {
			i--;
		}
		return i;
	}

	/**
	 * Draws from the top-p nucleus. Its tokens are the best ones, so the buckets of
	 * weights above the one where the cumulative mass (from the top) reaches
	 * {@code top_p} lie wholly inside it; that boundary bucket is split again by the next
	 * {@value #FINE_BITS} bits of the weights, the same way, and only the tokens of the
	 * fine bucket where the nucleus ends are sorted. The draw walks the tokens above that
	 * fine bucket in id order, then its nucleus tokens in sorted order.
	 * <p>
	 * Only tokens of weight at least {@code (1 - top_p) * total / n} can be in the
	 * nucleus (those below hold less than {@code 1 - top_p} of the mass together), so
	 * only they are counted into the coarse buckets; vector comparisons skip the others
	 * 16 at a time.
	 */
	private int sampleNucleus(float[] logits, float max) {
		int n = logits.length;
		float[] w = weights(logits, max);
		double total = total(this.blockSums, n);
		double target = this.params.topP() * total;
		// halved: a margin for the float rounding of the floor
		float floor = (float) (0.5 * (1 - this.params.topP()) * total / n);
		countMass(w, n, floor, Float.POSITIVE_INFINITY, this.bucketMass, BUCKET_SHIFT);
		int boundary = boundary(this.bucketMass, 0, target);
		double above = massAbove(this.bucketMass, boundary, 0);
		// (never a weight of 0: masked tokens are never candidates)
		countMass(w, n, Math.max(Float.MIN_VALUE, Float.intBitsToFloat(boundary << BUCKET_SHIFT)),
				Float.intBitsToFloat((boundary + 1) << BUCKET_SHIFT), this.fineMass, FINE_SHIFT);
		int fineBoundary = boundary(this.fineMass, above, target);
		above = massAbove(this.fineMass, fineBoundary, above);
		int fine = (boundary << FINE_BITS) | fineBoundary;
		float lowest = Math.max(Float.MIN_VALUE, Float.intBitsToFloat(fine << FINE_SHIFT));
		float ceiling = Float.intBitsToFloat((fine + 1) << FINE_SHIFT);
		// the fine bucket's tokens, sorted; the nucleus ends at the first whose mass
		// brings the cumulative one to the target (or at the bucket's end, where
		// rounding kept it short)
		int count = 0;
		int upper = F.loopBound(n);
		for (int i = 0; i < upper; i += F.length()) {
			FloatVector v = FloatVector.fromArray(F, w, i);
			long lanes = v.compare(VectorOperators.GE, lowest).and(v.compare(VectorOperators.LT, ceiling)).toLong();
			for (; lanes != 0; lanes &= lanes - 1) {
				count = addCandidate(logits, i + Long.numberOfTrailingZeros(lanes), count);
			}
		}
		for (int i = upper; i < n; i++) {
			if (w[i] >= lowest && w[i] < ceiling) {
				count = addCandidate(logits, i, count);
			}
		}
		long[] sorted = this.keys;
		TokenKeys.sort(sorted, count);
		double nucleus = above;
		int cut = 0;
		while (cut < count && nucleus < target) {
			nucleus += w[TokenKeys.id(sorted[cut++])];
		}
		double u = this.random.nextDouble() * nucleus;
		int last = TokenKeys.id(sorted[0]);
		for (int i = 0; i < upper; i += F.length()) {
			long lanes = FloatVector.fromArray(F, w, i).compare(VectorOperators.GE, ceiling).toLong();
			for (; lanes != 0; lanes &= lanes - 1) {
				last = i + Long.numberOfTrailingZeros(lanes);
				u -= w[last];
				if (u <= 0) {
					return last;
				}
			}
		}
		for (int i = upper; i < n; i++) {
			if (w[i] >= ceiling) {
				last = i;
				u -= w[i];
				if (u <= 0) {
					return i;
				}
			}
		}
		for (int j = 0; j < cut; j++) {
			last = TokenKeys.id(sorted[j]);
			u -= w[last];
			if (u <= 0) {
				return last;
			}
		}
		// rounding left u slightly above 0: the last token of the nucleus
		return last;
	}

	/**
	 * Sums the weights in {@code [from, below)} into {@code mass}, per bucket of their
	 * bits from {@code shift} up ({@link #FINE_BITS} of them when {@code mass} is
	 * {@link #fineMass}).
	 */
	private static void countMass(float[] w, int n, float from, float below, double[] mass, int shift) {
		Arrays.fill(mass, 0);
		int bucketMask = mass.length - 1;
		int upper = F.loopBound(n);
		for (int i = 0; i < upper; i += F.length()) {
			FloatVector v = FloatVector.fromArray(F, w, i);
			long lanes = v.compare(VectorOperators.GE, from).and(v.compare(VectorOperators.LT, below)).toLong();
			for (; lanes != 0; lanes &= lanes - 1) {
				float weight = w[i + Long.numberOfTrailingZeros(lanes)];
				mass[(Float.floatToRawIntBits(weight) >>> shift) & bucketMask] += weight;
			}
		}
		for (int i = upper; i < n; i++) {
			if (w[i] >= from && w[i] < below) {
				mass[(Float.floatToRawIntBits(w[i]) >>> shift) & bucketMask] += w[i];
			}
		}
	}

	/**
	 * The bucket (from the top) where the cumulative mass, from {@code above}, reaches
	 * {@code target}, or the lowest one with mass where rounding kept it short.
	 */
	private static int boundary(double[] mass, double above, double target) {
		int boundary = 0;
		for (int b = mass.length - 1; b >= 0; b--) {
			if (mass[b] > 0) {
				boundary = b;
				if (above + mass[b] >= target) {
					break;
				}
				above += mass[b];
			}
		}
		return boundary;
	}

	/** {@code above} plus the mass of the buckets above {@code boundary}. */
	private static double massAbove(double[] mass, int boundary, double above) {
		for (int b = mass.length - 1; b > boundary; b--) {
			above += mass[b];
		}
		return above;
	}

	private int addCandidate(float[] logits, int id, int count) {
		if (count == this.keys.length) {
			this.keys = Arrays.copyOf(this.keys, Math.max(64, count * 2));
		}
		this.keys[count] = TokenKeys.key(logits[id], id);
		return count + 1;
	}

	/** The largest logit, negative infinity when all are masked. */
	private static float max(float[] logits) {
		int n = logits.length;
		int upper = F.loopBound(n);
		FloatVector best = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY);
		for (int i = 0; i < upper; i += F.length()) {
			best = best.max(FloatVector.fromArray(F, logits, i));
		}
		float max = best.reduceLanes(VectorOperators.MAX);
		for (int i = upper; i < n; i++) {
			max = Math.max(max, logits[i]);
		}
		return max;
	}

	/**
	 * Fills {@link #weights} with {@code exp((logit - max) / temperature)} for the whole
	 * vocabulary, 0 for masked tokens, and {@link #blockSums} with their sums per block;
	 * the exponential is the Vector API's (about 1 ulp of float, where {@code Math.exp}
	 * per token was most of a sampling step).
	 * @return the weights
	 */
	private float[] weights(float[] logits, float max) {
		int n = logits.length;
		if (this.weights.length < n) {
			this.weights = new float[n];
			this.blockSums = new double[blocks(n)];
		}
		float[] w = this.weights;
		float inverseTemperature = (float) (1.0 / this.params.temperature());
		FloatVector shift = FloatVector.broadcast(F, max);
		FloatVector scale = FloatVector.broadcast(F, inverseTemperature);
		for (int block = 0; block < blocks(n); block++) {
			int from = block * BLOCK;
			int to = Math.min(n, from + BLOCK);
			FloatVector sum = FloatVector.zero(F);
			int i = from;
			for (; i <= to - F.length(); i += F.length()) {
				FloatVector weight = FloatVector.fromArray(F, logits, i)
					.sub(shift)
					.mul(scale)
					.lanewise(VectorOperators.EXP);
				weight.intoArray(w, i);
				sum = sum.add(weight);
			}
			sum.intoArray(this.laneSums, 0);
			double blockSum = 0;
			for (float lane : this.laneSums) {
				blockSum += lane;
			}
			for (; i < to; i++) {
				w[i] = (float) Math.exp((logits[i] - max) * inverseTemperature);
				blockSum += w[i];
			}
			this.blockSums[block] = blockSum;
		}
		return w;
	}

	private static int blocks(int tokens) {
		return (tokens + BLOCK - 1) / BLOCK;
	}

	/** The sum of the first {@code blocks(tokens)} block sums. */
	private static double total(double[] blockSums, int tokens) {
		double total = 0;
		for (int b = 0; b < blocks(tokens); b++) {
			total += blockSums[b];
		}
		return total;
	}

	/**
	 * Fills {@link #keys} with the {@code k} best unmasked tokens through a bounded heap
	 * whose root is the worst kept one.
	 * @return the number of candidates (fewer than {@code k} when fewer are unmasked)
	 */
	private int topK(float[] logits, int k) {
		if (this.keys.length < k) {
			this.keys = new long[k];
		}
		long[] heap = this.keys;
		int n = logits.length;
		int size = 0;
		int i = 0;
		for (; i < n && size < k; i++) {
			size = TokenKeys.offer(heap, size, k, logits, i);
		}
		// once the heap is full only a logit at least its worst one can enter: a vector
		// comparison passes those on (ties and signed zeros are settled by the keys)
		for (; i <= n - F.length(); i += F.length()) {
			float worst = logits[TokenKeys.id(heap[0])];
			long lanes = FloatVector.fromArray(F, logits, i).compare(VectorOperators.GE, worst).toLong();
			for (; lanes != 0; lanes &= lanes - 1) {
				size = TokenKeys.offer(heap, size, k, logits, i + Long.numberOfTrailingZeros(lanes));
			}
		}
		for (; i < n; i++) {
			size = TokenKeys.offer(heap, size, k, logits, i);
		}
		if (size == 0) {
			throw allMasked(n);
		}
		return size;
	}

	/**
	 * Sorts the first {@code count} candidate keys (the top-k) and samples among them as
	 * the full sort would: probabilities relative to the best one, cut where their share
	 * of the candidates' mass reaches top-p.
	 */
	private int sampleSorted(float[] logits, int count) {
		long[] sorted = this.keys;
		TokenKeys.sort(sorted, count);
		if (this.probs.length < count) {
			this.probs = new double[Math.max(count, 64)];
		}
		double[] p = this.probs;
		double temperature = this.params.temperature();
		double max = logits[TokenKeys.id(sorted[0])] / temperature;
		double sum = 0;
		for (int i = 0; i < count; i++) {
			p[i] = Math.exp(logits[TokenKeys.id(sorted[i])] / temperature - max);
			sum += p[i];
		}
		double topP = this.params.topP();
		double cumulative = 0;
		int cut = count;
		double total = 0;
		for (int i = 0; i < count; i++) {
			total += p[i];
			cumulative += p[i] / sum;
			if (cumulative >= topP) {
				cut = i + 1;
				break;
			}
		}
		double u = this.random.nextDouble() * total;
		int lastPossible = 0;
		for (int i = 0; i < cut; i++) {
			if (p[i] > 0) {
				lastPossible = i;
				u -= p[i];
				if (u <= 0) {
					return TokenKeys.id(sorted[i]);
				}
			}
		}
		// rounding left u slightly above 0: the last token with any probability (never a
		// masked one)
		return TokenKeys.id(sorted[lastPossible]);
	}

	private static IllegalStateException allMasked(int vocabulary) {
		return new IllegalStateException("Every one of the " + vocabulary
				+ " logits is negative infinity (masked): there is no token to sample; the constraint or the "
				+ "stop rules left nothing allowed");
	}

}
