package dev.springcohere.sample.rag;

import dev.springcohere.sample.support.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Ingests the documents when the application starts ({@code rag.ingest-on-startup}, on by
 * default). When Cohere is not configured it logs why and lets the application start, so
 * that the API can answer 503 naming the property to set; any other failure (an
 * unreadable folder, a failed Cohere call) fails the startup.
 */
@Component
public final class StartupIngest implements ApplicationRunner {

	private static final Logger logger = LoggerFactory.getLogger(StartupIngest.class);

	private final KnowledgeBase knowledgeBase;

	private final RagProperties properties;

	/**
	 * Creates the runner.
	 * @param knowledgeBase the knowledge base to fill
	 * @param properties the sample's settings
	 */
	public StartupIngest(KnowledgeBase knowledgeBase, RagProperties properties) {
		this.knowledgeBase = knowledgeBase;
		this.properties = properties;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!this.properties.isIngestOnStartup()) {
			return;
		}
		try {
			KnowledgeBase.IngestResult result = this.knowledgeBase.ingest();
			logger.info("Ingested {} chunks of {} Markdown files from {}", result.chunks(), result.files(),
					result.source());
		}
		catch (ApiException ex) {
			if (ex.getStatus() != HttpStatus.SERVICE_UNAVAILABLE) {
				throw ex;
			}
			logger.warn("Documents not ingested at startup. {}", ex.getMessage());
		}
	}

}
