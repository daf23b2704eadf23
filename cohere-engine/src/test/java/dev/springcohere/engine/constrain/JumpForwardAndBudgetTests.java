package dev.springcohere.engine.constrain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import dev.springcohere.engine.constrain.RequiredActionConstraint.ActionTokens;
import dev.springcohere.engine.decode.ConstrainedSampling;
import dev.springcohere.engine.decode.Sampler;
import dev.springcohere.engine.decode.SamplingParams;

/**
 * Jump-forward and the token budget over a toy vocabulary (one token per ASCII byte, a
 * few multi-byte tokens, five special tokens): which tokens are forced, where forcing
 * stops, and how a sampled token that would break the budget is refused.
 */
class JumpForwardAndBudgetTests {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private static final int START_THINKING = 128;

	private static final int END_THINKING = 129;

	private static final int START_ACTION = 130;

	private static final int END_ACTION = 131;

	private static final int END_OF_TURN = 132;

	/** A token that opens an array and an object at once. */
	private static final int OPEN_ITEM = 133;

	private static final int VOCAB = 134;

	private static final TokenTrie TRIE = trie();

	private static TokenTrie trie() {
		byte[][] bytes = new byte[VOCAB][];
		boolean[] special = new boolean[VOCAB];
		for (int id = 0; id < VOCAB; id++) {
			bytes[id] = (id < 128) ? new byte[] { (byte) id } : ("<|" + id + "|>").getBytes(StandardCharsets.UTF_8);
			special[id] = id >= 128 && id < OPEN_ITEM;
		}
		bytes[OPEN_ITEM] = "[{".getBytes(StandardCharsets.UTF_8);
		return new TokenTrie(bytes, special);
	}

