package dev.springcohere.engine.encode;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A rectangular batch of token sequences for an encoder: input ids, attention mask (1 =
 * real token, 0 = padding) and token type ids (segment ids), each
 * {@code batchSize * seqLen} values, row-major. Immutable: the arrays are copied in and
 * out.
 */
public final class EncoderBatch {

	private final int batchSize;

	private final int seqLen;

	private final int[] inputIds;

	private final int[] attentionMask;

	private final int[] tokenTypeIds;

	private EncoderBatch(int batchSize, int seqLen, int[] inputIds, int[] attentionMask, int[] tokenTypeIds) {
		this.batchSize = batchSize;
		this.seqLen = seqLen;
		this.inputIds = inputIds;
		this.attentionMask = attentionMask;
		this.tokenTypeIds = tokenTypeIds;
	}

	/**
	 * Creates a batch from explicit rows, as a Hugging Face tokenizer returns them with
	 * padding.
	 * @param inputIds the token ids, one equally long row per sequence
	 * @param attentionMask 1 for real tokens and 0 for padding, same shape
	 * @param tokenTypeIds segment ids of the same shape, or null for all zeros
	 * @return the batch
	 * @throws IllegalArgumentException if the batch is empty, ragged, shaped
	 * inconsistently, has a mask value other than 0 or 1, or a row without any real token
	 */
	public static EncoderBatch of(int[][] inputIds, int[][] attentionMask, int @Nullable [][] tokenTypeIds) {
		Objects.requireNonNull(inputIds, "'inputIds' must not be null");
		Objects.requireNonNull(attentionMask, "'attentionMask' must not be null");
		if (inputIds.length == 0 || inputIds[0].length == 0) {
			throw new IllegalArgumentException("An encoder batch needs at least one sequence of at least one token");
		}
		int rows = inputIds.length;
		int cols = inputIds[0].length;
		int[] ids = flatten(inputIds, rows, cols, "inputIds");
		int[] mask = flatten(attentionMask, rows, cols, "attentionMask");
		int[] types = tokenTypeIds == null ? new int[rows * cols] : flatten(tokenTypeIds, rows, cols, "tokenTypeIds");
		for (int r = 0; r < rows; r++) {
			boolean any = false;
			for (int c = 0; c < cols; c++) {
				int m = mask[r * cols + c];
				if (m != 0 && m != 1) {
					throw new IllegalArgumentException("attentionMask[" + r + "][" + c + "] is " + m
							+ "; it must be 1 for a real token or 0 for padding");
				}
				any |= m == 1;
			}
			if (!any) {
				throw new IllegalArgumentException(
						"Sequence " + r + " of the batch has no real token: its attention" + " mask is all zeros");
			}
		}
		return new EncoderBatch(rows, cols, ids, mask, types);
	}

	/**
	 * Pads sequences of different lengths on the right to the longest one.
	 * @param sequences the token ids of each sequence, each non-empty
	 * @param tokenTypeIds segment ids per sequence (same lengths), or null for all zeros
	 * @param padTokenId the id written into padding positions (the model's
	 * {@code pad_token_id})
	 * @return the batch
	 * @throws IllegalArgumentException if there is no sequence, a sequence is empty, type
	 * ids do not match, or the pad id is negative
	 */
	public static EncoderBatch padded(List<int[]> sequences, @Nullable List<int[]> tokenTypeIds, int padTokenId) {
		Objects.requireNonNull(sequences, "'sequences' must not be null");
		if (sequences.isEmpty()) {
			throw new IllegalArgumentException("An encoder batch needs at least one sequence");
		}
		if (padTokenId < 0) {
			throw new IllegalArgumentException(
					"'padTokenId' must be a vocabulary id (0 or more) but was " + padTokenId);
		}
		if (tokenTypeIds != null && tokenTypeIds.size() != sequences.size()) {
			throw new IllegalArgumentException(
					"Got " + tokenTypeIds.size() + " token type id rows for " + sequences.size() + " sequences");
		}
		int cols = 0;
		for (int r = 0; r < sequences.size(); r++) {
			int[] seq = Objects.requireNonNull(sequences.get(r), "'sequences' must not contain null");
			if (seq.length == 0) {
				throw new IllegalArgumentException("Sequence " + r + " is empty; every sequence needs a token");
			}
			if (tokenTypeIds != null && tokenTypeIds.get(r).length != seq.length) {
				throw new IllegalArgumentException("Sequence " + r + " has " + seq.length + " tokens but "
						+ tokenTypeIds.get(r).length + " token type ids");
			}
			cols = Math.max(cols, seq.length);
		}
		int rows = sequences.size();
		int[] ids = new int[rows * cols];
		int[] mask = new int[rows * cols];
		int[] types = new int[rows * cols];
		java.util.Arrays.fill(ids, padTokenId);
		for (int r = 0; r < rows; r++) {
			int[] seq = sequences.get(r);
			System.arraycopy(seq, 0, ids, r * cols, seq.length);
			java.util.Arrays.fill(mask, r * cols, r * cols + seq.length, 1);
			if (tokenTypeIds != null) {
				System.arraycopy(tokenTypeIds.get(r), 0, types, r * cols, seq.length);
			}
		}
		return new EncoderBatch(rows, cols, ids, mask, types);
	}

	private static int[] flatten(int[][] rows, int expectedRows, int cols, String name) {
		if (rows.length != expectedRows) {
			throw new IllegalArgumentException(
					"'" + name + "' has " + rows.length + " rows but inputIds has " + expectedRows);
		}
		int[] flat = new int[expectedRows * cols];
		for (int r = 0; r < expectedRows; r++) {
			int[] row = Objects.requireNonNull(rows[r], "'" + name + "' must not contain null rows");
			if (row.length != cols) {
				throw new IllegalArgumentException("Row " + r + " of '" + name + "' has " + row.length
						+ " entries but the batch is " + cols + " tokens wide; pad every row to the same length");
			}
			System.arraycopy(row, 0, flat, r * cols, cols);
		}
		return flat;
	}

	/**
	 * Number of sequences.
	 * @return the batch size
	 */
	public int batchSize() {
		return this.batchSize;
	}

	/**
	 * Padded length of every sequence.
	 * @return the sequence length
	 */
	public int seqLen() {
		return this.seqLen;
	}

	/**
	 * The token ids, row-major.
	 * @return a copy
	 */
	public int[] inputIds() {
		return this.inputIds.clone();
	}

	/**
	 * The attention mask, row-major.
	 * @return a copy
	 */
	public int[] attentionMask() {
		return this.attentionMask.clone();
	}

	/**
	 * The token type ids, row-major.
	 * @return a copy
	 */
	public int[] tokenTypeIds() {
		return this.tokenTypeIds.clone();
	}

	int id(int row, int col) {
		return this.inputIds[row * this.seqLen + col];
	}

	boolean attended(int row, int col) {
		return this.attentionMask[row * this.seqLen + col] == 1;
	}

	int typeId(int row, int col) {
		return this.tokenTypeIds[row * this.seqLen + col];
	}

	/**
	 * Number of real (attended) tokens of one sequence.
	 * @param row the sequence index
	 * @return the count
	 */
	public int length(int row) {
		Objects.checkIndex(row, this.batchSize);
		int n = 0;
		for (int c = 0; c < this.seqLen; c++) {
			n += this.attentionMask[row * this.seqLen + c];
		}
		return n;
	}

}
