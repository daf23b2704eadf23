package dev.springcohere.sample.localengine;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Entry point of the local engine sample.
 */
@SpringBootApplication
public class LocalEngineApplication {

	/**
	 * Starts the application.
	 * @param args the command line arguments
	 */
	public static void main(String[] args) {
		SpringApplication.run(LocalEngineApplication.class, args);
	}

}
