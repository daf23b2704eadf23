package dev.springcohere.sample.quickstart;

import java.util.List;

import dev.springcohere.autoconfigure.CohereConfigurationException;
import dev.springcohere.autoconfigure.CohereToolRegistry;
import dev.springcohere.client.CohereClient;
import dev.springcohere.tool.ToolCallback;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Gives the controllers the {@link CohereClient}, created on first use; when Cohere is not configured it throws a
 * 503 {@link ApiException} naming the property to set instead of failing the startup.
 */
@Component
public final class CohereAccess {

	private final ObjectProvider<CohereClient> client;

	private final ObjectProvider<CohereToolRegistry> tools;

	/**
	 * Creates the access.
	 * @param client the client, created lazily
	 * @param tools the registry of {@code @CohereTool} methods
	 */
	public CohereAccess(ObjectProvider<CohereClient> client, ObjectProvider<CohereToolRegistry> tools) {
		this.client = client;
		this.tools = tools;
	}

	/**
	 * Returns the client.
	 * @return the client
	 * @throws ApiException with status 503 when Cohere is not configured
	 */
	public CohereClient client() {
		try {
			return this.client.getObject();
		}
		catch (BeansException ex) {
			for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
				if (cause instanceof CohereConfigurationException configuration) {
					throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE,
							"Cohere is not configured: " + configuration.getDescription() + ". "
									+ configuration.getAction()
									+ " (or choose another backend with cohere.backend)");
				}
			}
			throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE,
					"Cohere is not configured: set cohere.api-key (or CO_API_KEY), or choose another backend with "
							+ "cohere.backend");
		}
	}

	/**
	 * Returns the {@code @CohereTool} methods of the application.
	 * @return the tools
	 */
	public List<ToolCallback> tools() {
		return this.tools.getObject().getTools();
	}

}
