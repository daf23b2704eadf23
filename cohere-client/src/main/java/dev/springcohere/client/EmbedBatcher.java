package dev.springcohere.client;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.springcohere.api.ApiMeta;
import dev.springcohere.api.EmbedRequest;
import dev.springcohere.api.EmbedResponse;
import dev.springcohere.api.error.CohereEmbedBatchException;
import dev.springcohere.api.error.CohereException;

/**
 * Splits embed requests that are larger than one call allows into batches, sends the
 * batches with bounded parallelism and merges the answers back in input order. Immutable
 * and thread-safe.
 * <p>
 * A request is split when it has more than {@link #getBatchSize()} texts, images or
 * inputs (only one of the three kinds may then be used). The merged response has every
 * embedding type of the answers (float, int8, uint8, binary, ubinary, base64), the texts
 * and images in input order, and the billed units and token counts summed; its id is the
 * first batch's. One failed batch fails the whole call with a
 * {@link CohereEmbedBatchException} whose message names the batch's input range and whose
 * cause is the batch's failure; the batches still running are cancelled.
 *
 * @since 0.1.0
 */
public final class EmbedBatcher {

	/** The largest number of inputs in one call to Cohere's embed endpoint. */
	public static final int MAX_BATCH_SIZE = 96;

	/** The default number of batches sent at the same time. */
	public static final int DEFAULT_CONCURRENCY = 4;

	private final int batchSize;

	private final int concurrency;

	/**
	 * Creates a batcher.
	 * @param batchSize the most inputs per call, between 1 and {@value #MAX_BATCH_SIZE}
	 * @param concurrency the most batches sent at the same time, at least 1
	 * @throws IllegalArgumentException if a value is out of range
	 */
	public EmbedBatcher(int batchSize, int concurrency) {
		this.batchSize = checkBatchSize(batchSize);
		if (concurrency < 1) {
			throw new IllegalArgumentException("The embed concurrency must be at least 1, but was " + concurrency);
		}
		this.concurrency = concurrency;
	}

