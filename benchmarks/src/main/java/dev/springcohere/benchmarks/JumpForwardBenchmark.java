package dev.springcohere.benchmarks;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.json.JsonMapper;

import dev.springcohere.engine.constrain.GrammarMasker;
import dev.springcohere.engine.constrain.JsonConstraint;
import dev.springcohere.engine.constrain.JsonGrammar;
import dev.springcohere.engine.constrain.TokenTrie;
import dev.springcohere.engine.cpu.VectorKernels;
import dev.springcohere.engine.decode.CohereModel;
import dev.springcohere.engine.decode.ConstrainedSampling;
import dev.springcohere.engine.decode.DecodeSession;
import dev.springcohere.engine.model.DType;
import dev.springcohere.engine.model.ModelConfig;
import dev.springcohere.engine.model.ModelWeights;
import dev.springcohere.engine.model.Tensor;
import dev.springcohere.engine.tokenizer.HfTokenizer;

/**
 * Jump-forward on a tool call: one Command R7B action (the one
 * {@link ConstrainedMaskBenchmark} walks) written under its {@code strict_tools} grammar
 * through a Cohere2-shaped model with random weights (hidden 1024, 12 layers, Llama 3's
 * 128k vocabulary), with and without jump-forward. The model's choices are replayed from
 * the reference text (at each sampled step the allowed token spelling most of what comes
 * next), so both modes write the same bytes and differ only in how: one decode step per
 * token, or the forced runs (the call envelope, property names, {@code ":}, closing
 * brackets) fed as one batched pass. Prints, per mode, the tokens, the decode steps and
 * the batched passes of one call; the score is the time of one call (prompt prefill
 * included).
 * <p>
 * Needs the tokenizer files of {@code benchmarks/scripts/fetch-tokenizers.sh}; run with
 * {@code java -jar benchmarks/target/benchmarks.jar JumpForwardBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = { "--add-modules=jdk.incubator.vector", "-Xmx4g" })
public class JumpForwardBenchmark {

	private static final String SEARCH_FLIGHTS = """
			{"type":"object","additionalProperties":false,
			 "properties":{
			  "from":{"type":"string","pattern":"[A-Z]{3}"},
			  "to":{"type":"string","pattern":"[A-Z]{3}"},
			  "date":{"type":"string","format":"date"},
			  "passengers":{"type":"object","additionalProperties":false,
			   "properties":{"adults":{"type":"integer","minimum":1,"maximum":9},
			    "children":{"type":"integer","minimum":0,"maximum":9}},"required":["adults"]},
			  "cabin":{"enum":["economy","premium","business","first"]},
			  "max_price":{"type":"number","minimum":0,"maximum":100000},
			  "airlines":{"type":"array","maxItems":5,"items":{"type":"string","pattern":"[A-Z0-9]{2}"}},
			  "notes":{"type":"string","maxLength":200}},
			 "required":["from","to","date","passengers","cabin","max_price","airlines","notes"]}""";

	private static final String ACTION = """
			[
			    {"tool_call_id": "0", "tool_name": "search_flights", "parameters": {"from": "SFO", "to": "CDG", \
			"date": "2025-03-14", "passengers": {"adults": 2, "children": 1}, "cabin": "economy", "max_price": 1200.5, \
			"airlines": ["AF", "UA"], "notes": "window seat, vegetarian meal if possible"}}
			]""";

	private static final String CONFIG = """
			{"architectures":["Cohere2ForCausalLM"],"model_type":"cohere2","hidden_size":1024,
			 "intermediate_size":3584,"num_hidden_layers":12,"num_attention_heads":16,"num_key_value_heads":4,
			 "head_dim":64,"vocab_size":%d,"max_position_embeddings":8192,"rope_theta":50000.0,
			 "sliding_window":4096,"sliding_window_pattern":4,"order_of_interleaved_layers":"local_attn_first",
			 "position_embedding_type":"rope_gptj","layer_norm_eps":1e-05,"logit_scale":0.25,"hidden_act":"silu",
			 "attention_bias":false,"tie_word_embeddings":true,"bos_token_id":%d,"eos_token_id":%d,"pad_token_id":0}""";

	private static final ValueLayout.OfShort SHORT_LE = ValueLayout.JAVA_SHORT_UNALIGNED
		.withOrder(ByteOrder.LITTLE_ENDIAN);

	/** Whether forced tokens are fed in one batched pass. */
	@Param({ "true", "false" })
	public boolean jumpForward;

	private VectorKernels kernels;

	private ModelWeights weights;

	private CohereModel model;

	private GrammarMasker masker;

	private byte[][] tokenBytes;

	private Map<ByteBuffer, Integer> idsByBytes;

	private int maxTokenLength;

	private int[] prompt;

	private int end;

	private int tokens;

	private int steps;

	private int batches;

	/**
	 * Loads the vocabulary, makes the random model and compiles the grammar.
	 * @throws Exception if the tokenizer files are missing
	 */
	@Setup(Level.Trial)
	public void setUp() throws Exception {
		Path dir = Path.of(System.getProperty("tokenizers.dir", "benchmarks/tokenizers"), "llama3");
		if (!Files.isRegularFile(dir.resolve("tokenizer.json"))) {
			throw new IllegalStateException("No " + dir.resolve("tokenizer.json")
					+ "; run benchmarks/scripts/fetch-tokenizers.sh first (or set -Dtokenizers.dir)");
		}
		try (HfTokenizer tok = HfTokenizer.load(dir)) {
			int n = tok.vocabSize();
			this.tokenBytes = new byte[n][];
			boolean[] special = new boolean[n];
			this.idsByBytes = new HashMap<>();
			for (int id = 0; id < n; id++) {
				this.tokenBytes[id] = tok.tokenBytes(id);
				special[id] = tok.isSpecial(id);
				if (!special[id] && this.tokenBytes[id].length > 0) {
					this.idsByBytes.putIfAbsent(ByteBuffer.wrap(this.tokenBytes[id]), id);
					this.maxTokenLength = Math.max(this.maxTokenLength, this.tokenBytes[id].length);
				}
			}
			this.end = tok.specialTokens().eos().orElse(n - 1);
			this.prompt = tok.encode("Find me a flight from San Francisco to Paris on March 14 for two adults and "
					+ "one child, economy, under 1200 dollars, Air France or United; a window seat and a vegetarian "
					+ "meal if possible.", false);
			this.masker = new GrammarMasker(
					JsonGrammar
						.toolCalls(Map.of("search_flights", JsonMapper.builder().build().readTree(SEARCH_FLIGHTS))),
					new TokenTrie(this.tokenBytes, special));
			ModelConfig config = ModelConfig.parse(CONFIG.formatted(n, 0, this.end), "synthetic");
			this.weights = randomWeights(config);
			this.kernels = new VectorKernels(Runtime.getRuntime().availableProcessors());
			this.model = new CohereModel(this.weights, this.kernels);
		}
	}

	/** Frees the model. */
	@TearDown(Level.Trial)
	public void tearDown() {
		System.out.println("\njumpForward=" + this.jumpForward + ": " + this.tokens + " tokens, " + this.steps
				+ " decode steps, " + this.batches + " batched passes of forced tokens");
		this.weights.close();
		this.kernels.close();
	}

	/**
	 * Writes the tool call.
	 * @return the tokens written
	 */
	@Benchmark
	public int toolCall() {
		byte[] reference = ACTION.getBytes(StandardCharsets.UTF_8);
		DecodeSession session = this.model.newSession(4096);
		float[] logits = session.prefill(this.prompt);
		JsonConstraint constraint = JsonConstraint.wholeOutput(this.masker, new int[0], new int[0], Set.of(this.end));
		int pos = 0;
		int written = 0;
		int decoded = 0;
		int passes = 0;
		while (!constraint.complete()) {
			int remaining = 1000 - written;
			int[] forced = this.jumpForward ? ConstrainedSampling.forced(constraint, remaining) : new int[0];
			if (forced.length > 0) {
				for (int id : forced) {
					pos += (id == this.end) ? 0 : this.tokenBytes[id].length;
				}
				written += forced.length;
				passes++;
				logits = session.prefill(forced);
				continue;
			}
			constraint.mask(logits, remaining);
			int next = replay(logits, reference, pos);
			constraint.accept(next);
			pos += (next == this.end) ? 0 : this.tokenBytes[next].length;
			written++;
			decoded++;
			logits = session.step(next);
		}
		if (pos != reference.length) {
			throw new IllegalStateException("The replay wrote " + pos + " of " + reference.length + " bytes");
		}
		this.tokens = written;
		this.steps = decoded;
		this.batches = passes;
		return written;
	}

	/**
	 * The allowed token that spells the most of what comes next in the reference (the end
	 * token at its end).
	 */
	private int replay(float[] logits, byte[] reference, int pos) {
		if (pos == reference.length) {
			return this.end;
		}
		for (int length = Math.min(this.maxTokenLength, reference.length - pos); length > 0; length--) {
			Integer id = this.idsByBytes.get(ByteBuffer.wrap(reference, pos, length).slice());
			if (id != null && logits[id] != Float.NEGATIVE_INFINITY) {
				return id;
			}
		}
		throw new IllegalStateException("No allowed token continues the reference at byte " + pos);
	}

	/** Random bf16 weights in the config's shapes (norm weights are ones). */
	private static ModelWeights randomWeights(ModelConfig c) {
		Arena arena = Arena.ofShared();
		SplittableRandom random = new SplittableRandom(42);
		Map<String, Tensor> tensors = new LinkedHashMap<>();
		long h = c.hiddenSize();
		long q = (long) c.numAttentionHeads() * c.headDim();
		long kv = (long) c.numKeyValueHeads() * c.headDim();
		long inter = c.intermediateSize();
		put(tensors, arena, random, "model.embed_tokens.weight", false, c.vocabSize(), h);
		put(tensors, arena, random, "model.norm.weight", true, h);
		for (int i = 0; i < c.numHiddenLayers(); i++) {
			String p = "model.layers." + i + ".";
			put(tensors, arena, random, p + "input_layernorm.weight", true, h);
			put(tensors, arena, random, p + "self_attn.q_proj.weight", false, q, h);
			put(tensors, arena, random, p + "self_attn.k_proj.weight", false, kv, h);
			put(tensors, arena, random, p + "self_attn.v_proj.weight", false, kv, h);
			put(tensors, arena, random, p + "self_attn.o_proj.weight", false, h, q);
			put(tensors, arena, random, p + "mlp.gate_proj.weight", false, inter, h);
			put(tensors, arena, random, p + "mlp.up_proj.weight", false, inter, h);
			put(tensors, arena, random, p + "mlp.down_proj.weight", false, h, inter);
		}
		return ModelWeights.of(c, tensors, List.of(), arena);
	}

	private static void put(Map<String, Tensor> tensors, Arena arena, SplittableRandom random, String name,
			boolean ones, long... shape) {
		long n = 1;
		for (long d : shape) {
			n *= d;
		}
		MemorySegment segment = arena.allocate(n * 2, 64);
		for (long i = 0; i < n; i++) {
			float v = ones ? 1f : (float) ((random.nextDouble() * 2 - 1) * 0.02);
			segment.setAtIndex(SHORT_LE, i, (short) (Float.floatToRawIntBits(v) >>> 16));
		}
		tensors.put(name, new Tensor(name, DType.BF16, java.util.Arrays.stream(shape).boxed().toList(), segment));
	}

}
