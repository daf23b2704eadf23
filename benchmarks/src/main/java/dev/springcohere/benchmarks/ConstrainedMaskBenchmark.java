package dev.springcohere.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.springcohere.engine.constrain.GrammarMasker;
import dev.springcohere.engine.constrain.GrammarState;
import dev.springcohere.engine.constrain.JsonGrammar;
import dev.springcohere.engine.constrain.TokenTrie;
import dev.springcohere.engine.tokenizer.HfTokenizer;

/**
 * Time to compute one constrained-decoding mask for a nested tool schema on a real large
 * vocabulary: the grammar states are those before each token of a realistic tool call (a
 * Command R7B action), tokenized by the vocabulary itself. {@code coldMask} walks the
 * token trie every time (no cache); {@code cachedMask} is the lookup a generation pays
 * once the state was seen; {@code cachedMaskApplied} adds setting the disallowed logits
 * to negative infinity over the whole vocabulary, the full per-token overhead. Near the
 * end of a token budget the masks also weigh what completing the document costs after
 * each token: {@code coldBudgetMask} is that mask computed from scratch (a budget a few
 * tokens short of every token's completion), and {@code coldCompletion} the shortest
 * completion of the state spelled in tokens, which the budget keeps (the witness).
 * <p>
 * Needs the tokenizer files, fetched at build time by
 * {@code benchmarks/scripts/fetch-tokenizers.sh}; run with
 * {@code java -jar benchmarks/target/benchmarks.jar ConstrainedMaskBenchmark -p tokenizer=llama3}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ConstrainedMaskBenchmark {

	private static final String TOOL_SCHEMA = """
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
			 "required":["from","to","date","passengers"]}""";

	private static final String HOTEL_SCHEMA = """
			{"type":"object","properties":{"city":{"type":"string"},"nights":{"type":"integer","minimum":1}},
			 "required":["city","nights"]}""";

	private static final String ACTION = """
			[
			    {"tool_call_id": "0", "tool_name": "search_flights", "parameters": {"from": "SFO", "to": "CDG", \
			"date": "2025-03-14", "passengers": {"adults": 2, "children": 1}, "cabin": "economy", "max_price": 1200.5, \
			"airlines": ["AF", "UA"], "notes": "window seat, vegetarian meal if possible"}}
			]""";

	/** The tokenizer folder under benchmarks/tokenizers. */
	@Param({ "llama3", "gpt4o", "gemma3" })
	public String tokenizer;

	private GrammarMasker masker;

	private List<GrammarState> states;

	private float[] logits;

	private int next;

	/**
	 * Loads the vocabulary, compiles the grammar and collects the states along the sample
	 * action.
	 * @throws Exception if the tokenizer files are missing
	 */
	@Setup(Level.Trial)
	public void setUp() throws Exception {
		Path dir = Path.of(System.getProperty("tokenizers.dir", "benchmarks/tokenizers"), this.tokenizer);
		if (!Files.isRegularFile(dir.resolve("tokenizer.json"))) {
			throw new IllegalStateException("No " + dir.resolve("tokenizer.json")
					+ "; run benchmarks/scripts/fetch-tokenizers.sh first (or set -Dtokenizers.dir)");
		}
		JsonMapper mapper = JsonMapper.builder().build();
		JsonGrammar grammar = JsonGrammar.toolCalls(
				Map.of("search_flights", mapper.readTree(TOOL_SCHEMA), "book_hotel", mapper.readTree(HOTEL_SCHEMA)));
		try (HfTokenizer tok = HfTokenizer.load(dir)) {
			int n = tok.vocabSize();
			byte[][] bytes = new byte[n][];
			boolean[] special = new boolean[n];
			for (int id = 0; id < n; id++) {
				bytes[id] = tok.tokenBytes(id);
				special[id] = tok.isSpecial(id);
			}
			TokenTrie trie = new TokenTrie(bytes, special);
			this.masker = new GrammarMasker(grammar, trie);
			this.states = new ArrayList<>();
			GrammarState state = grammar.start();
			for (int id : tok.encode(ACTION, false)) {
				this.states.add(state);
				state = grammar.advance(state, bytes[id]);
				if (state == null) {
					throw new IllegalStateException("The sample action does not follow the grammar at token " + id);
				}
			}
			if (!state.accepting()) {
				throw new IllegalStateException("The sample action is incomplete");
			}
			this.logits = new float[n];
			System.out.println("\n" + this.tokenizer + ": " + n + " tokens, " + trie.nodeCount() + " trie nodes, "
					+ this.states.size() + " states along the action");
		}
		for (GrammarState s : this.states) {
			this.masker.mask(s);
		}
	}

	/** Resets the state cursor. */
	@TearDown(Level.Iteration)
	public void rewind() {
		this.next = 0;
	}

	private GrammarState nextState() {
		GrammarState s = this.states.get(this.next);
		this.next = (this.next + 1 == this.states.size()) ? 0 : this.next + 1;
		return s;
	}

	/**
	 * One mask computed from scratch.
	 * @return the mask
	 */
	@Benchmark
	public long[] coldMask() {
		return this.masker.computeMask(nextState());
	}

	/**
	 * One budget mask computed from scratch: the tokens after which the shortest
	 * completion fits a tight budget.
	 * @return the mask
	 */
	@Benchmark
	public long[] coldBudgetMask() {
		GrammarState s = nextState();
		return this.masker.computeBudgetMask(s, this.masker.completionCost(s) + 2);
	}

	/**
	 * The shortest completion of a state, spelled with the fewest tokens.
	 * @return the token ids
	 */
	@Benchmark
	public int[] coldCompletion() {
		return this.masker.completion(nextState());
	}

	/**
	 * One mask from the state cache.
	 * @return the mask
	 */
	@Benchmark
	public long[] cachedMask() {
		return this.masker.mask(nextState());
	}

	/**
	 * One cached mask applied to a vocabulary's logits.
	 * @return the logits
	 */
	@Benchmark
	public float[] cachedMaskApplied() {
		GrammarMasker.applyTo(this.masker.mask(nextState()), this.logits);
		return this.logits;
	}

}
