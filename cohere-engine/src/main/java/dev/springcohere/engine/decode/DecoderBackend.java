package dev.springcohere.engine.decode;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Executes one batched decoder step: every sequence in the step feeds its new tokens at
 * its next positions, reading and writing its keys and values in the {@link KvBlock}s of
 * its block table, and gets back the logits it asked for. A scheduler calls it once per
 * step with a mix of prompt chunks (prefill) and single tokens (decode); the CPU
 * implementation is {@link CpuDecoderBackend}, and a GPU implementation takes the same
 * entries (block tables by reference, nothing copied per step).
 *
 * @since 0.1.0
 */
public interface DecoderBackend {

	/**
	 * The pool the block tables refer to.
	 * @return the pool
	 */
	KvBlockPool pool();

	/**
	 * The vocabulary size (the length of one row of logits).
	 * @return the vocabulary size
	 */
	int vocabSize();

	/**
	 * Runs one step.
	 * @param entries the sequences of the step, each with its tokens, start position and
	 * block table (covering every position up to {@code start + tokens.length})
	 * @return per entry, in order, its logits as it asked for them ({@code null} for
	 * {@link BatchEntry.Logits#NONE}); each array is new and belongs to the caller
	 * @throws IllegalArgumentException if an entry is malformed (a token outside the
	 * vocabulary, a block table too short)
	 */
	List<float @Nullable []> step(List<BatchEntry> entries);

}
