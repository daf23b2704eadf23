package dev.springcohere.engine.cuda;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Each decoder kernel run on a real GPU against a plain Java computation of the same
 * math. Skipped, saying why, where this machine has no usable CUDA driver and GPU.
 */
class DecoderKernelsGpuTests {

	private static CudaDriver driver;

	private static DecoderKernels kernels;

	private static int device;

	private static final List<Long> allocations = new ArrayList<>();

	private final Random random = new Random(20261205);

	@BeforeAll
	static void gpu() {
		Optional<java.nio.file.Path> library = CudaLibraries.locate().driver();
		assumeTrue(library.isPresent(), "No CUDA driver on this machine: " + CudaLibraries.locate().missing());
		CudaDriver candidate = FfmCudaDriver.load(library.get());
		try {
			candidate.init();
			assumeTrue(candidate.deviceCount() > 0, "The CUDA driver sees no GPU");
		}
		catch (CudaException ex) {
			assumeTrue(false, "The CUDA driver is not usable: " + ex.getMessage());
		}
		driver = candidate;
		device = driver.device(0);
		driver.retainPrimaryContext(device);
		kernels = new DecoderKernels(driver);
	}

	@AfterAll
	static void release() {
		if (driver != null) {
			allocations.forEach(driver::free);
			kernels.close();
			driver.releasePrimaryContext(device);
		}
	}

	@Test
	void layerNormMatchesJava() {
		int rows = 3;
		int dim = 1000;
		float[] x = gaussian(rows * dim);
		float[] w = gaussian(dim);
		long out = alloc(4L * rows * dim);
		kernels.layerNorm(0, out, upload(x), upload(w), rows, dim, 1e-5f);
		float[] gpu = download(out, rows * dim);
		for (int r = 0; r < rows; r++) {
			double mean = 0;
			for (int i = 0; i < dim; i++) {
				mean += x[r * dim + i];
			}
			mean /= dim;
			double var = 0;
			for (int i = 0; i < dim; i++) {
				var += (x[r * dim + i] - mean) * (x[r * dim + i] - mean);
			}
			double inv = 1 / Math.sqrt(var / dim + 1e-5);
			for (int i = 0; i < dim; i++) {
				assertThat(gpu[r * dim + i]).isCloseTo((float) ((x[r * dim + i] - mean) * inv * w[i]), within(1e-4f));
			}
		}
	}

	@Test
	void ropeMatchesJava() {
		int tokens = 2;
		int heads = 3;
		int headDim = 64;
		float[] x = gaussian(tokens * heads * headDim);
		int[] positions = { 7, 1234 };
		long dx = upload(x);
		kernels.rope(0, dx, uploadInts(positions), tokens, heads, headDim, 10000f);
		float[] gpu = download(dx, x.length);
		for (int t = 0; t < tokens; t++) {
			for (int h = 0; h < heads; h++) {
				int base = (t * heads + h) * headDim;
				for (int i = 0; i < headDim / 2; i++) {
					double angle = positions[t] * Math.pow(10000, -2.0 * i / headDim);
					float a = x[base + 2 * i];
					float b = x[base + 2 * i + 1];
					assertThat(gpu[base + 2 * i]).isCloseTo((float) (a * Math.cos(angle) - b * Math.sin(angle)),
							within(1e-3f));
					assertThat(gpu[base + 2 * i + 1]).isCloseTo((float) (a * Math.sin(angle) + b * Math.cos(angle)),
							within(1e-3f));
				}
			}
		}
	}

