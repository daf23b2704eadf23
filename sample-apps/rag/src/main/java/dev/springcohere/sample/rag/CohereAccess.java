package dev.springcohere.sample.rag;

import dev.springcohere.autoconfigure.CohereConfigurationException;
import dev.springcohere.client.CohereClient;

import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Gives the sample the {@link CohereClient} and the Spring AI {@link EmbeddingModel} of the starter, created on first
 * use; when Cohere is not configured it throws a 503 {@link ApiException} naming the property to set instead of
 * failing the startup.
 */
@Component
public final class CohereAccess {

	private final ObjectProvider<CohereClient> client;

	private final ObjectProvider<EmbeddingModel> embeddingModel;

	/**
	 * Creates the access.
	 * @param client the client, created lazily
	 * @param embeddingModel the starter's Cohere embedding model, created lazily
	 */
	public CohereAccess(ObjectProvider<CohereClient> client, ObjectProvider<EmbeddingModel> embeddingModel) {
		this.client = client;
		this.embeddingModel = embeddingModel;
	}

	/**
	 * Returns the client.
	 * @return the client
	 * @throws ApiException with status 503 when Cohere is not configured
	 */
	public CohereClient client() {
		return resolve(this.client);
	}

	/**
	 * Returns the embedding model (documents are embedded as {@code search_document}, queries as
	 * {@code search_query}).
	 * @return the model
	 * @throws ApiException with status 503 when Cohere is not configured
	 */
	public EmbeddingModel embeddingModel() {
		return resolve(this.embeddingModel);
	}

	private static <T> T resolve(ObjectProvider<T> provider) {
		try {
			return provider.getObject();
		}
		catch (BeansException ex) {
			for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
				if (cause instanceof CohereConfigurationException configuration) {
					throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE,
							"Cohere is not configured: " + configuration.getDescription() + ". "
									+ configuration.getAction()
									+ " (or choose another backend with cohere.backend)");
				}
			}
			throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "Cohere could not be set up ("
					+ ex.getMostSpecificCause().getMessage() + "): check cohere.api-key (or CO_API_KEY) and the other "
					+ "cohere.* settings, or choose another backend with cohere.backend");
		}
	}

}