	private static String text(int[] ids) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (int id : ids) {
			out.writeBytes(
					(id < 128 || id == OPEN_ITEM) ? TRIE.bytes(id) : ("<" + id + ">").getBytes(StandardCharsets.UTF_8));
		}
		return out.toString(StandardCharsets.UTF_8);
	}

	private static void write(RequiredActionConstraint constraint, String text) {
		for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
			constraint.accept(b);
		}
	}

	@Test
	void forcedRunsSpellTheActionEnvelopePropertyNamesAndClosingBrackets() {
		GrammarMasker calls = new GrammarMasker(JsonGrammar.toolCalls(Map.of("get_weather", MAPPER.readTree("""
				{"type":"object","properties":{"city":{"type":"string"}},"required":["city"],
				 "additionalProperties":false}"""))), TRIE);
		long[] plan = new long[(VOCAB + 63) >>> 6];
		RequiredActionConstraint constraint = new RequiredActionConstraint(calls,
				new ActionTokens(START_THINKING, END_THINKING, START_ACTION, END_ACTION), plan, Set.of(END_OF_TURN));
		// with a plan to choose, nothing is forced yet
		assertThat(constraint.forced(100)).isEmpty();
		constraint.accept(START_THINKING);
		constraint.accept(END_THINKING);
		assertThat(text(ConstrainedSampling.forced(constraint, 100))).isEqualTo("<130>[\n    {\"tool_call_id\": \"");
		write(constraint, "0\"");
		assertThat(text(ConstrainedSampling.forced(constraint, 100)))
			.isEqualTo(", \"tool_name\": \"get_weather\", \"parameters\": {\"city\":");
		write(constraint, " \"Oslo\"");
		assertThat(text(ConstrainedSampling.forced(constraint, 100))).isEqualTo("}}");
		write(constraint, "\n]");
		assertThat(ConstrainedSampling.forced(constraint, 100)).containsExactly(END_ACTION);
		assertThat(constraint.complete()).isTrue();
	}

	@Test
	void forcingStopsWhereTheBudgetWouldNotLeaveRoomToFinish() {
		GrammarMasker masker = new GrammarMasker(JsonGrammar.compile(MAPPER.readTree("""
				{"type":"object","properties":{"first_name":{"type":"string"},"last_name":{"type":"string"}},
				 "required":["first_name","last_name"]}""")), TRIE);
		JsonConstraint constraint = JsonConstraint.wholeOutput(masker, new int[] { START_ACTION },
				new int[] { END_ACTION }, Set.of(END_OF_TURN));
		int minimal = constraint.minimalTokens();
		// <130>{"first_name":"","last_name":""}<131><132>
		assertThat(minimal).isEqualTo(1 + 32 + 2);
		assertThat(text(constraint.forced(minimal))).isEqualTo("<130>{\"first_name\":");
		assertThat(constraint.forced(3)).hasSizeLessThanOrEqualTo(3);
		assertThat(text(constraint.forced(1))).isEqualTo("<130>");
	}

	@Test
	void aSampledTokenThatWouldBreakTheBudgetIsRefusedAndSampledAgain() {
		GrammarMasker masker = new GrammarMasker(JsonGrammar.compile(MAPPER.readTree("""
				{"type":"object","properties":{"xs":{"type":"array","items":{"type":"object","properties":{
				 "alpha":{"type":"integer"},"bravo":{"type":"integer"},"charlie":{"type":"integer"},
				 "delta":{"type":"integer"},"echo":{"type":"integer"}},"required":["alpha","bravo","charlie","delta",
				 "echo"]}}},"required":["xs"]}""")), TRIE);
		JsonConstraint constraint = JsonConstraint.wholeOutput(masker, new int[0], new int[0], Set.of(END_OF_TURN));
		for (byte b : "{\"xs\":".getBytes(StandardCharsets.UTF_8)) {
			constraint.accept(b);
		}
		// the completion from here is []} and the end token; one item costs 49 tokens
		// more
		int remaining = 4 + JsonConstraint.SLACK + 10;
		float[] logits = new float[VOCAB];
		logits[OPEN_ITEM] = 10;
		logits['['] = 5;
		int chosen = ConstrainedSampling.next(new Sampler(SamplingParams.greedy()), logits, constraint, remaining);
		assertThat(chosen).isEqualTo('[');
		// with room for the item, the token is taken
		JsonConstraint roomy = JsonConstraint.wholeOutput(masker, new int[0], new int[0], Set.of(END_OF_TURN));
		for (byte b : "{\"xs\":".getBytes(StandardCharsets.UTF_8)) {
			roomy.accept(b);
		}
		float[] again = new float[VOCAB];
		again[OPEN_ITEM] = 10;
		assertThat(ConstrainedSampling.next(new Sampler(SamplingParams.greedy()), again, roomy, 200))
			.isEqualTo(OPEN_ITEM);
	}

	@Test
	void nearTheEndOnlyTokensThatLeaveRoomAreAllowedAndTheWitnessAlwaysIs() {
		GrammarMasker masker = new GrammarMasker(JsonGrammar.compile(MAPPER.readTree("""
				{"type":"object","properties":{"note":{"type":"string"}},"required":["note"]}""")), TRIE);
		JsonConstraint constraint = JsonConstraint.wholeOutput(masker, new int[0], new int[0], Set.of(END_OF_TURN));
		for (byte b : "{\"note\":\"ab".getBytes(StandardCharsets.UTF_8)) {
			constraint.accept(b);
		}
		// "} and the end token: exactly the budget, so only the quote may come
		float[] logits = new float[VOCAB];
		constraint.mask(logits, 3);
		for (int id = 0; id < VOCAB; id++) {
			assertThat(logits[id] != Float.NEGATIVE_INFINITY).as("token %d", id).isEqualTo(id == '"');
		}
		// one more token of budget: string content may go on
		float[] more = new float[VOCAB];
		constraint.mask(more, 4);
		assertThat(more['x']).isZero();
		assertThat(more['"']).isZero();
		assertThat(more[OPEN_ITEM]).isZero();
		assertThat(more['\\']).isEqualTo(Float.NEGATIVE_INFINITY);
	}

}