	/**
	 * Checks an embed batch size.
	 * @param batchSize the batch size
	 * @return the batch size
	 * @throws IllegalArgumentException if it is below 1 or above {@value #MAX_BATCH_SIZE}
	 */
	public static int checkBatchSize(int batchSize) {
		if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
			throw new IllegalArgumentException("The embed batch size must be between 1 and " + MAX_BATCH_SIZE
					+ " (Cohere's limit of inputs per embed call), but was " + batchSize
					+ "; larger requests are split into batches automatically");
		}
		return batchSize;
	}

	/**
	 * Returns the most inputs per call.
	 * @return the batch size
	 */
	public int getBatchSize() {
		return this.batchSize;
	}

	/**
	 * Returns the most batches sent at the same time.
	 * @return the concurrency
	 */
	public int getConcurrency() {
		return this.concurrency;
	}

	/**
	 * Splits a request into batches of at most {@link #getBatchSize()} inputs.
	 * @param request the request
	 * @return the request itself when it fits in one call, else the batches in input
	 * order
	 * @throws IllegalArgumentException if a request that needs splitting mixes texts,
	 * images and inputs
	 */
	public List<EmbedRequest> split(EmbedRequest request) {
		Objects.requireNonNull(request, "'request' must not be null");
		int texts = request.texts().size();
		int images = request.images().size();
		int inputs = request.inputs().size();
		if (texts + images + inputs <= this.batchSize) {
			return List.of(request);
		}
		int kinds = ((texts > 0) ? 1 : 0) + ((images > 0) ? 1 : 0) + ((inputs > 0) ? 1 : 0);
		if (kinds > 1) {
			throw new IllegalArgumentException("An embed request with more than " + this.batchSize
					+ " inputs is split into batches, so it must use only one of 'texts', 'images' and 'inputs'; "
					+ "this one has " + texts + " texts, " + images + " images and " + inputs + " inputs");
		}
		List<EmbedRequest> batches = new ArrayList<>();
		int total = texts + images + inputs;
		for (int from = 0; from < total; from += this.batchSize) {
			int to = Math.min(total, from + this.batchSize);
			EmbedRequest.Builder batch = request.mutate();
			if (texts > 0) {
				batch.texts(request.texts().subList(from, to));
			}
			else if (images > 0) {
				batch.images(request.images().subList(from, to));
			}
			else {
				batch.inputs(request.inputs().subList(from, to));
			}
			batches.add(batch.build());
		}
		return batches;
	}

	/**
	 * Embeds a request, in batches when it is too large for one call.
	 * @param request the request
	 * @param call sends one batch (a request of at most {@link #getBatchSize()} inputs)
	 * @return a {@code Mono} of the merged response
	 */
	public Mono<EmbedResponse> embed(EmbedRequest request, Function<EmbedRequest, Mono<EmbedResponse>> call) {
		Objects.requireNonNull(call, "'call' must not be null");
		List<EmbedRequest> batches = split(request);
		if (batches.size() == 1) {
			return Mono.defer(() -> call.apply(batches.get(0)));
		}
		return Flux.range(0, batches.size())
			.flatMapSequential((index) -> Mono.defer(() -> call.apply(batches.get(index)))
				.onErrorMap((ex) -> batchFailure(index, batches, ex)), this.concurrency)
			.collectList()
			.map((responses) -> merge(batches, responses));
	}

	private CohereEmbedBatchException batchFailure(int index, List<EmbedRequest> batches, Throwable cause) {
		EmbedRequest batch = batches.get(index);
		int first = index * this.batchSize;
		int last = first + batch.texts().size() + batch.images().size() + batch.inputs().size() - 1;
		return new CohereEmbedBatchException(index, batches.size(), first, last, cause);
	}

	private static EmbedResponse merge(List<EmbedRequest> batches, List<EmbedResponse> responses) {
		List<List<Double>> floats = new ArrayList<>();
		List<List<Integer>> int8 = new ArrayList<>();
		List<List<Integer>> uint8 = new ArrayList<>();
		List<List<Integer>> binary = new ArrayList<>();
		List<List<Integer>> ubinary = new ArrayList<>();
		List<String> base64 = new ArrayList<>();
		List<String> texts = new ArrayList<>();
		List<EmbedResponse.Image> images = new ArrayList<>();
		for (int i = 0; i < responses.size(); i++) {
			EmbedRequest batch = batches.get(i);
			EmbedResponse.Embeddings embeddings = responses.get(i).embeddings();
			int size = batch.texts().size() + batch.images().size() + batch.inputs().size();
			String where = "embed batch " + (i + 1) + " of " + responses.size();
			floats.addAll(checked(embeddings.floats(), size, "float", where, i, floats.size()));
			int8.addAll(checked(embeddings.int8(), size, "int8", where, i, int8.size()));
			uint8.addAll(checked(embeddings.uint8(), size, "uint8", where, i, uint8.size()));
			binary.addAll(checked(embeddings.binary(), size, "binary", where, i, binary.size()));
			ubinary.addAll(checked(embeddings.ubinary(), size, "ubinary", where, i, ubinary.size()));
			base64.addAll(checked(embeddings.base64(), size, "base64", where, i, base64.size()));
			texts.addAll(responses.get(i).texts());
			images.addAll(responses.get(i).images());
		}
		EmbedResponse first = responses.get(0);
		return new EmbedResponse(first.id(), first.responseType(),
				new EmbedResponse.Embeddings(floats, int8, uint8, binary, ubinary, base64), texts, images,
				mergeMeta(responses));
	}

	private static <T> List<T> checked(List<T> vectors, int size, String type, String where, int batch,
			int mergedSoFar) {
		boolean presentBefore = mergedSoFar > 0;
		boolean present = !vectors.isEmpty();
		if ((present && vectors.size() != size) || (batch > 0 && present != presentBefore)) {
			throw new CohereException("The answer to " + where + " has " + vectors.size() + " '" + type
					+ "' embeddings for " + size + " inputs"
					+ ((batch > 0 && present != presentBefore) ? " while the earlier batches had " + mergedSoFar : "")
					+ ", so the embeddings cannot be matched to their inputs");
		}
		return vectors;
	}

	private static @Nullable ApiMeta mergeMeta(List<EmbedResponse> responses) {
		ApiMeta.ApiVersion version = null;
		Double[] billed = new Double[7];
		Double inputTokens = null;
		Double outputTokens = null;
		Double cachedTokens = null;
		boolean anyBilled = false;
		boolean anyTokens = false;
		boolean anyMeta = false;
		Set<String> warnings = new LinkedHashSet<>();
		for (EmbedResponse response : responses) {
			ApiMeta meta = response.meta();
			if (meta == null) {
				continue;
			}
			anyMeta = true;
			if (version == null) {
				version = meta.apiVersion();
			}
			ApiMeta.BilledUnits units = meta.billedUnits();
			if (units != null) {
				anyBilled = true;
				Double[] values = { units.images(), units.inputTokens(), units.imageTokens(), units.outputTokens(),
						units.searchUnits(), units.classifications(), units.pages() };
				for (int i = 0; i < values.length; i++) {
					billed[i] = sum(billed[i], values[i]);
				}
			}
			ApiMeta.Tokens tokens = meta.tokens();
			if (tokens != null) {
				anyTokens = true;
				inputTokens = sum(inputTokens, tokens.inputTokens());
				outputTokens = sum(outputTokens, tokens.outputTokens());
			}
			cachedTokens = sum(cachedTokens, meta.cachedTokens());
			warnings.addAll(meta.warnings());
		}
		if (!anyMeta) {
			return null;
		}
		ApiMeta.BilledUnits units = anyBilled
				? new ApiMeta.BilledUnits(billed[0], billed[1], billed[2], billed[3], billed[4], billed[5], billed[6])
				: null;
		ApiMeta.Tokens tokens = anyTokens ? new ApiMeta.Tokens(inputTokens, outputTokens) : null;
		return new ApiMeta(version, units, tokens, cachedTokens, List.copyOf(warnings));
	}

	private static @Nullable Double sum(@Nullable Double a, @Nullable Double b) {
		if (a == null) {
			return b;
		}
		return (b == null) ? a : a + b;
	}

	@Override
	public String toString() {
		return "EmbedBatcher[batchSize=" + this.batchSize + ", concurrency=" + this.concurrency + "]";
	}

}
