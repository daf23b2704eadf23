package dev.springcohere.sample.rag;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * Entry point of the RAG sample.
 */
@SpringBootApplication
@EnableConfigurationProperties(RagProperties.class)
public class RagApplication {

	/**
	 * Starts the application.
	 * @param args the command line arguments
	 */
	public static void main(String[] args) {
		SpringApplication.run(RagApplication.class, args);
	}

}
