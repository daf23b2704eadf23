package dev.springcohere.engine.constrain;

import java.util.Objects;
import java.util.Set;

import dev.springcohere.engine.decode.TokenConstraint;

/**
 * Makes a generation call at least one tool ({@code tool_choice: REQUIRED}) in the
 * Command R7B format: an optional tool plan {@code <|START_THINKING|>…<|END_THINKING|>},
 * then {@code <|START_ACTION|>}, a JSON list of tool calls kept inside the tool-call
 * grammar ({@link JsonGrammar#toolCalls}), {@code <|END_ACTION|>}, and then only an end
 * token. The plan is free text, but no special token other than {@code <|END_THINKING|>}
 * may appear in it, so the turn cannot end, and no answer can start, before the action.
 * <p>
 * Token budget: the plan may only open, and go on, while the budget still leaves room for
 * its end and the shortest action ({@link #minimalTokens}); inside the action the JSON's
 * own budget rules apply ({@link JsonConstraint}). Not thread-safe; one per generation.
 *
 * @since 0.1.0
 */
public final class RequiredActionConstraint implements TokenConstraint {

	private enum Phase {

		OPEN, PLAN, ACT, ACTION, END

	}

	private final ActionTokens tokens;

	private final long[] planText;

	private final Set<Integer> endIds;

	private final JsonConstraint action;

	private final int vocabSize;

	private Phase phase = Phase.OPEN;

	/**
	 * Creates the constraint.
	 * @param calls the grammar of the action's tool-call list over the vocabulary
	 * @param tokens the ids of the format's special tokens
	 * @param planText the tokens allowed inside the tool plan besides
	 * {@code <|END_THINKING|>}, as a bitset over token ids (ordinary text: no special
	 * token); not copied, do not modify
	 * @param endIds the tokens that may end the turn after the action
	 * @throws IllegalArgumentException if {@code endIds} is empty
	 */
	public RequiredActionConstraint(GrammarMasker calls, ActionTokens tokens, long[] planText, Set<Integer> endIds) {
		Objects.requireNonNull(calls, "'calls' must not be null");
		this.tokens = Objects.requireNonNull(tokens, "'tokens' must not be null");
		this.planText = Objects.requireNonNull(planText, "'planText' must not be null");
		if (endIds.isEmpty()) {
			throw new IllegalArgumentException("'endIds' must not be empty");
		}
		this.endIds = Set.copyOf(endIds);
		this.action = JsonConstraint.triggered(calls, tokens.startAction(), tokens.endAction());
		this.vocabSize = calls.trie().vocabSize();
	}

	@Override
	public void mask(float[] logits) {
		mask(logits, Integer.MAX_VALUE / 2);
	}

	@Override
	public void mask(float[] logits, int remaining) {
		if (this.phase == Phase.ACTION) {
			// room for the end token after the action
			this.action.mask(logits, remaining - 1);
			return;
		}
		if (!GrammarMasker.applyTo(allowed(remaining), logits)) {
			throw new IllegalStateException("No token of the model's vocabulary may continue the tool plan");
		}
	}

	/**
	 * The fewest tokens from the start: {@code <|START_ACTION|>}, the shortest tool-call
	 * list, {@code <|END_ACTION|>} and an end token.
	 * @return the token count
	 */
	@Override
	public int minimalTokens() {
		return this.action.actionTokens() + 1;
	}

	@Override
	public boolean allows(int tokenId, int remaining) {
		return this.phase != Phase.ACTION || this.action.allows(tokenId, remaining - 1);
	}

	@Override
	public int[] forced(int remaining) {
		if (this.phase == Phase.ACTION) {
			return this.action.forced(remaining - 1);
		}
		if (this.phase == Phase.ACT || (this.phase == Phase.OPEN && !this.tokens.hasPlan())) {
			return new int[] { this.tokens.startAction() };
		}
		return NO_TOKENS;
	}

