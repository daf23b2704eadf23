package dev.springcohere.autoconfigure;

import java.util.List;

import dev.springcohere.client.CohereClient;
import dev.springcohere.client.RequestDefaults;
import dev.springcohere.springai.CohereChatModel;
import dev.springcohere.springai.CohereChatOptions;
import dev.springcohere.springai.CohereEmbeddingModel;
import dev.springcohere.springai.CohereEmbeddingOptions;
import dev.springcohere.springai.CohereRerankPostProcessor;
import dev.springcohere.springai.CohereToolCallbacks;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.ai.model.SpringAIModelProperties;
import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.ToolCallbackProvider;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Auto-configuration of the Spring AI beans of springcohere, active when
 * {@code cohere-spring-ai} is on the class path: a {@link CohereChatModel} (defaults from
 * {@code cohere.chat.*}), a {@link CohereEmbeddingModel} (from {@code cohere.embed.*}), a
 * {@link CohereRerankPostProcessor} (from {@code cohere.rerank.*}) and a
 * {@link ToolCallbackProvider} offering every {@code @CohereTool} of the
 * {@link CohereToolRegistry} except those that need approval
 * ({@code @CohereTool(confirm = true)}: Spring AI's tool loop would run them without
 * asking; a {@code CohereAgent} waits for approval). The beans are created whatever the
 * backend offers; calling a capability the backend lacks fails with the client's error.
 * Each bean backs off when the application defines its own of the same type.
 * <p>
 * Spring AI's model selectors are honoured like its own starters do: the chat model only
 * when {@code spring.ai.model.chat} is {@value #MODEL_ID} or unset, the embedding model
 * only when {@code spring.ai.model.embedding} is {@value #MODEL_ID} or unset (so
 * {@code spring.ai.model.chat=openai} or {@code none} leaves the chat model to another
 * starter, or to nobody). Spring AI has no selector for reranking; the rerank
 * post-processor and the tool callbacks are not models and stay.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = CohereAutoConfiguration.class,
		afterName = "org.springframework.ai.model.tool.autoconfigure.ToolCallingAutoConfiguration")
@ConditionalOnClass({ CohereChatModel.class, CohereClient.class })
@ConditionalOnBean(CohereClient.class)
@Import({ CohereSpringAiAutoConfiguration.CohereChatModelConfiguration.class,
		CohereSpringAiAutoConfiguration.CohereEmbeddingModelConfiguration.class })
public final class CohereSpringAiAutoConfiguration {

	/**
	 * The value of {@code spring.ai.model.chat} and {@code spring.ai.model.embedding}
	 * that selects Cohere.
	 */
	public static final String MODEL_ID = "cohere";

	CohereSpringAiAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	CohereRerankPostProcessor cohereRerankPostProcessor(CohereClient client, CohereProperties properties) {
		return CohereRerankPostProcessor.builder()
			.cohereClient(client)
			.model(properties.getRerank().getModel())
			.topN(properties.getRerank().getTopN())
			.build();
	}

	@Bean
	@ConditionalOnMissingBean(name = "cohereToolCallbackProvider")
	ToolCallbackProvider cohereToolCallbackProvider(CohereToolRegistry registry) {
		return new RegistryToolCallbackProvider(registry);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = SpringAIModelProperties.CHAT_MODEL, havingValue = MODEL_ID, matchIfMissing = true)
	static class CohereChatModelConfiguration {

		@Bean
		@ConditionalOnMissingBean
		CohereChatModel cohereChatModel(CohereClient client, CohereProperties properties,
				ObjectProvider<ObservationRegistry> observationRegistry,
				ObjectProvider<ToolCallingManager> toolCallingManager) {
			CohereChatModel.Builder builder = CohereChatModel.builder()
				.cohereClient(client)
				.defaultOptions(chatOptions(properties));
			observationRegistry.ifAvailable(builder::observationRegistry);
			toolCallingManager.ifAvailable(builder::toolCallingManager);
			return builder.build();
		}

		/**
		 * The model's default options, from the client's request defaults (each
		 * {@code cohere.chat.*} property is read once, into them); Spring AI's prompt
		 * options replace these.
		 */
		private static CohereChatOptions chatOptions(CohereProperties properties) {
			RequestDefaults defaults = properties.requestDefaults();
			return CohereChatOptions.builder()
				.model(defaults.chatModel())
				.temperature(defaults.temperature())
				.maxTokens(defaults.maxTokens())
				.safetyMode(defaults.safetyMode())
				.thinking(defaults.thinking())
				.logprobs(defaults.logprobs())
				.priority(defaults.priority())
				.strictTools(properties.getChat().isStrictTools())
				.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = SpringAIModelProperties.EMBEDDING_MODEL, havingValue = MODEL_ID,
			matchIfMissing = true)
	static class CohereEmbeddingModelConfiguration {

		@Bean
		@ConditionalOnMissingBean
		CohereEmbeddingModel cohereEmbeddingModel(CohereClient client, CohereProperties properties) {
			CohereProperties.Embed embed = properties.getEmbed();
			CohereEmbeddingOptions options = CohereEmbeddingOptions.builder()
				.model(embed.getModel())
				.dimensions(embed.getDimensions())
				.build();
			return new CohereEmbeddingModel(client, options);
		}

	}

	/**
	 * Offers the tools of the registry as Spring AI callbacks. The registry is filled
	 * once every singleton exists, so the callbacks are read on each call rather than
	 * when the bean is created.
	 */
	private static final class RegistryToolCallbackProvider implements ToolCallbackProvider {

		private final CohereToolRegistry registry;

		RegistryToolCallbackProvider(CohereToolRegistry registry) {
			this.registry = registry;
		}

		@Override
		public ToolCallback[] getToolCallbacks() {
			List<dev.springcohere.tool.ToolCallback> tools = this.registry.getTools()
				.stream()
				.filter((tool) -> !tool.requiresConfirmation())
				.toList();
			return CohereToolCallbacks.from(tools).toArray(new ToolCallback[0]);
		}

		@Override
		public String toString() {
			return "CohereToolRegistry tools " + this.registry.getNames();
		}

	}

}
