package dev.springcohere.engine.backend;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.springcohere.backend.Capabilities;
import dev.springcohere.backend.Capability;
import dev.springcohere.engine.cpu.VectorKernels;
import dev.springcohere.engine.decode.KvCacheType;
import dev.springcohere.engine.decode.CohereModel;
import dev.springcohere.engine.encode.CrossEncoderReranker;
import dev.springcohere.engine.encode.EmbeddingEncoder;
import dev.springcohere.engine.encode.EncoderBatcher;
import dev.springcohere.engine.encode.PairTokenizer;
import dev.springcohere.engine.model.ModelWeights;
import dev.springcohere.engine.model.QuantizationPlan;
import dev.springcohere.engine.model.WeightQuantizer;
import dev.springcohere.engine.tokenizer.HfTokenizer;

/**
 * The models of a {@link LocalBackend}, loaded and checked: the compute kernels, the chat
 * model's weights and tokenizer, and the optional embedding and rerank models with their
 * encoder batchers (concurrent embed or rerank requests share one encoder call, see
 * {@link EncoderBatcher}). Opening either succeeds completely or closes what it opened
 * before failing; {@link #close()} releases everything in the reverse order.
 */
final class LoadedModels implements AutoCloseable {

	private final String modelName;

	private final VectorKernels kernels;

	private final HfTokenizer tokenizer;

	private final ModelWeights weights;

	private final CohereModel model;

	private final ChatTemplateMapper mapper;

	private final int maxContext;

	private final Set<Integer> stopTokenIds;

	private final @Nullable EmbeddingEncoder embedEncoder;

	private final @Nullable LocalEmbeddings embeddings;

	private final @Nullable CrossEncoderReranker reranker;

	private final @Nullable LocalReranking reranking;

	private final Capabilities capabilities;

	private final List<AutoCloseable> opened;

	/**
	 * What to load, as the {@link LocalBackend.Builder} collected it.
	 *
	 * @param modelDir the chat model's checkpoint
	 * @param modelName the chat model's name, or {@code null} for the checkpoint's path
	 * @param threads the compute threads
	 * @param quantization the chat model's weight quantization
	 * @param kvCacheType the KV cache's number format
	 * @param maxContext the context limit, or 0 for the default
	 * @param embedModelDir the embedding model's checkpoint, or {@code null}
	 * @param embedModelName its name, or {@code null} for the checkpoint's path
	 * @param rerankModelDir the rerank model's checkpoint, or {@code null}
	 * @param rerankModelName its name, or {@code null} for the checkpoint's path
	 * @param encoderBatch the most inputs of concurrent requests joined into one encoder
	 * call
	 */
	record Spec(Path modelDir, @Nullable String modelName, int threads, QuantizationPlan quantization,
			KvCacheType kvCacheType, int maxContext, @Nullable Path embedModelDir, @Nullable String embedModelName,
			@Nullable Path rerankModelDir, @Nullable String rerankModelName, int encoderBatch) {
	}

	/**
	 * The most texts (or query-document pairs) of concurrent embed (or rerank) requests
	 * joined into one encoder call; a larger request runs alone. Within the call the
	 * encoder groups sequences of similar length into passes.
	 */
	static final int ENCODER_BATCH = 64;

