package dev.springcohere.sample.localengine;

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
 * Gives the controller the {@link CohereClient}, created on first use (that is when the local engine loads the
 * model); when the engine is not configured it throws a 503 {@link ApiException} naming the property to set
 * instead of failing the startup.
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
	 * @throws ApiException with status 503 when the engine is not configured
	 */
	public CohereClient client() {
		try {
			return this.client.getObject();
		}
		catch (BeansException ex) {
			for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
				if (cause instanceof CohereConfigurationException configuration) {
					throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE,
							"The local engine is not configured: " + configuration.getDescription() + ". "
									+ configuration.getAction());
				}
			}
			throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "The local engine could not be set up ("
					+ ex.getMostSpecificCause().getMessage() + "): check cohere.local.model and the other "
					+ "cohere.local.* settings");
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
