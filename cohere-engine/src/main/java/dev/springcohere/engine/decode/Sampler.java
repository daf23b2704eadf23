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
 * probabilities per power-of-two-and-a-bit bucket and sorts only the tokens of the
 * buckets that can be in the nucleus; with neither, the token is drawn from the whole
 * distribution in id order. Masked tokens (negative infinity logits, as constrained
 * decoding sets them) have no probability and are never chosen. The buffers are reused,
 * so a step allocates nothing once the sampler has seen the vocabulary size.
 */
public final class Sampler {

	/** Buckets of probability weights: the top 12 bits of a positive float. */
	private static final int BUCKET_SHIFT = 20;

	private static final int BUCKETS = 1 << (31 - BUCKET_SHIFT);

	private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

	private final SamplingParams params;

	private final RandomGenerator random;

	/** The weights {@code exp((logit - max) / temperature)} of the whole vocabulary. */
	private float[] weights = new float[0];

	/** Candidate keys (see {@link #key}), heap-ordered or sorted. */
	private long[] keys = new long[0];

	/** The unnormalised probabilities of the sorted candidates. */
	private double[] probs = new double[0];

	private final double[] bucketMass = new double[BUCKETS];

	/** The sum of {@link #weights} over the vocabulary, set by the top-p pass. */
	private double nucleusNormalizer;

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
			return sampleSorted(logits, topK(logits, topK), 0);
		}
		float max = max(logits);
		if (max == Float.NEGATIVE_INFINITY) {
			throw allMasked(n);
		}
		if (this.params.topP() >= 1) {
			return sampleAll(logits, max);
		}
		int count = nucleusCandidates(logits, max);
		return sampleSorted(logits, count, this.nucleusNormalizer);
	}

	/** Draws from the whole distribution, walking the vocabulary in id order. */
	private int sampleAll(float[] logits, float max) {
		int n = logits.length;
		if (this.weights.length < n) {
			this.weights = new float[n];
		}
		float[] w = this.weights;
		weights(logits, max, w);
		double total = 0;
		for (int i = 0; i < n; i++) {
			total += w[i];
		}
		double u = this.random.nextDouble() * total;
		int lastPossible = -1;
		for (int i = 0; i < n; i++) {
			if (w[i] > 0) {
				lastPossible = i;
				u -= w[i];
				if (u <= 0) {
					return i;
				}
			}
		}
		// rounding left u slightly above 0: the last token with any probability
		return lastPossible;
	}

	/**
	 * Fills {@link #keys} with the tokens that may be in the top-p nucleus (all of its
	 * tokens and a few more, never a masked one), unsorted.
	 * @return the number of candidates
	 */
	private int nucleusCandidates(float[] logits, float max) {
		int n = logits.length;
		if (this.weights.length < n) {
			this.weights = new float[n];
		}
		float[] w = this.weights;
		double[] mass = this.bucketMass;
		Arrays.fill(mass, 0);
		weights(logits, max, w);
		double total = 0;
		for (int i = 0; i < n; i++) {
			float weight = w[i];
			total += weight;
			mass[Float.floatToRawIntBits(weight) >>> BUCKET_SHIFT] += weight;
		}
		this.nucleusNormalizer = total;
		// the nucleus is a prefix of the descending order, so it ends inside the first
		// bucket (from the top) where the cumulative mass reaches top_p; buckets below it
		// hold none of its tokens
		double target = this.params.topP() * total;
		double cumulative = 0;
		int boundary = 1;
		for (int b = BUCKETS - 1; b >= 1; b--) {
			if (mass[b] > 0) {
				boundary = b;
				cumulative += mass[b];
				if (cumulative >= target) {
					break;
				}
			}
		}
		int count = 0;
		for (int i = 0; i < n; i++) {
			if (w[i] > 0 && (Float.floatToRawIntBits(w[i]) >>> BUCKET_SHIFT) >= boundary) {
				if (count == this.keys.length) {
					this.keys = Arrays.copyOf(this.keys, Math.max(64, count * 2));
				}
				this.keys[count++] = key(logits[i], i);
			}
		}
		return count;
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
	 * Fills {@code w} with {@code exp((logit - max) / temperature)} for the whole
	 * vocabulary, 0 for masked tokens; the exponential is the Vector API's (about 1 ulp
	 * of float, where {@code Math.exp} per token was most of a sampling step).
	 */
	private void weights(float[] logits, float max, float[] w) {
		int n = logits.length;
		float inverseTemperature = (float) (1.0 / this.params.temperature());
		FloatVector shift = FloatVector.broadcast(F, max);
		FloatVector scale = FloatVector.broadcast(F, inverseTemperature);
		int upper = F.loopBound(n);
		for (int i = 0; i < upper; i += F.length()) {
			FloatVector.fromArray(F, logits, i).sub(shift).mul(scale).lanewise(VectorOperators.EXP).intoArray(w, i);
		}
		for (int i = upper; i < n; i++) {
			w[i] = (float) Math.exp((logits[i] - max) * inverseTemperature);
		}
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
		int size = 0;
		for (int i = 0; i < logits.length; i++) {
			float logit = logits[i];
			if (logit == Float.NEGATIVE_INFINITY) {
				continue;
			}
			long key = key(logit, i);
			if (size < k) {
				heap[size] = key;
				siftUp(heap, size++);
			}
			else if (key < heap[0]) {
				heap[0] = key;
				siftDown(heap, 0, size);
			}
		}
		if (size == 0) {
			throw allMasked(logits.length);
		}
		return size;
	}

	/** A max-heap on keys: the root is the worst (largest key) candidate. */
	private static void siftUp(long[] heap, int i) {
		long key = heap[i];
		while (i > 0) {
			int parent = (i - 1) >>> 1;
			if (heap[parent] >= key) {
				break;
			}
			heap[i] = heap[parent];
			i = parent;
		}
		heap[i] = key;
	}

	private static void siftDown(long[] heap, int start, int size) {
		long key = heap[start];
		int i = start;
		while (true) {
			int child = 2 * i + 1;
			if (child >= size) {
				break;
			}
			if (child + 1 < size && heap[child + 1] > heap[child]) {
				child++;
			}
			if (heap[child] <= key) {
				break;
			}
			heap[i] = heap[child];
			i = child;
		}
		heap[i] = key;
	}

	/**
	 * Sorts {@code keys[0, count)} ascending in place with a heapsort, which (unlike
	 * {@link Arrays#sort(long[], int, int)} on long ranges) never allocates.
	 */
	private static void sort(long[] keys, int count) {
		for (int i = count / 2 - 1; i >= 0; i--) {
			siftDown(keys, i, count);
		}
		for (int end = count - 1; end > 0; end--) {
			long top = keys[0];
			keys[0] = keys[end];
			keys[end] = top;
			siftDown(keys, 0, end);
		}
	}

	/**
	 * Sorts the first {@code count} candidate keys and samples among them as the full
	 * sort would: probabilities relative to the best one, cut where their share of
	 * {@code normalizer} (the mass top-p is a share of; {@code 0}: the candidates' own)
	 * reaches top-p.
	 */
	private int sampleSorted(float[] logits, int count, double normalizer) {
		long[] sorted = this.keys;
		sort(sorted, count);
		if (this.probs.length < count) {
			this.probs = new double[Math.max(count, 64)];
		}
		double[] p = this.probs;
		double temperature = this.params.temperature();
		double max = logits[id(sorted[0])] / temperature;
		double sum = 0;
		for (int i = 0; i < count; i++) {
			p[i] = Math.exp(logits[id(sorted[i])] / temperature - max);
			sum += p[i];
		}
		if (normalizer > 0) {
			sum = normalizer;
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
					return id(sorted[i]);
				}
			}
		}
		// rounding left u slightly above 0: the last token with any probability (never a
		// masked one)
		return id(sorted[lastPossible]);
	}

	/**
	 * A key whose ascending order is the descending order of the logits, then the
	 * ascending order of the ids.
	 */
	private static long key(float logit, int id) {
		int bits = Float.floatToIntBits(logit);
		int ordered = bits ^ ((bits >> 31) & 0x7FFFFFFF);
		return ((long) ~ordered << 32) | (id & 0xFFFFFFFFL);
	}

	private static int id(long key) {
		return (int) key;
	}

	private static IllegalStateException allMasked(int vocabulary) {
		return new IllegalStateException("Every one of the " + vocabulary
				+ " logits is negative infinity (masked): there is no token to sample; the constraint or the "
				+ "stop rules left nothing allowed");
	}

}
