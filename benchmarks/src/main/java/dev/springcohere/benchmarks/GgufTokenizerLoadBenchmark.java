package dev.springcohere.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
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
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.springcohere.engine.tokenizer.HfTokenizer;

/**
 * The start-up cost of a GGUF model's tokenizer: loading a tokenizer from a {@code .gguf}
 * file (reading the {@code tokenizer.*} metadata arrays from the mapped file, rebuilding
 * {@code tokenizer.json} in memory, handing it to Hugging Face tokenizers) against
 * loading the same vocabulary from its {@code tokenizer.json}. The vocabularies are real
 * large byte-level BPE files (Llama 3, 128,256 tokens; GPT-4o's o200k, 200,000 tokens),
 * converted in the set-up to the GGUF keys llama.cpp writes (tokens by id, token types,
 * merges, special ids) with the {@code gpt-2} pre-tokenizer.
 * <p>
 * Needs the tokenizer files of {@code benchmarks/scripts/fetch-tokenizers.sh}; run with
 * {@code java -jar benchmarks/target/benchmarks.jar GgufTokenizerLoadBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 7)
@Fork(value = 1, jvmArgsAppend = { "-Xmx4g" })
public class GgufTokenizerLoadBenchmark {

	@Param({ "llama3", "gpt4o" })
	public String vocabulary;

	private Path work;

	private Path jsonDir;

	private Path gguf;

	@Setup
	public void setUp() throws IOException {
		Path source = Path.of("benchmarks/tokenizers", this.vocabulary, "tokenizer.json");
		if (!Files.isRegularFile(source)) {
			throw new IllegalStateException(source.toAbsolutePath() + " is missing: run "
					+ "benchmarks/scripts/fetch-tokenizers.sh from the repository root first");
		}
		this.work = Files.createTempDirectory("gguf-tokenizer-bench");
		this.jsonDir = Files.createDirectories(this.work.resolve("json"));
		Files.copy(source, this.jsonDir.resolve("tokenizer.json"));
		this.gguf = Files.write(this.work.resolve("tokenizer.gguf"), ggufOf(source));
	}

	@TearDown
	public void tearDown() throws IOException {
		try (Stream<Path> files = Files.walk(this.work)) {
			for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(p);
			}
		}
	}

	@Benchmark
	public int fromTokenizerJson() {
		try (HfTokenizer tokenizer = HfTokenizer.load(this.jsonDir)) {
			return tokenizer.vocabSize();
		}
	}

	@Benchmark
	public int fromGguf() {
		try (HfTokenizer tokenizer = HfTokenizer.load(this.gguf)) {
			return tokenizer.vocabSize();
		}
	}

	/**
	 * The tokenizer keys llama.cpp's converter writes for a byte-level BPE vocabulary.
	 */
	static byte[] ggufOf(Path tokenizerJson) throws IOException {
		JsonNode root = JsonMapper.builder().build().readTree(Files.readString(tokenizerJson));
		JsonNode vocab = root.path("model").path("vocab");
		int size = 0;
		for (Map.Entry<String, JsonNode> e : vocab.properties()) {
			size = Math.max(size, e.getValue().asInt() + 1);
		}
		for (JsonNode added : root.path("added_tokens")) {
			size = Math.max(size, added.path("id").asInt() + 1);
		}
		String[] tokens = new String[size];
		int[] types = new int[size];
		java.util.Arrays.fill(types, 1);
		for (Map.Entry<String, JsonNode> e : vocab.properties()) {
			tokens[e.getValue().asInt()] = e.getKey();
		}
		for (JsonNode added : root.path("added_tokens")) {
			tokens[added.path("id").asInt()] = added.path("content").asString();
			types[added.path("id").asInt()] = added.path("special").asBoolean() ? 3 : 4;
		}
		for (int i = 0; i < size; i++) {
			if (tokens[i] == null) {
				tokens[i] = "[PAD" + i + "]";
				types[i] = 5;
			}
		}
		List<String> merges = new ArrayList<>();
		for (JsonNode merge : root.path("model").path("merges")) {
			merges.add(merge.isArray() ? merge.get(0).asString() + " " + merge.get(1).asString() : merge.asString());
		}
		ByteArrayOutputStream kv = new ByteArrayOutputStream();
		int count = 0;
		count += key(kv, "tokenizer.ggml.model", 8, string("gpt2"));
		count += key(kv, "tokenizer.ggml.pre", 8, string("gpt-2"));
		count += key(kv, "tokenizer.ggml.tokens", 9, strings(List.of(tokens)));
		ByteBuffer typeArray = le(12 + 4L * size).putInt(5).putLong(size);
		for (int type : types) {
			typeArray.putInt(type);
		}
		count += key(kv, "tokenizer.ggml.token_type", 9, typeArray.array());
		count += key(kv, "tokenizer.ggml.merges", 9, strings(merges));
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(le(24).putInt(0x46554747).putInt(3).putLong(0).putLong(count).array());
		out.writeBytes(kv.toByteArray());
		return out.toByteArray();
	}

	private static int key(ByteArrayOutputStream out, String key, int type, byte[] value) {
		out.writeBytes(string(key));
		out.writeBytes(le(4).putInt(type).array());
		out.writeBytes(value);
		return 1;
	}

	private static byte[] strings(List<String> values) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(le(12).putInt(8).putLong(values.size()).array());
		values.forEach((v) -> out.writeBytes(string(v)));
		return out.toByteArray();
	}

	private static byte[] string(String value) {
		byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
		return le(8L + bytes.length).putLong(bytes.length).put(bytes).array();
	}

	private static ByteBuffer le(long size) {
		return ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
	}

}
