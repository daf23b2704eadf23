package dev.springcohere.sample.rag;

import dev.springcohere.autoconfigure.CohereToolRegistry;
import dev.springcohere.client.CohereClient;
import dev.springcohere.sample.support.ApiExceptionHandler;
import dev.springcohere.sample.support.CohereAccess;
import dev.springcohere.sample.support.CohereSetupHealthIndicator;
import dev.springcohere.sample.support.SampleLimitsConfiguration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Entry point of the RAG sample; registers the beans it shares with the other samples
 * (module {@code sample-support}): the JSON error answers and the access to Cohere.
 */
@SpringBootApplication
@EnableConfigurationProperties(RagProperties.class)
@Import({ ApiExceptionHandler.class, SampleLimitsConfiguration.class })
public class RagApplication {

	/**
	 * Gives the sample the client and the embedding model, or a 503 naming the property
	 * to set when Cohere is not configured.
	 * @param client the client, created lazily
	 * @param tools the registry of {@code @CohereTool} methods (the sample has none)
	 * @return the access
	 */
	@Bean
	CohereAccess cohereAccess(ObjectProvider<CohereClient> client, ObjectProvider<CohereToolRegistry> tools) {
		return new CohereAccess(client, tools, new CohereAccess.SetupMessages(
				CohereAccess.SetupMessages::notConfiguredMessage,
				(ex) -> "Cohere could not be set up (" + ex.getMostSpecificCause().getMessage()
						+ "): check cohere.api-key (or CO_API_KEY) and the other cohere.* settings, or choose another "
						+ "backend with cohere.backend"));
	}

	/**
	 * Reports the application DOWN, with the reason, while Cohere is not configured.
	 * @param access the access to the client
	 * @return the health indicator
	 */
	@Bean
	CohereSetupHealthIndicator cohereSetupHealthIndicator(CohereAccess access) {
		return new CohereSetupHealthIndicator(access);
	}

	/**
	 * Starts the application.
	 * @param args the command line arguments
	 */
	public static void main(String[] args) {
		SpringApplication.run(RagApplication.class, args);
	}

}