	@Test
	void gemvBf16MatchesJava() {
		int rows = 77;
		int cols = 4096;
		float[] w = gaussian(rows * cols);
		short[] bf16 = new short[w.length];
		for (int i = 0; i < w.length; i++) {
			bf16[i] = (short) (Float.floatToRawIntBits(w[i]) >>> 16);
			w[i] = Float.intBitsToFloat(bf16[i] << 16);
		}
		float[] x = gaussian(cols);
		long y = alloc(4L * rows);
		kernels.gemvBf16(0, y, upload(MemorySegment.ofArray(bf16)), upload(x), rows, cols);
		float[] gpu = download(y, rows);
		for (int r = 0; r < rows; r++) {
			double expected = 0;
			for (int c = 0; c < cols; c++) {
				expected += (double) w[r * cols + c] * x[c];
			}
			assertThat(gpu[r]).isCloseTo((float) expected, within(1e-3f * (float) Math.sqrt(cols)));
		}
	}

	@Test
	void gemvQ8_0AndQ4_0MatchJava() {
		int rows = 9;
		int cols = 256;
		int blocks = cols / 32;
		float[] x = gaussian(cols);
		byte[] q8 = new byte[rows * blocks * 34];
		byte[] q4 = new byte[rows * blocks * 18];
		float[] expected8 = new float[rows];
		float[] expected4 = new float[rows];
		for (int r = 0; r < rows; r++) {
			for (int b = 0; b < blocks; b++) {
				short d = Float.floatToFloat16(0.01f + this.random.nextFloat() / 10);
				float scale = Float.float16ToFloat(d);
				int o8 = (r * blocks + b) * 34;
				int o4 = (r * blocks + b) * 18;
				q8[o8] = (byte) d;
				q8[o8 + 1] = (byte) (d >> 8);
				q4[o4] = (byte) d;
				q4[o4 + 1] = (byte) (d >> 8);
				for (int j = 0; j < 32; j++) {
					int v8 = this.random.nextInt(256) - 128;
					q8[o8 + 2 + j] = (byte) v8;
					expected8[r] += scale * v8 * x[b * 32 + j];
				}
				for (int j = 0; j < 16; j++) {
					int lo = this.random.nextInt(16);
					int hi = this.random.nextInt(16);
					q4[o4 + 2 + j] = (byte) (lo | (hi << 4));
					expected4[r] += scale * ((lo - 8) * x[b * 32 + j] + (hi - 8) * x[b * 32 + j + 16]);
				}
			}
		}
		long y = alloc(4L * rows);
		long dx = upload(x);
		kernels.gemvQ8_0(0, y, upload(MemorySegment.ofArray(q8)), dx, rows, cols);
		float[] gpu8 = download(y, rows);
		kernels.gemvQ4_0(0, y, upload(MemorySegment.ofArray(q4)), dx, rows, cols);
		float[] gpu4 = download(y, rows);
		for (int r = 0; r < rows; r++) {
			assertThat(gpu8[r]).isCloseTo(expected8[r], within(1e-2f));
			assertThat(gpu4[r]).isCloseTo(expected4[r], within(1e-2f));
		}
	}

	@Test
	void maskThenArgmaxPicksTheBestAllowedToken() {
		int n = 1000;
		float[] logits = gaussian(n);
		long[] allowed = new long[(n + 63) / 64];
		int best = -1;
		for (int t = 3; t < n; t += 7) {
			allowed[t / 64] |= 1L << (t % 64);
			if (best < 0 || logits[t] > logits[best]) {
				best = t;
			}
		}
		long dl = upload(logits);
		long out = alloc(4);
		kernels.maskLogits(0, dl, upload(MemorySegment.ofArray(allowed)), n);
		kernels.argmax(0, out, dl, n);
		assertThat(downloadInts(out, 1)[0]).isEqualTo(best);
	}

