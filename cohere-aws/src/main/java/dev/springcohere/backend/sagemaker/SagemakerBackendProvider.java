package dev.springcohere.backend.sagemaker;

import java.util.ArrayList;
import java.util.List;

import dev.springcohere.backend.BackendSettings;
import dev.springcohere.backend.CohereBackend;
import dev.springcohere.backend.CohereBackendProvider;
import dev.springcohere.backend.Setting;

/**
 * Provides the {@code sagemaker} backend: Cohere's Marketplace model containers on Amazon
 * SageMaker endpoints. It needs an endpoint name ({@code cohere.sagemaker.endpoint-name}
 * or a per-capability one), an AWS region and AWS credentials.
 *
 * @since 0.1.0
 */
public final class SagemakerBackendProvider implements CohereBackendProvider {

	/**
	 * Creates the provider (for {@link java.util.ServiceLoader}).
	 */
	public SagemakerBackendProvider() {
	}

	@Override
	public String id() {
		return SagemakerBackend.ID;
	}

	@Override
	public List<Setting<?>> settings() {
		List<Setting<?>> settings = new ArrayList<>(SagemakerBackend.AWS_KEYS.all());
		settings.addAll(List.of(SagemakerBackend.ENDPOINT_NAME, SagemakerBackend.CHAT_ENDPOINT_NAME,
				SagemakerBackend.EMBED_ENDPOINT_NAME, SagemakerBackend.RERANK_ENDPOINT_NAME,
				SagemakerBackend.INFERENCE_COMPONENT, SagemakerBackend.CHAT_MODEL));
		return List.copyOf(settings);
	}

	/**
	 * Creates a {@link SagemakerBackend}.
	 * @param settings the settings
	 * @return the backend
	 * @throws IllegalStateException when no endpoint or region is configured, or a
	 * property is wrong
	 */
	@Override
	public CohereBackend create(BackendSettings settings) {
		return SagemakerBackend.create(settings);
	}

}
