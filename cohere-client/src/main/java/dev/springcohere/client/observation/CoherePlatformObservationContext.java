package dev.springcohere.client.observation;

import java.util.Objects;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * What one call of Cohere's platform API (fine-tuning, datasets, embed jobs, batches,
 * connectors, a model's details, classify, audio, check-api-key) tells its observation:
 * the capability, the operation, the backend, and the HTTP status of the answer (or of
 * the error). Request and answer bodies are never kept.
 *
 * @since 0.1.0
 */
public final class CoherePlatformObservationContext extends Observation.Context {

	private final String capability;

	private final String operation;

	private final String backendId;

	private @Nullable Integer status;

	/**
	 * Creates a context.
	 * @param capability the capability, such as {@code fine-tuning}
	 * @param operation the operation's {@code operationId} in Cohere's OpenAPI
	 * description, such as {@code CreateFinetunedModel}
	 * @param backendId the id of the backend called
	 */
	public CoherePlatformObservationContext(String capability, String operation, String backendId) {
		this.capability = Objects.requireNonNull(capability, "'capability' must not be null");
		this.operation = Objects.requireNonNull(operation, "'operation' must not be null");
		this.backendId = Objects.requireNonNull(backendId, "'backendId' must not be null");
	}

	/**
	 * Returns the capability.
	 * @return the capability, such as {@code fine-tuning}
	 */
	public String getCapability() {
		return this.capability;
	}

	/**
	 * Returns the operation.
	 * @return the operation id, such as {@code CreateFinetunedModel}
	 */
	public String getOperation() {
		return this.operation;
	}

	/**
	 * Returns the id of the backend called.
	 * @return the backend id
	 */
	public String getBackendId() {
		return this.backendId;
	}

	/**
	 * Returns the HTTP status of the answer, or of the error answer.
	 * @return the status, or {@code null} before the answer or when none came (a network
	 * failure, a timeout, a refused capability)
	 */
	public @Nullable Integer getStatus() {
		return this.status;
	}

	/**
	 * Sets the HTTP status.
	 * @param status the status
	 */
	public void setStatus(@Nullable Integer status) {
		this.status = status;
	}

}