	@Test
	void pagedAttentionMatchesJavaWithAndWithoutAWindow() {
		int heads = 4;
		int kvHeads = 2;
		int headDim = 64;
		int blockSize = 16;
		int maxBlocks = 4;
		int[] lens = { 37, 5 };
		int[] tables = { 2, 0, 5, 0, 4, 0, 0, 0 };
		int cacheBlocks = 6;
		float[] k = gaussian(cacheBlocks * blockSize * kvHeads * headDim);
		float[] v = gaussian(k.length);
		short[] kb = toBf16(k);
		short[] vb = toBf16(v);
		float[] q = gaussian(lens.length * heads * headDim);
		long out = alloc(4L * q.length);
		float scale = (float) (1 / Math.sqrt(headDim));
		DecoderKernels.PagedCache cache = new DecoderKernels.PagedCache(upload(MemorySegment.ofArray(kb)),
				upload(MemorySegment.ofArray(vb)), maxBlocks, heads, kvHeads, headDim, blockSize);
		for (int window : new int[] { 0, 8 }) {
			kernels.pagedAttentionDecode(0, out, upload(q), cache, uploadInts(tables), uploadInts(lens), lens.length,
					window, scale);
			float[] gpu = download(out, q.length);
			for (int s = 0; s < lens.length; s++) {
				int first = (window > 0 && lens[s] > window) ? lens[s] - window : 0;
				for (int h = 0; h < heads; h++) {
					int kvh = h / (heads / kvHeads);
					double[] scores = new double[lens[s]];
					double max = Double.NEGATIVE_INFINITY;
					for (int t = first; t < lens[s]; t++) {
						int base = ((tables[s * maxBlocks + t / blockSize] * blockSize + t % blockSize) * kvHeads + kvh)
								* headDim;
						double dot = 0;
						for (int d = 0; d < headDim; d++) {
							dot += q[(s * heads + h) * headDim + d] * scale * k[base + d];
						}
						scores[t] = dot;
						max = Math.max(max, dot);
					}
					double sum = 0;
					for (int t = first; t < lens[s]; t++) {
						sum += Math.exp(scores[t] - max);
					}
					for (int d = 0; d < headDim; d++) {
						double value = 0;
						for (int t = first; t < lens[s]; t++) {
							int base = ((tables[s * maxBlocks + t / blockSize] * blockSize + t % blockSize) * kvHeads
									+ kvh) * headDim;
							value += Math.exp(scores[t] - max) / sum * v[base + d];
						}
						assertThat(gpu[(s * heads + h) * headDim + d])
							.as("window %d sequence %d head %d dim %d", window, s, h, d)
							.isCloseTo((float) value, within(2e-3f));
					}
				}
			}
		}
	}

	private short[] toBf16(float[] values) {
		short[] out = new short[values.length];
		for (int i = 0; i < values.length; i++) {
			out[i] = (short) (Float.floatToRawIntBits(values[i]) >>> 16);
			values[i] = Float.intBitsToFloat(out[i] << 16);
		}
		return out;
	}

	private float[] gaussian(int n) {
		float[] values = new float[n];
		for (int i = 0; i < n; i++) {
			values[i] = (float) this.random.nextGaussian();
		}
		return values;
	}

	private static long alloc(long bytes) {
		long pointer = driver.allocate(bytes);
		allocations.add(pointer);
		return pointer;
	}

	private static long upload(float[] values) {
		return upload(MemorySegment.ofArray(values));
	}

	private static long uploadInts(int[] values) {
		return upload(MemorySegment.ofArray(values));
	}

	private static long upload(MemorySegment heap) {
		try (Arena arena = Arena.ofConfined()) {
			MemorySegment host = arena.allocate(heap.byteSize(), 16);
			host.copyFrom(heap);
			long pointer = alloc(heap.byteSize());
			driver.copyToDevice(pointer, host);
			return pointer;
		}
	}

	private static float[] download(long pointer, int count) {
		driver.synchronize(0);
		try (Arena arena = Arena.ofConfined()) {
			MemorySegment host = arena.allocate(4L * count, 16);
			driver.copyToHost(host, pointer);
			return host.toArray(ValueLayout.JAVA_FLOAT);
		}
	}

	private static int[] downloadInts(long pointer, int count) {
		driver.synchronize(0);
		try (Arena arena = Arena.ofConfined()) {
			MemorySegment host = arena.allocate(4L * count, 16);
			driver.copyToHost(host, pointer);
			return host.toArray(ValueLayout.JAVA_INT);
		}
	}

}
