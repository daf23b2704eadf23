package dev.springcohere.engine.tokenizer;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * The ids of the special tokens an engine needs, each empty when the vocabulary lacks it:
 * the configured BOS, EOS, PAD and UNK tokens, and Cohere's turn, thinking, action and
 * response markers.
 *
 * @param bos the id of the configured {@code bos_token}
 * @param eos the id of the configured {@code eos_token} ({@code <|END_OF_TURN_TOKEN|>}
 * for Cohere chat models)
 * @param pad the id of the configured {@code pad_token}
 * @param unk the id of the configured {@code unk_token}
 * @param startOfTurn the id of {@code <|START_OF_TURN_TOKEN|>}
 * @param endOfTurn the id of {@code <|END_OF_TURN_TOKEN|>}
 * @param startThinking the id of {@code <|START_THINKING|>}
 * @param endThinking the id of {@code <|END_THINKING|>}
 * @param startAction the id of {@code <|START_ACTION|>}
 * @param endAction the id of {@code <|END_ACTION|>}
 * @param startResponse the id of {@code <|START_RESPONSE|>}
 * @param endResponse the id of {@code <|END_RESPONSE|>}
 */
public record SpecialTokenIds(OptionalInt bos, OptionalInt eos, OptionalInt pad, OptionalInt unk,
		OptionalInt startOfTurn, OptionalInt endOfTurn, OptionalInt startThinking, OptionalInt endThinking,
		OptionalInt startAction, OptionalInt endAction, OptionalInt startResponse, OptionalInt endResponse) {

	/** Cohere's start-of-turn marker. */
	public static final String START_OF_TURN = "<|START_OF_TURN_TOKEN|>";

	/** Cohere's end-of-turn marker. */
	public static final String END_OF_TURN = "<|END_OF_TURN_TOKEN|>";

	/** Cohere's start-of-thinking marker. */
	public static final String START_THINKING = "<|START_THINKING|>";

	/** Cohere's end-of-thinking marker. */
	public static final String END_THINKING = "<|END_THINKING|>";

	/** Cohere's start-of-action (tool calls) marker. */
	public static final String START_ACTION = "<|START_ACTION|>";

	/** Cohere's end-of-action marker. */
	public static final String END_ACTION = "<|END_ACTION|>";

	/** Cohere's start-of-response marker. */
	public static final String START_RESPONSE = "<|START_RESPONSE|>";

	/** Cohere's end-of-response marker. */
	public static final String END_RESPONSE = "<|END_RESPONSE|>";

	/**
	 * Checks that no component is {@code null}.
	 * @param bos the BOS id
	 * @param eos the EOS id
	 * @param pad the PAD id
	 * @param unk the UNK id
	 * @param startOfTurn the start-of-turn id
	 * @param endOfTurn the end-of-turn id
	 * @param startThinking the start-of-thinking id
	 * @param endThinking the end-of-thinking id
	 * @param startAction the start-of-action id
	 * @param endAction the end-of-action id
	 * @param startResponse the start-of-response id
	 * @param endResponse the end-of-response id
	 */
	public SpecialTokenIds {
		Objects.requireNonNull(bos, "'bos' must not be null");
		Objects.requireNonNull(eos, "'eos' must not be null");
		Objects.requireNonNull(pad, "'pad' must not be null");
		Objects.requireNonNull(unk, "'unk' must not be null");
		Objects.requireNonNull(startOfTurn, "'startOfTurn' must not be null");
		Objects.requireNonNull(endOfTurn, "'endOfTurn' must not be null");
		Objects.requireNonNull(startThinking, "'startThinking' must not be null");
		Objects.requireNonNull(endThinking, "'endThinking' must not be null");
		Objects.requireNonNull(startAction, "'startAction' must not be null");
		Objects.requireNonNull(endAction, "'endAction' must not be null");
		Objects.requireNonNull(startResponse, "'startResponse' must not be null");
		Objects.requireNonNull(endResponse, "'endResponse' must not be null");
	}

}
