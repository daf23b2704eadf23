package dev.springcohere.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a {@link CohereConfigurationException} as a readable startup failure: the
 * problem with the property named, and the action that fixes it.
 *
 * @since 0.1.0
 */
public final class CohereConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<CohereConfigurationException> {

	/**
	 * Creates the analyzer (instantiated by Spring Boot from
	 * {@code META-INF/spring.factories}).
	 */
	public CohereConfigurationFailureAnalyzer() {
	}

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, CohereConfigurationException cause) {
		return new FailureAnalysis(
				"Invalid springcohere configuration of '" + cause.getProperty() + "': " + cause.getDescription(),
				cause.getAction(), cause);
	}

}
