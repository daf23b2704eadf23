package dev.springcohere.engine.constrain;

import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.springcohere.engine.decode.TokenConstraint;

/**
 * Keeps one generation inside a JSON grammar. Two shapes:
 * <ul>
 * <li>{@linkplain #wholeOutput whole output} ({@code response_format}): forced prefix
 * tokens (such as {@code <|START_RESPONSE|>}), then the JSON, then forced suffix tokens
 * (such as {@code <|END_RESPONSE|>}), then only an end token;</li>
 * <li>{@linkplain #triggered triggered} ({@code strict_tools}): free text until the
 * trigger token (such as {@code <|START_ACTION|>}), then the JSON, then the exit token
 * (such as {@code <|END_ACTION|>}), then free text again.</li>
 * </ul>
 * Inside the JSON no special token is allowed, and the JSON's end is forced as soon as
 * the grammar accepts and nothing can extend the value. Not thread-safe; one per
 * generation.
 *
 * @since 0.1.0
 */
public final class JsonConstraint implements TokenConstraint {

	private enum Phase {

		FREE, PREFIX, JSON, SUFFIX, END

	}

	private final GrammarMasker masker;

	private final int[] prefix;

	private final int[] suffix;

	private final Set<Integer> endIds;

	private final int trigger;

	private Phase phase;

	private int forcedIndex;

	private GrammarState state;

	private JsonConstraint(GrammarMasker masker, int[] prefix, int[] suffix, Set<Integer> endIds, int trigger) {
		this.masker = Objects.requireNonNull(masker, "'masker' must not be null");
		this.prefix = prefix.clone();
		this.suffix = suffix.clone();
		this.endIds = Set.copyOf(endIds);
		this.trigger = trigger;
		this.state = masker.grammar().start();
		this.phase = (trigger >= 0) ? Phase.FREE : (prefix.length > 0) ? Phase.PREFIX : Phase.JSON;
	}

	/**
	 * Constrains the whole output to {@code prefix}, one JSON value, {@code suffix} and
	 * then one of {@code endIds}.
	 * @param masker the grammar over the vocabulary
	 * @param prefix tokens forced before the JSON
	 * @param suffix tokens forced after it
	 * @param endIds tokens that may end the output after the suffix
	 * @return the constraint
	 */
	public static JsonConstraint wholeOutput(GrammarMasker masker, int[] prefix, int[] suffix, Set<Integer> endIds) {
		if (endIds.isEmpty()) {
			throw new IllegalArgumentException("'endIds' must not be empty");
		}
		return new JsonConstraint(masker, prefix, suffix, endIds, -1);
	}

	/**
	 * Leaves the output free except between {@code trigger} and {@code exit}, where it
	 * must be one JSON value.
	 * @param masker the grammar over the vocabulary
	 * @param trigger the token that starts the JSON
	 * @param exit the token forced right after it
	 * @return the constraint
	 */
	public static JsonConstraint triggered(GrammarMasker masker, int trigger, int exit) {
		return new JsonConstraint(masker, new int[0], new int[] { exit }, Set.of(), trigger);
	}

	@Override
	public void mask(float[] logits) {
		if (this.phase == Phase.FREE) {
			return;
		}
		boolean any = GrammarMasker.applyTo(allowed(), logits);
		if (!any) {
			throw new IllegalStateException("No token of the model's vocabulary may continue the constrained "
					+ "output in " + this.phase + " " + this.state);
		}
	}

	/**
	 * The tokens allowed next, as a bitset over token ids ({@code null} in free text,
	 * where all are).
	 * @return the bitset (shared, do not modify), or {@code null}
	 */
	public long @Nullable [] allowedTokens() {
		return (this.phase == Phase.FREE) ? null : allowed();
	}

	private long[] allowed() {
		int size = this.masker.trie().vocabSize();
		return switch (this.phase) {
			case PREFIX -> single(size, this.prefix[this.forcedIndex]);
			case SUFFIX -> single(size, this.suffix[this.forcedIndex]);
			case END -> {
				long[] mask = new long[(size + 63) >>> 6];
				for (int id : this.endIds) {
					set(mask, id);
				}
				yield mask;
			}
			case JSON -> {
				if (!this.state.accepting()) {
					yield this.masker.mask(this.state);
				}
				long[] mask = this.state.canContinue() ? this.masker.mask(this.state).clone()
						: new long[(size + 63) >>> 6];
				exitTokens(mask);
				yield mask;
			}
			default -> throw new IllegalStateException("No mask in " + this.phase);
		};
	}

	private void exitTokens(long[] mask) {
		if (this.suffix.length > 0) {
			set(mask, this.suffix[0]);
		}
		else {
			for (int id : this.endIds) {
				set(mask, id);
			}
		}
	}

	private static long[] single(int size, int id) {
		long[] mask = new long[(Math.max(size, id + 1) + 63) >>> 6];
		set(mask, id);
		return mask;
	}

	private static void set(long[] mask, int id) {
		if (id >= 0 && (id >>> 6) < mask.length) {
			mask[id >>> 6] |= 1L << id;
		}
	}

	@Override
	public void accept(int tokenId) {
		switch (this.phase) {
			case FREE -> {
				if (tokenId == this.trigger) {
					this.phase = Phase.JSON;
					this.state = this.masker.grammar().start();
				}
			}
			case PREFIX -> {
				expect(this.prefix[this.forcedIndex], tokenId);
				if (++this.forcedIndex == this.prefix.length) {
					this.forcedIndex = 0;
					this.phase = Phase.JSON;
				}
			}
			case JSON -> {
				if (this.state.accepting() && isExit(tokenId)) {
					this.forcedIndex = 0;
					if (this.suffix.length > 0) {
						this.forcedIndex = 1;
						this.phase = (this.suffix.length == 1) ? afterSuffix() : Phase.SUFFIX;
					}
					else {
						this.phase = Phase.END;
					}
					return;
				}
				this.state = this.masker.advance(this.state, tokenId);
			}
			case SUFFIX -> {
				expect(this.suffix[this.forcedIndex], tokenId);
				if (++this.forcedIndex == this.suffix.length) {
					this.phase = afterSuffix();
				}
			}
			case END -> {
				if (!this.endIds.contains(tokenId)) {
					throw new IllegalArgumentException(
							"Token " + tokenId + " after the constrained output; expected " + "one of " + this.endIds);
				}
			}
		}
	}

	private Phase afterSuffix() {
		return (this.trigger >= 0) ? Phase.FREE : Phase.END;
	}

	private boolean isExit(int tokenId) {
		return (this.suffix.length > 0) ? tokenId == this.suffix[0] : this.endIds.contains(tokenId);
	}

	private static void expect(int expected, int actual) {
		if (expected != actual) {
			throw new IllegalArgumentException("Token " + actual + " where the constraint forces " + expected);
		}
	}

	@Override
	public boolean complete() {
		return this.phase == Phase.FREE || this.phase == Phase.END;
	}

	/**
	 * The grammar state of the JSON being written.
	 * @return the state
	 */
	public GrammarState state() {
		return this.state;
	}

}
