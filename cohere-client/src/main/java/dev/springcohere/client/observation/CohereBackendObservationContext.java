package dev.springcohere.client.observation;

import java.util.Objects;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * What one backend call tells its observation: the operation, the backend, the requested
 * model, whether the answer is streamed, and the token counts once the answer reports
 * them. Prompts and answers are never kept.
 *
 * @since 0.1.0
 */
public final class CohereBackendObservationContext extends Observation.Context {

	private final String operation;

	private final String backendId;

	private final @Nullable String requestModel;

	private final boolean stream;

	private @Nullable Long inputTokens;

	private @Nullable Long outputTokens;

	/**
	 * Creates a context.
	 * @param operation {@code chat}, {@code embeddings} or {@code rerank}
	 * @param backendId the id of the backend called
	 * @param requestModel the model of the request, or {@code null}
	 * @param stream whether the answer is streamed
	 */
	public CohereBackendObservationContext(String operation, String backendId, @Nullable String requestModel,
			boolean stream) {
		this.operation = Objects.requireNonNull(operation, "'operation' must not be null");
		this.backendId = Objects.requireNonNull(backendId, "'backendId' must not be null");
		this.requestModel = requestModel;
		this.stream = stream;
	}

	/**
	 * Returns the operation.
	 * @return {@code chat}, {@code embeddings} or {@code rerank}
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
	 * Returns the model of the request.
	 * @return the model, or {@code null} when the request names none
	 */
	public @Nullable String getRequestModel() {
		return this.requestModel;
	}

	/**
	 * Returns whether the answer is streamed.
	 * @return true for chat streams
	 */
	public boolean isStream() {
		return this.stream;
	}

	/**
	 * Returns the input tokens the answer reported.
	 * @return the count, or {@code null} before the answer or when it reports none
	 */
	public @Nullable Long getInputTokens() {
		return this.inputTokens;
	}

	/**
	 * Sets the input tokens.
	 * @param inputTokens the count
	 */
	public void setInputTokens(@Nullable Long inputTokens) {
		this.inputTokens = inputTokens;
	}

	/**
	 * Returns the output tokens the answer reported.
	 * @return the count, or {@code null} before the answer or when it reports none
	 */
	public @Nullable Long getOutputTokens() {
		return this.outputTokens;
	}

	/**
	 * Sets the output tokens.
	 * @param outputTokens the count
	 */
	public void setOutputTokens(@Nullable Long outputTokens) {
		this.outputTokens = outputTokens;
	}

}
