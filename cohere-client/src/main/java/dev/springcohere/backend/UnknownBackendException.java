package dev.springcohere.backend;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * No {@link CohereBackendProvider} with the requested id is on the class path. The fields
 * say why, so callers (such as Spring Boot's failure analysis) can phrase the fix without
 * reading the message: {@link #getArtifact()} names the Maven artifact that provides a
 * known backend (absent for a misspelt id), and {@link #getAvailableIds()} lists the ids
 * that are available.
 *
 * @since 0.1.0
 */
public class UnknownBackendException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	private final String backendId;

	private final List<String> availableIds;

	private final @Nullable String artifact;

	/**
	 * Creates an exception.
	 * @param backendId the requested id
	 * @param availableIds the ids that are available
	 * @param artifact the {@code groupId:artifactId} that provides this backend, or
	 * {@code null} when the id is not one of springcohere's backends
	 */
	public UnknownBackendException(String backendId, List<String> availableIds, @Nullable String artifact) {
		super(message(backendId, availableIds, artifact));
		this.backendId = Objects.requireNonNull(backendId, "'backendId' must not be null");
		this.availableIds = List.copyOf(availableIds);
		this.artifact = artifact;
	}

	private static String message(String backendId, List<String> availableIds, @Nullable String artifact) {
		String available = availableIds.isEmpty() ? "none" : String.join(", ", availableIds);
		if (artifact == null) {
			return "No Cohere backend with id '" + backendId + "'; available: " + available;
		}
		return "The '" + backendId + "' backend is provided by " + artifact + ", which is not on the class path "
				+ "(available: " + available + ")";
	}

	/**
	 * Returns the requested id.
	 * @return the id
	 */
	public String getBackendId() {
		return this.backendId;
	}

	/**
	 * Returns the ids that are available.
	 * @return the ids, in the order the providers were found
	 */
	public List<String> getAvailableIds() {
		return this.availableIds;
	}

	/**
	 * Returns the Maven artifact that provides the backend.
	 * @return {@code groupId:artifactId}, or {@code null} when the id is not one of
	 * springcohere's backends
	 */
	public @Nullable String getArtifact() {
		return this.artifact;
	}

	/**
	 * Whether the id names one of springcohere's backends whose module is missing (rather
	 * than a misspelt id).
	 * @return true when {@link #getArtifact()} is known
	 */
	public boolean isKnownBackend() {
		return this.artifact != null;
	}

}