	private long[] allowed(int remaining) {
		long[] mask = new long[(Math.max(this.vocabSize, maxId() + 1) + 63) >>> 6];
		switch (this.phase) {
			case OPEN -> {
				set(mask, this.tokens.startAction());
				if (this.tokens.hasPlan() && remaining >= 2 + minimalTokens()) {
					set(mask, this.tokens.startThinking());
				}
			}
			case PLAN -> {
				if (remaining >= 2 + minimalTokens()) {
					System.arraycopy(this.planText, 0, mask, 0, Math.min(this.planText.length, mask.length));
				}
				set(mask, this.tokens.endThinking());
			}
			case ACT -> set(mask, this.tokens.startAction());
			case END -> {
				for (int id : this.endIds) {
					set(mask, id);
				}
			}
			default -> throw new IllegalStateException("No fixed mask in " + this.phase);
		}
		return mask;
	}

	private int maxId() {
		int max = Math.max(this.tokens.startAction(), this.tokens.endThinking());
		for (int id : this.endIds) {
			max = Math.max(max, id);
		}
		return max;
	}

	private static void set(long[] mask, int id) {
		if (id >= 0) {
			mask[id >>> 6] |= 1L << id;
		}
	}

	private static boolean isSet(long[] mask, int id) {
		return id >= 0 && (id >>> 6) < mask.length && (mask[id >>> 6] & (1L << id)) != 0;
	}

	@Override
	public void accept(int tokenId) {
		switch (this.phase) {
			case OPEN, ACT -> {
				if (tokenId == this.tokens.startAction()) {
					this.action.accept(tokenId);
					this.phase = Phase.ACTION;
				}
				else if (this.phase == Phase.OPEN && this.tokens.hasPlan() && tokenId == this.tokens.startThinking()) {
					this.phase = Phase.PLAN;
				}
				else {
					throw refused(tokenId, "the tool plan or the action must start");
				}
			}
			case PLAN -> {
				if (tokenId == this.tokens.endThinking()) {
					this.phase = Phase.ACT;
				}
				else if (!isSet(this.planText, tokenId)) {
					throw refused(tokenId, "the tool plan allows no special token but its end");
				}
			}
			case ACTION -> {
				this.action.accept(tokenId);
				if (this.action.complete()) {
					this.phase = Phase.END;
				}
			}
			case END -> {
				if (!this.endIds.contains(tokenId)) {
					throw refused(tokenId, "only an end token may follow the action");
				}
			}
		}
	}

	private static IllegalArgumentException refused(int tokenId, String why) {
		return new IllegalArgumentException("Token " + tokenId + " is not allowed: " + why);
	}

	/**
	 * {@code true} once the action is closed: the output holds at least one tool call.
	 * @return whether the turn may end here
	 */
	@Override
	public boolean complete() {
		return this.phase == Phase.END;
	}

	/**
	 * The special tokens of the tool-call format.
	 *
	 * @param startThinking the id of {@code <|START_THINKING|>} (opens the tool plan), or
	 * -1 when the model has no plan
	 * @param endThinking the id of {@code <|END_THINKING|>}, or -1 when the model has no
	 * plan
	 * @param startAction the id of {@code <|START_ACTION|>}
	 * @param endAction the id of {@code <|END_ACTION|>}
	 */
	public record ActionTokens(int startThinking, int endThinking, int startAction, int endAction) {

		/**
		 * Checks the ids.
		 * @throws IllegalArgumentException if an action token is missing or only one plan
		 * token is given
		 */
		public ActionTokens {
			if (startAction < 0 || endAction < 0) {
				throw new IllegalArgumentException("A tool call needs <|START_ACTION|> and <|END_ACTION|> tokens");
			}
			if ((startThinking < 0) != (endThinking < 0)) {
				throw new IllegalArgumentException("The tool plan needs both <|START_THINKING|> and <|END_THINKING|>");
			}
		}

		/**
		 * Whether the format has a tool plan before the action.
		 * @return {@code true} when both plan tokens exist
		 */
		public boolean hasPlan() {
			return this.startThinking >= 0;
		}

	}

}
