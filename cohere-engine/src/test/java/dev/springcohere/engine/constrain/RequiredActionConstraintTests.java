package dev.springcohere.engine.constrain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import dev.springcohere.engine.constrain.RequiredActionConstraint.ActionTokens;

/**
 * The states of {@link RequiredActionConstraint} and {@link ExcludedTokensConstraint}
 * over a toy vocabulary: one token per ASCII byte (ids 0-127) and five special tokens.
 */
class RequiredActionConstraintTests {

	private static final int START_THINKING = 128;

	private static final int END_THINKING = 129;

	private static final int START_ACTION = 130;

	private static final int END_ACTION = 131;

	private static final int END_OF_TURN = 132;

	private static final int VOCAB = 133;

	private static final ActionTokens TOKENS = new ActionTokens(START_THINKING, END_THINKING, START_ACTION, END_ACTION);

	private static final GrammarMasker CALLS = new GrammarMasker(
			JsonGrammar.toolCalls(Map.of("get_weather", JsonMapper.builder().build().readTree("""
					{"type":"object","properties":{"city":{"type":"string"}},"required":["city"],
					 "additionalProperties":false}"""))), trie());

	private static TokenTrie trie() {
		byte[][] bytes = new byte[VOCAB][];
		boolean[] special = new boolean[VOCAB];
		for (int id = 0; id < VOCAB; id++) {
			bytes[id] = (id < 128) ? new byte[] { (byte) id } : ("<|" + id + "|>").getBytes(StandardCharsets.UTF_8);
			special[id] = id >= 128;
		}
		return new TokenTrie(bytes, special);
	}

	private static long[] planText() {
		long[] bits = new long[(VOCAB + 63) >>> 6];
		for (int id = 0; id < 128; id++) {
			bits[id >>> 6] |= 1L << id;
		}
		return bits;
	}

	private static RequiredActionConstraint constraint() {
		return new RequiredActionConstraint(CALLS, TOKENS, planText(), Set.of(END_OF_TURN));
	}

	private static List<Integer> allowed(RequiredActionConstraint constraint) {
		float[] logits = new float[VOCAB];
		constraint.mask(logits);
		List<Integer> ids = new ArrayList<>();
		for (int id = 0; id < VOCAB; id++) {
			if (logits[id] != Float.NEGATIVE_INFINITY) {
				ids.add(id);
			}
		}
		return ids;
	}

	private static void write(RequiredActionConstraint constraint, String text) {
		for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
			assertThat(allowed(constraint)).as("'%s' in %s", (char) b, text).contains((int) b);
			constraint.accept(b);
		}
	}

	@Test
	void planThenActionThenOnlyTheEnd() {
		RequiredActionConstraint constraint = constraint();
		assertThat(allowed(constraint)).containsExactly(START_THINKING, START_ACTION);
		assertThat(constraint.complete()).isFalse();
		constraint.accept(START_THINKING);
		List<Integer> plan = allowed(constraint);
		assertThat(plan).contains((int) 'I', END_THINKING).doesNotContain(START_ACTION, END_OF_TURN, END_ACTION);
		write(constraint, "I will look it up.");
		assertThat(constraint.complete()).isFalse();
		constraint.accept(END_THINKING);
		assertThat(allowed(constraint)).containsExactly(START_ACTION);
		constraint.accept(START_ACTION);
		assertThat(allowed(constraint)).doesNotContain(END_ACTION, END_OF_TURN);
		write(constraint, "[\n    {\"tool_call_id\": \"0\", \"tool_name\": \"get_weather\", \"parameters\": "
				+ "{\"city\": \"Oslo\"}}\n]");
		assertThat(allowed(constraint)).containsExactly(END_ACTION);
		assertThat(constraint.complete()).isFalse();
		constraint.accept(END_ACTION);
		assertThat(constraint.complete()).isTrue();
		assertThat(allowed(constraint)).containsExactly(END_OF_TURN);
		constraint.accept(END_OF_TURN);
	}

	@Test
	void actionMayComeWithoutAPlanButTheTurnMayNotEndBeforeIt() {
		RequiredActionConstraint constraint = constraint();
		assertThatIllegalArgumentException().isThrownBy(() -> constraint.accept(END_OF_TURN))
			.withMessageContaining("Token " + END_OF_TURN);
		assertThatIllegalArgumentException().isThrownBy(() -> constraint.accept('H'));
		constraint.accept(START_ACTION);
		assertThatIllegalArgumentException().isThrownBy(() -> constraint.accept('x'));
	}

	@Test
	void planRefusesSpecialTokensButItsEnd() {
		RequiredActionConstraint constraint = constraint();
		constraint.accept(START_THINKING);
		assertThatIllegalArgumentException().isThrownBy(() -> constraint.accept(START_ACTION))
			.withMessageContaining("tool plan");
		assertThatIllegalArgumentException().isThrownBy(() -> constraint.accept(END_OF_TURN));
	}

	@Test
	void withoutPlanTokensOnlyTheActionMayOpen() {
		RequiredActionConstraint constraint = new RequiredActionConstraint(CALLS,
				new ActionTokens(-1, -1, START_ACTION, END_ACTION), planText(), Set.of(END_OF_TURN));
		assertThat(allowed(constraint)).containsExactly(START_ACTION);
		assertThatIllegalArgumentException().isThrownBy(() -> new ActionTokens(START_THINKING, -1, 1, 2));
		assertThatIllegalArgumentException().isThrownBy(() -> new ActionTokens(-1, -1, -1, 2));
	}

	@Test
	void excludedTokensAreMaskedAndRefused() {
		ExcludedTokensConstraint none = new ExcludedTokensConstraint(START_ACTION, END_ACTION);
		float[] logits = new float[VOCAB];
		none.mask(logits);
		assertThat(logits[START_ACTION]).isEqualTo(Float.NEGATIVE_INFINITY);
		assertThat(logits[END_ACTION]).isEqualTo(Float.NEGATIVE_INFINITY);
		long open = 0;
		for (float logit : logits) {
			open += (logit == 0f) ? 1 : 0;
		}
		assertThat(open).isEqualTo(VOCAB - 2);
		none.accept('a');
		none.accept(END_OF_TURN);
		assertThat(none.complete()).isTrue();
		assertThatIllegalArgumentException().isThrownBy(() -> none.accept(START_ACTION));
		float[] tiny = new float[2];
		Arrays.fill(tiny, 1f);
		new ExcludedTokensConstraint(0).mask(tiny);
		assertThat(tiny[0]).isEqualTo(Float.NEGATIVE_INFINITY);
		assertThat(tiny[1]).isEqualTo(1f);
	}

}
