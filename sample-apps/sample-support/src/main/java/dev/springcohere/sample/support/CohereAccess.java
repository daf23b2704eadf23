package dev.springcohere.sample.support;

import java.util.List;
import java.util.function.Function;

import dev.springcohere.autoconfigure.CohereConfigurationException;
import dev.springcohere.autoconfigure.CohereToolRegistry;
import dev.springcohere.client.CohereClient;
import dev.springcohere.tool.ToolCallback;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;

/**
 * Gives a sample the {@link CohereClient} (and any other bean of the starter), created on
 * first use; when Cohere is not configured it throws a 503 {@link ApiException} naming
 * the property to set instead of failing the startup. What the error says is the sample's
 * choice ({@link SetupMessages}).
 */
public final class CohereAccess {

	private final ObjectProvider<CohereClient> client;

	private final ObjectProvider<CohereToolRegistry> tools;

	private final SetupMessages messages;

	/**
	 * Creates the access.
	 * @param client the client, created lazily
	 * @param tools the registry of {@code @CohereTool} methods
	 * @param messages what the 503 says
	 */
	public CohereAccess(ObjectProvider<CohereClient> client, ObjectProvider<CohereToolRegistry> tools,
			SetupMessages messages) {
		this.client = client;
		this.tools = tools;
		this.messages = messages;
	}

	/**
	 * Returns the client.
	 * @return the client
	 * @throws ApiException with status 503 when Cohere is not configured
	 */
	public CohereClient client() {
		return resolve(this.client);
	}

	/**
	 * Returns the {@code @CohereTool} methods of the application.
	 * @return the tools
	 */
	public List<ToolCallback> tools() {
		return this.tools.getObject().getTools();
	}

	/**
	 * Returns a bean that needs Cohere to be configured, such as the starter's Spring AI
	 * {@code EmbeddingModel}.
	 * @param <T> the bean's type
	 * @param provider the bean, created lazily
	 * @return the bean
	 * @throws ApiException with status 503 when Cohere is not configured
	 */
	public <T> T resolve(ObjectProvider<T> provider) {
		try {
			return provider.getObject();
		}
		catch (BeansException ex) {
			for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
				if (cause instanceof CohereConfigurationException configuration) {
					throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE,
							this.messages.notConfigured().apply(configuration));
				}
			}
			throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, this.messages.notSetUp().apply(ex));
		}
	}

	/**
	 * What the 503 of a sample says.
	 *
	 * @param notConfigured the message when the starter reports a missing or invalid
	 * setting (its description and the action to take)
	 * @param notSetUp the message when the client could not be created for another reason
	 */
	public record SetupMessages(Function<CohereConfigurationException, String> notConfigured,
			Function<BeansException, String> notSetUp) {

		/**
		 * The message for a missing or invalid setting: the starter's description and
		 * action, said once, plus a hint at {@code cohere.backend} when the action does
		 * not already name it.
		 * @param configuration the starter's failure
		 * @return the message
		 */
		public static String notConfiguredMessage(CohereConfigurationException configuration) {
			String action = configuration.getAction();
			return "Cohere is not configured: " + configuration.getDescription() + ". " + action
					+ (action.contains("cohere.backend") ? "" : " (or choose another backend with cohere.backend)");
		}

	}

}
