package dev.springcohere.engine.encode;

import java.util.Objects;

import dev.springcohere.engine.cpu.Kernels;
import dev.springcohere.engine.model.ModelFormatException;
import dev.springcohere.engine.model.ModelWeights;
import dev.springcohere.engine.model.Tensor;
import org.jspecify.annotations.Nullable;

/**
 * A sequence-classification model (a cross-encoder reranker): a {@link BertEncoder} plus
 * the classification head transformers saves with it. Two heads are recognised from the
 * tensor names:
 * <ul>
 * <li>XLM-RoBERTa / RoBERTa ({@code classifier.dense}, {@code classifier.out_proj}):
 * {@code out_proj(tanh(dense(CLS)))} on the first token's final hidden state;</li>
 * <li>BERT ({@code classifier.weight}): {@code classifier(pooler_output)}, which needs
 * the pooler weights.</li>
 * </ul>
 * The number of labels is the head's output size. Immutable and thread-safe as long as
 * its kernels are.
 */
public final class SequenceClassifier {

	private final BertEncoder encoder;

	private final BertEncoder.@Nullable Linear dense;

	private final BertEncoder.Linear output;

	/**
	 * Builds the classifier over loaded weights.
	 * @param weights a {@code bert} or {@code xlm-roberta} checkpoint with a
	 * sequence-classification head
	 * @param kernels the kernels to compute with
	 * @throws ModelFormatException if the encoder is invalid, the head is missing, or a
	 * head tensor is missing or misshapen (the message names the tensor)
	 */
	public SequenceClassifier(ModelWeights weights, Kernels kernels) {
		this(new BertEncoder(weights, kernels));
	}

	/**
	 * Builds the classifier over an encoder whose weights also hold the head.
	 * @param encoder the encoder
	 * @throws ModelFormatException if the head is missing, misshapen, or a BERT head
	 * lacks the pooler
	 */
	public SequenceClassifier(BertEncoder encoder) {
		this.encoder = Objects.requireNonNull(encoder, "'encoder' must not be null");
		ModelWeights weights = encoder.weights();
		long h = encoder.config().hiddenSize();
		Tensor outProj = weights.find("classifier.out_proj.weight");
		Tensor bertHead = weights.find("classifier.weight");
		if (outProj != null) {
			this.dense = BertEncoder.Linear.of(weights, "classifier.dense", h, h);
			this.output = BertEncoder.Linear.of(weights, "classifier.out_proj", labels(outProj), h);
		}
		else if (bertHead != null) {
			if (!encoder.hasPooler()) {
				throw new ModelFormatException(
						"Missing tensor '" + encoder.weightPrefix() + "pooler.dense.weight' in " + source(weights)
								+ ": a BERT classification head ('classifier.weight') classifies the pooler output");
			}
			this.dense = null;
			this.output = BertEncoder.Linear.of(weights, "classifier", labels(bertHead), h);
		}
		else {
			throw new ModelFormatException("No sequence-classification head in " + source(weights)
					+ ": expected 'classifier.out_proj.weight' (XLM-RoBERTa) or 'classifier.weight' (BERT); is this a"
					+ " cross-encoder checkpoint (architectures *ForSequenceClassification)?");
		}
	}

	private static long labels(Tensor head) {
		if (head.shape().size() != 2 || head.dim(0) < 1) {
			throw new ModelFormatException("Tensor '" + head.name() + "' has shape " + head.shape()
					+ " but a classification head needs [num_labels, hidden_size]");
		}
		return head.dim(0);
	}

	private static String source(ModelWeights weights) {
		return weights.directory() != null ? String.valueOf(weights.directory()) : "in-memory weights";
	}

	/**
	 * The encoder under the head.
	 * @return the encoder
	 */
	public BertEncoder encoder() {
		return this.encoder;
	}

	/**
	 * Number of output labels (1 for rerankers that emit one relevance logit).
	 * @return the label count
	 */
	public int numLabels() {
		return this.output.outDim();
	}

	/**
	 * Computes the logits of every sequence in a batch.
	 * @param batch the padded batch
	 * @return {@code batch * numLabels} logits, row-major
	 * @throws IllegalArgumentException as {@link BertEncoder#encode(EncoderBatch)}
	 */
	public float[] logits(EncoderBatch batch) {
		EncoderOutput out = this.encoder.encode(batch);
		Kernels kernels = this.encoder.kernels();
		int rows = batch.batchSize();
		int h = out.hiddenSize();
		float[] features;
		if (this.dense != null) {
			float[] cls = new float[rows * h];
			float[] hidden = out.hiddenArray();
			for (int b = 0; b < rows; b++) {
				System.arraycopy(hidden, b * batch.seqLen() * h, cls, b * h, h);
			}
			features = new float[rows * h];
			this.dense.apply(kernels, cls, rows, features);
			BertEncoder.tanh(features);
		}
		else {
			features = Objects.requireNonNull(out.poolerArray(), "pooler output");
		}
		float[] logits = new float[rows * numLabels()];
		this.output.apply(kernels, features, rows, logits);
		return logits;
	}

}
