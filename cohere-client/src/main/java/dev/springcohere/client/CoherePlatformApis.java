package dev.springcohere.client;

import dev.springcohere.api.RequestOptions;
import dev.springcohere.backend.CohereBackend;
import dev.springcohere.backend.v1.CohereV1Backend;

/**
 * The views of Cohere's platform API beyond chat, embed and rerank that a
 * {@link CohereClient} offers: fine-tuning, datasets, embed jobs, batches, connectors, a
 * model's details, classify, audio, and the v1 text endpoints. Each view's calls go to
 * {@link #backend()} with {@link #options()}; only the {@code platform} and
 * {@code private} backends (and {@code azure} for what its endpoint serves) offer them,
 * the others fail with an
 * {@link dev.springcohere.api.error.UnsupportedCapabilityException} naming the backend
 * and the capability. Per-call options and raw responses: see {@link PlatformApiView}.
 *
 * @since 0.1.0
 */
public interface CoherePlatformApis {

	/**
	 * Returns the backend the views' calls go to.
	 * @return the backend
	 */
	CohereBackend backend();

	/**
	 * Returns the options the views' calls carry.
	 * @return the options
	 */
	RequestOptions options();

	/**
	 * Returns Cohere's v1 text endpoints ({@code /v1/chat}, the legacy
	 * {@code /v1/generate} and {@code /v1/summarize}) with {@link #options()}; the
	 * request defaults do not apply to them.
	 * @return the v1 endpoints
	 * @throws dev.springcohere.api.error.UnsupportedCapabilityException when the backend
	 * has none (only {@code platform} and {@code private} do)
	 */
	default CohereV1Backend v1() {
		return CohereV1Backend.of(backend()).withOptions(options());
	}

	/**
	 * Returns the fine-tuning view ({@code /v1/finetuning}) with {@link #options()}.
	 * @return the view
	 */
	default FineTuningApi fineTuning() {
		return new FineTuningApi(backend(), options(), null);
	}

	/**
	 * Returns the datasets view ({@code /v1/datasets}) with {@link #options()}.
	 * @return the view
	 */
	default DatasetsApi datasets() {
		return new DatasetsApi(backend(), options(), null);
	}

	/**
	 * Returns the embed jobs view ({@code /v1/embed-jobs}) with {@link #options()}.
	 * @return the view
	 */
	default EmbedJobsApi embedJobs() {
		return new EmbedJobsApi(backend(), options(), null);
	}

	/**
	 * Returns the batches view ({@code /v2/batches}) with {@link #options()}.
	 * @return the view
	 */
	default BatchesApi batches() {
		return new BatchesApi(backend(), options(), null);
	}

	/**
	 * Returns the connectors view ({@code /v1/connectors}) with {@link #options()}.
	 * @return the view
	 */
	default ConnectorsApi connectors() {
		return new ConnectorsApi(backend(), options(), null);
	}

	/**
	 * Returns the models view (one model's details, {@code /v1/models}) with
	 * {@link #options()}.
	 * @return the view
	 */
	default ModelsApi modelsApi() {
		return new ModelsApi(backend(), options(), null);
	}

	/**
	 * Returns the classify view ({@code /v1/classify}) with {@link #options()}.
	 * @return the view
	 */
	default ClassifyApi classifier() {
		return new ClassifyApi(backend(), options(), null);
	}

	/**
	 * Returns the speech-to-text view ({@code /v2/audio/transcriptions}) with
	 * {@link #options()}.
	 * @return the view
	 */
	default AudioApi audio() {
		return new AudioApi(backend(), options(), null);
	}

}
