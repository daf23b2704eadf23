package dev.springcohere.engine.constrain;

import java.util.ArrayList;
import java.util.List;
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
 * the grammar accepts and nothing can extend the value.
 * <p>
 * Token budget: the constraint keeps a <em>witness</em>, the tokens of a shortest
 * completion found from the current state ({@link GrammarMasker#completion}) plus the
 * exit. While the budget leaves {@link #SLACK} tokens or more beyond the witness, every
 * token the grammar allows is allowed, and a sampled token is checked once more
 * ({@link #allows}): it is refused when the completion after it no longer fits (rare: one
 * token opening a large value). Closer to the end only tokens after which the completion
 * still fits are allowed ({@link GrammarMasker#budgetMask}), and the witness's next token
 * always is, so that a budget that fits the shortest document is never exceeded: the JSON
 * always completes. The trigger of a triggered constraint is refused when the shortest
 * action no longer fits.
 * <p>
 * Jump-forward: {@link #forced} names the prefix and suffix tokens, and the bytes the
 * grammar allows exactly one way (property names, {@code ":}, closing brackets) spelled
 * with the fewest tokens, as long as the budget allows. Not thread-safe; one per
 * generation.
 *
 * @since 0.1.0
 */
public final class JsonConstraint implements TokenConstraint {

	/** The budget beyond the witness below which masks take the budget into account. */
	static final int SLACK = 16;

	private enum Phase {

		FREE, PREFIX, JSON, SUFFIX, END

	}

	private final GrammarMasker masker;

	private final int[] prefix;

	private final int[] suffix;

	private final Set<Integer> endIds;

	private final int trigger;

	/**
	 * The tokens after the JSON that the budget leaves room for: the exit of a triggered
	 * constraint; the suffix and an end token of a whole output.
	 */
	private final int[] tail;

	private Phase phase;

	private int forcedIndex;

	private GrammarState state;

	/**
	 * A completion of the current state (JSON tokens, then the tail), or {@code null}
	 * until needed.
	 */
	private int @Nullable [] witness;

	private int witnessAt;

	/** Whether the last mask left the budget to {@link #allows}. */
	private boolean checkSampled;

	private JsonConstraint(GrammarMasker masker, int[] prefix, int[] suffix, Set<Integer> endIds, int trigger) {
		this.masker = Objects.requireNonNull(masker, "'masker' must not be null");
		this.prefix = prefix.clone();
		this.suffix = suffix.clone();
		this.endIds = Set.copyOf(endIds);
		this.trigger = trigger;
		this.state = masker.grammar().start();
		this.phase = (trigger >= 0) ? Phase.FREE : (prefix.length > 0) ? Phase.PREFIX : Phase.JSON;
		if (trigger >= 0) {
			this.tail = suffix.clone();
		}
		else {
			// the suffix and an end token, so that a budget that fits ends the output
			// normally
			int end = this.endIds.stream()
				.sorted()
				.findFirst()
				.orElseThrow(() -> new IllegalArgumentException("'endIds' must not be empty"));
			this.tail = java.util.Arrays.copyOf(suffix, suffix.length + 1);
			this.tail[suffix.length] = end;
		}
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

	/**
	 * The fewest tokens a complete output takes: for a whole output the prefix, the
	 * shortest document (spelled with the fewest tokens), the suffix and an end token; 0
	 * for a triggered one (the model need not open the JSON at all).
	 * @return the token count
	 */
	@Override
	public int minimalTokens() {
		return (this.trigger >= 0) ? 0 : this.prefix.length + documentTokens() + this.tail.length;
	}

	/**
	 * The fewest tokens of the triggered part: the trigger, the shortest document and the
	 * exit.
	 */
	int actionTokens() {
		return 1 + documentTokens() + this.tail.length;
	}

	private int documentTokens() {
		return this.masker.completionCost(this.masker.grammar().start());
	}

	@Override
	public void mask(float[] logits) {
		mask(logits, Integer.MAX_VALUE / 2);
	}

	@Override
	public void mask(float[] logits, int remaining) {
		this.checkSampled = false;
		if (this.phase == Phase.FREE) {
			if (this.trigger < logits.length && remaining < actionTokens()) {
				// an action opened now could not be finished within the budget
				logits[this.trigger] = Float.NEGATIVE_INFINITY;
			}
			return;
		}
		if (this.phase != Phase.JSON || remaining - ownCost() >= SLACK) {
			this.checkSampled = this.phase == Phase.JSON;
			apply(allowed(), logits);
			return;
		}
		int first = witness()[this.witnessAt];
		float kept = (first < logits.length) ? logits[first] : Float.NEGATIVE_INFINITY;
		long[] mask;
		if (this.state.canContinue()) {
			mask = this.masker.budgetMask(this.state, remaining - 1 - this.tail.length);
		}
		else {
			mask = new long[(this.masker.trie().vocabSize() + 63) >>> 6];
		}
		if (this.state.accepting()) {
			mask = mask.clone();
			exitTokens(mask);
		}
		GrammarMasker.applyTo(mask, logits);
		if (first < logits.length) {
			logits[first] = kept;
		}
	}

	private void apply(long[] mask, float[] logits) {
		if (!GrammarMasker.applyTo(mask, logits)) {
			throw new IllegalStateException("No token of the model's vocabulary may continue the constrained "
					+ "output in " + this.phase + " " + this.state);
		}
	}

	@Override
	public boolean allows(int tokenId, int remaining) {
		if (!this.checkSampled || this.phase != Phase.JSON || (this.state.accepting() && isExit(tokenId))) {
			return true;
		}
		int[] w = this.witness;
		if (w != null && w[this.witnessAt] == tokenId) {
			return true;
		}
		if (!this.masker.trie().contains(tokenId)) {
			return false;
		}
		GrammarState next = this.masker.grammar().advance(this.state, this.masker.trie().bytes(tokenId));
		return next != null && this.masker.completionCost(next) + this.tail.length <= remaining - 1;
	}

	/** The tokens a completion from here takes (JSON and tail). */
	private int ownCost() {
		int fresh = this.masker.completionCost(this.state) + this.tail.length;
		int[] w = this.witness;
		return (w != null) ? Math.min(fresh, w.length - this.witnessAt) : fresh;
	}

	/**
	 * The witness, computed afresh when the carried one is longer than the state's own
	 * completion.
	 */
	private int[] witness() {
		int[] w = this.witness;
		int fresh = this.masker.completionCost(this.state) + this.tail.length;
		if (w == null || w.length - this.witnessAt > fresh) {
			int[] json = this.masker.completion(this.state);
			if (json == null) {
				throw new IllegalStateException("The vocabulary cannot spell a completion of " + this.state);
			}
			w = new int[json.length + this.tail.length];
			System.arraycopy(json, 0, w, 0, json.length);
			System.arraycopy(this.tail, 0, w, json.length, this.tail.length);
			this.witness = w;
			this.witnessAt = 0;
		}
		return w;
	}

	/**
	 * The tokens allowed next, as a bitset over token ids ({@code null} in free text,
	 * where all are), without the budget.
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
			case FREE -> throw new IllegalStateException("No mask in free text");
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
	public int[] forced(int remaining) {
		List<Integer> out = new ArrayList<>();
		GrammarState s = this.state;
		switch (this.phase) {
			case PREFIX -> {
				for (int i = this.forcedIndex; i < this.prefix.length; i++) {
					out.add(this.prefix[i]);
				}
				s = this.masker.grammar().start();
				forcedJson(s, remaining, out);
			}
			case JSON -> forcedJson(s, remaining, out);
			case SUFFIX -> {
				for (int i = this.forcedIndex; i < this.suffix.length; i++) {
					out.add(this.suffix[i]);
				}
			}
			case FREE, END -> {
			}
		}
		int n = Math.min(out.size(), Math.max(0, remaining));
		return out.subList(0, n).stream().mapToInt(Integer::intValue).toArray();
	}

	/**
	 * Adds the JSON tokens forced from a state, and the exit when the value is complete.
	 */
	private void forcedJson(GrammarState from, int remaining, List<Integer> out) {
		GrammarState s = from;
		while (true) {
			if (s.accepting() && !s.canContinue()) {
				out.add((this.suffix.length > 0) ? this.suffix[0] : this.tail[0]);
				for (int i = 1; i < this.suffix.length; i++) {
					out.add(this.suffix[i]);
				}
				return;
			}
			byte[] bytes = this.masker.forcedBytes(s);
			if (bytes.length == 0) {
				return;
			}
			int[] tokens = this.masker.tokenize(bytes);
			GrammarState next = this.masker.grammar().advance(s, bytes);
			if (tokens == null || next == null
					|| out.size() + tokens.length + this.masker.completionCost(next) + this.tail.length > remaining) {
				return;
			}
			for (int t : tokens) {
				out.add(t);
			}
			s = next;
		}
	}

	@Override
	public void accept(int tokenId) {
		switch (this.phase) {
			case FREE -> {
				if (tokenId == this.trigger) {
					this.phase = Phase.JSON;
					this.state = this.masker.grammar().start();
					this.witness = null;
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
					this.witness = null;
					if (this.suffix.length > 0) {
						this.forcedIndex = 1;
						this.phase = (this.suffix.length == 1) ? afterSuffix() : Phase.SUFFIX;
					}
					else {
						this.phase = Phase.END;
					}
					return;
				}
				int[] w = this.witness;
				if (w != null && w[this.witnessAt] == tokenId && this.witnessAt + 1 < w.length) {
					this.witnessAt++;
				}
				else {
					this.witness = null;
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
