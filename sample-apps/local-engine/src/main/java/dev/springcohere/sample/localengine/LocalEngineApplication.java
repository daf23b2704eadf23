package dev.springcohere.sample.localengine;

import dev.springcohere.autoconfigure.CohereToolRegistry;
import dev.springcohere.client.CohereClient;
import dev.springcohere.sample.support.CohereAccess;
import dev.springcohere.sample.support.OrderDesk;
import dev.springcohere.sample.support.SampleLimitsConfiguration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Entry point of the local engine sample; registers the beans it shares with the
 * quickstart (module {@code sample-support}): the {@code order_status} tool and the
 * access to the engine.
 */
@SpringBootApplication
@Import({ OrderDesk.class, SampleLimitsConfiguration.class })
public class LocalEngineApplication {

	/**
	 * Gives the controller the client, created on first use (that is when the local
	 * engine loads the model), or a 503 naming the property to set when the engine is not
	 * configured.
	 * @param client the client, created lazily
	 * @param tools the registry of {@code @CohereTool} methods
	 * @return the access
	 */
	@Bean
	CohereAccess cohereAccess(ObjectProvider<CohereClient> client, ObjectProvider<CohereToolRegistry> tools) {
		return new CohereAccess(client, tools,
				new CohereAccess.SetupMessages(
						(configuration) -> "The local engine is not configured: " + configuration.getDescription()
								+ ". " + configuration.getAction(),
						(ex) -> "The local engine could not be set up (" + ex.getMostSpecificCause().getMessage()
								+ "): check cohere.local.model and the other cohere.local.* settings"));
	}

	/**
	 * Starts the application.
	 * @param args the command line arguments
	 */
	public static void main(String[] args) {
		SpringApplication.run(LocalEngineApplication.class, args);
	}

}
