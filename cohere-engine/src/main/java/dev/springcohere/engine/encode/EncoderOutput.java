package dev.springcohere.engine.encode;

import java.util.Arrays;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What an encoder pass returns: {@code last_hidden_state} {@code [batch, seq, hidden]}
 * and, when the model has a pooler, {@code pooler_output} {@code [batch, hidden]}, both
 * float32 row-major, together with the batch they came from (whose attention mask pooling
 * needs).
 */
public final class EncoderOutput {

	private final EncoderBatch batch;

	private final int hiddenSize;

	private final float[] lastHiddenState;

	private final float @Nullable [] poolerOutput;

	EncoderOutput(EncoderBatch batch, int hiddenSize, float[] lastHiddenState, float @Nullable [] poolerOutput) {
		this.batch = batch;
		this.hiddenSize = hiddenSize;
		this.lastHiddenState = lastHiddenState;
		this.poolerOutput = poolerOutput;
	}

	/**
	 * The input batch.
	 * @return the batch
	 */
	public EncoderBatch batch() {
		return this.batch;
	}

	/**
	 * Width of every hidden vector.
	 * @return the hidden size
	 */
	public int hiddenSize() {
		return this.hiddenSize;
	}

	/**
	 * The final hidden states of all positions (padding positions included, as
	 * transformers computes them).
	 * @return a copy, {@code batch * seq * hidden} values
	 */
	public float[] lastHiddenState() {
		return this.lastHiddenState.clone();
	}

	/**
	 * The hidden state of one token.
	 * @param row the sequence index
	 * @param position the token position
	 * @return a copy of {@code hidden} values
	 */
	public float[] hiddenState(int row, int position) {
		Objects.checkIndex(row, this.batch.batchSize());
		Objects.checkIndex(position, this.batch.seqLen());
		int from = (row * this.batch.seqLen() + position) * this.hiddenSize;
		return Arrays.copyOfRange(this.lastHiddenState, from, from + this.hiddenSize);
	}

	/**
	 * Whether the model has a pooler and {@link #poolerOutput()} is available.
	 * @return true when there is a pooler output
	 */
	public boolean hasPoolerOutput() {
		return this.poolerOutput != null;
	}

	/**
	 * The pooler output ({@code tanh(dense(CLS))}) of every sequence.
	 * @return a copy, {@code batch * hidden} values
	 * @throws IllegalStateException if the checkpoint has no pooler weights
	 */
	public float[] poolerOutput() {
		if (this.poolerOutput == null) {
			throw new IllegalStateException("This encoder has no pooler (no 'pooler.dense.weight' in the checkpoint)");
		}
		return this.poolerOutput.clone();
	}

	float[] hiddenArray() {
		return this.lastHiddenState;
	}

	float @Nullable [] poolerArray() {
		return this.poolerOutput;
	}

}
