package dev.springcohere.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import dev.springcohere.engine.cpu.VectorKernels;
import dev.springcohere.engine.encode.EmbeddingEncoder;
import dev.springcohere.engine.encode.EncoderBatcher;

/**
 * Embed requests of one short text (32 tokens) from 16 concurrent callers, and from one
 * caller alone, on an embedding model of all-MiniLM-L6-v2's shape (BERT, 6 layers, hidden
 * 384, 12 heads, intermediate 1536; random bf16 weights written at setup): each caller
 * runs its own encoder call ({@code batched=false}, as the local backend did before), or
 * the calls go through an {@link EncoderBatcher} that joins the waiting ones into one
 * call ({@code batched=true}, as the local backend does now). Run with
 * {@code java --add-modules jdk.incubator.vector -jar benchmarks/target/benchmarks.jar EncoderBatchingBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = { "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED" })
public class EncoderBatchingBenchmark {

	private static final int TOKENS = 32;

	/** Whether the calls go through the batcher. */
	@Param({ "false", "true" })
	public boolean batched;

	private Path dir;

	private VectorKernels kernels;

	private EmbeddingEncoder encoder;

	private EncoderBatcher<int[], float[]> batcher;

	/**
	 * Writes the synthetic checkpoint and opens it.
	 * @throws IOException if the checkpoint cannot be written
	 */
	@Setup
	public void setUp() throws IOException {
		this.dir = Files.createTempDirectory("encoder-batching");
		SyntheticEncoder.write(this.dir);
		this.kernels = new VectorKernels(Runtime.getRuntime().availableProcessors());
		this.encoder = EmbeddingEncoder.open(this.dir, this.kernels);
		this.batcher = new EncoderBatcher<>("embed", 64, this.encoder::embedTokens);
	}

	/**
	 * Closes the encoder and deletes the checkpoint.
	 * @throws IOException if the checkpoint cannot be deleted
	 */
	@TearDown
	public void tearDown() throws IOException {
		this.batcher.close();
		this.encoder.close();
		this.kernels.close();
		try (Stream<Path> files = Files.walk(this.dir)) {
			for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(file);
			}
		}
	}

	/**
	 * One caller's texts: random token ids between {@code [CLS]} and {@code [SEP]}.
	 */
	@State(Scope.Thread)
	public static class Caller {

		private final SplittableRandom random = new SplittableRandom(Thread.currentThread().threadId());

		int[] next() {
			int[] ids = new int[TOKENS];
			ids[0] = 101;
			for (int i = 1; i < TOKENS - 1; i++) {
				ids[i] = 1000 + this.random.nextInt(SyntheticEncoder.VOCAB - 1000);
			}
			ids[TOKENS - 1] = 102;
			return ids;
		}

	}

	/**
	 * Sixteen callers embed one text each per call.
	 * @param caller the caller's state
	 * @return the embedding
	 */
	@Benchmark
	@Threads(16)
	public float[] concurrent16(Caller caller) {
		return embed(caller.next());
	}

	/**
	 * One caller embeds one text per call (the batcher must add no latency).
	 * @param caller the caller's state
	 * @return the embedding
	 */
	@Benchmark
	@Threads(1)
	public float[] lone(Caller caller) {
		return embed(caller.next());
	}

	private float[] embed(int[] ids) {
		List<int[]> texts = List.of(ids);
		return this.batched ? this.batcher.run(texts).getFirst() : this.encoder.embedTokens(texts).getFirst();
	}

}
