package dev.springcohere.autoconfigure;

import org.springframework.boot.test.context.assertj.AssertableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Finds the {@link CohereConfigurationException} that stopped a context.
 */
final class Failures {

	private Failures() {
	}

	static CohereConfigurationException configurationFailure(AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		for (Throwable current = context.getStartupFailure(); current != null; current = current.getCause()) {
			if (current instanceof CohereConfigurationException found) {
				return found;
			}
		}
		throw new AssertionError("No CohereConfigurationException in the cause chain", context.getStartupFailure());
	}

}