	/**
	 * Loads the models a specification names.
	 * @param spec what to load
	 * @throws IllegalArgumentException if a setting does not fit the model
	 * @throws RuntimeException if a checkpoint cannot be read (the message names the
	 * file)
	 */
	LoadedModels(Spec spec) {
		this.modelName = (spec.modelName() != null) ? spec.modelName()
				: spec.modelDir().toAbsolutePath().normalize().toString();
		List<AutoCloseable> opened = new ArrayList<>();
		try {
			this.kernels = new VectorKernels(spec.threads());
			opened.add(this.kernels);
			this.tokenizer = HfTokenizer.load(spec.modelDir());
			opened.add(this.tokenizer);
			this.weights = WeightQuantizer.quantize(ModelWeights.open(spec.modelDir()), spec.quantization());
			opened.add(this.weights);
			this.model = new CohereModel(this.weights, this.kernels, spec.kvCacheType());
			// Command R/R+ checkpoints carry a separate tool_use template that prints
			// tool results as text
			this.mapper = new ChatTemplateMapper(this.tokenizer.chatTemplate("tool_use").isPresent());
			int limit = (spec.maxContext() > 0) ? spec.maxContext() : Math.min(this.model.maxContext(), 8192);
			if (limit > this.model.maxContext()) {
				throw new IllegalArgumentException("cohere.local.max-context is " + limit + " but the model '"
						+ this.modelName + "' supports at most " + this.model.maxContext() + " tokens");
			}
			this.maxContext = limit;
			Set<Integer> stops = new LinkedHashSet<>(this.weights.stopTokenIds());
			this.tokenizer.specialTokens().eos().ifPresent(stops::add);
			this.tokenizer.specialTokens().endOfTurn().ifPresent(stops::add);
			this.stopTokenIds = Set.copyOf(stops);
			EnumSet<Capability> caps = EnumSet.of(Capability.CHAT, Capability.CHAT_STREAM, Capability.TOKENIZE,
					Capability.DETOKENIZE);
			if (spec.embedModelDir() != null) {
				this.embedEncoder = EmbeddingEncoder.open(spec.embedModelDir(), this.kernels);
				opened.add(this.embedEncoder);
				// closed before the encoder (the list closes in reverse)
				EncoderBatcher<int[], float[]> batcher = new EncoderBatcher<>("embed", spec.encoderBatch(),
						this.embedEncoder::embedTokens);
				opened.add(batcher);
				this.embeddings = new LocalEmbeddings(this.embedEncoder,
						name(spec.embedModelName(), spec.embedModelDir()), Map.of(), batcher::run);
				caps.add(Capability.EMBED);
			}
			else {
				this.embedEncoder = null;
				this.embeddings = null;
			}
			if (spec.rerankModelDir() != null) {
				this.reranker = CrossEncoderReranker.open(spec.rerankModelDir(), this.kernels);
				opened.add(this.reranker);
				this.reranking = new LocalReranking(this.reranker, name(spec.rerankModelName(), spec.rerankModelDir()));
				caps.add(Capability.RERANK);
			}
			else {
				this.reranker = null;
				this.reranking = null;
			}
			this.capabilities = Capabilities.of(caps);
		}
		catch (RuntimeException ex) {
			closeAll(opened, ex);
			throw ex;
		}
		this.opened = List.copyOf(opened);
	}

	private static String name(@Nullable String name, Path dir) {
		return (name != null) ? name : dir.toAbsolutePath().normalize().toString();
	}

	private static void closeAll(List<AutoCloseable> opened, RuntimeException failure) {
		for (AutoCloseable closeable : opened.reversed()) {
			try {
				closeable.close();
			}
			catch (Exception suppressed) {
				failure.addSuppressed(suppressed);
			}
		}
	}

	String modelName() {
		return this.modelName;
	}

	HfTokenizer tokenizer() {
		return this.tokenizer;
	}

	CohereModel model() {
		return this.model;
	}

	ChatTemplateMapper mapper() {
		return this.mapper;
	}

	int maxContext() {
		return this.maxContext;
	}

	Set<Integer> stopTokenIds() {
		return this.stopTokenIds;
	}

	@Nullable LocalEmbeddings embeddings() {
		return this.embeddings;
	}

	@Nullable LocalReranking reranking() {
		return this.reranking;
	}

	Capabilities capabilities() {
		return this.capabilities;
	}

	/**
	 * The models served: the chat model, then the embedding and rerank models where
	 * configured.
	 * @return the models
	 */
	List<LocalModel> models() {
		List<LocalModel> models = new ArrayList<>(3);
		models.add(new LocalModel(this.modelName, Capability.CHAT, this.maxContext));
		if (this.embeddings != null && this.embedEncoder != null) {
			models.add(new LocalModel(this.embeddings.modelName(), Capability.EMBED, this.embedEncoder.maxLength()));
		}
		if (this.reranking != null && this.reranker != null) {
			models.add(new LocalModel(this.reranking.modelName(), Capability.RERANK,
					this.reranker.classifier().encoder().maxSequenceLength()));
		}
		return List.copyOf(models);
	}

	/**
	 * Releases the rerank and embedding models, the chat model's weights and tokenizer,
	 * and the kernels, in that order; a failure to close one does not keep the others
	 * open (it is thrown after all are closed).
	 */
	@Override
	public void close() {
		IllegalStateException failure = new IllegalStateException("Closing the local models failed");
		closeAll(this.opened, failure);
		if (failure.getSuppressed().length > 0) {
			throw failure;
		}
	}

}
