package dev.springcohere.autoconfigure;

import java.util.Arrays;

import dev.springcohere.annotation.CohereTool;
import dev.springcohere.api.EmbedInputType;
import dev.springcohere.api.SafetyMode;
import dev.springcohere.client.CohereClient;
import dev.springcohere.springai.CohereChatModel;
import dev.springcohere.springai.CohereChatOptions;
import dev.springcohere.springai.CohereEmbeddingModel;
import dev.springcohere.springai.CohereEmbeddingOptions;
import dev.springcohere.springai.CohereRerankPostProcessor;
import org.junit.jupiter.api.Test;

import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.ToolCallbackProvider;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class CohereSpringAiAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CohereAutoConfiguration.class, CohereSpringAiAutoConfiguration.class))
		.withPropertyValues("CO_API_KEY=", "COHERE_API_KEY=", "CO_API_URL=", "cohere.api-key=test-key",
				"cohere.base-url=http://localhost:1");

	@Test
	void platformConfigurationShouldCreateEverySpringAiBean() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(CohereChatModel.class)
				.hasSingleBean(CohereEmbeddingModel.class)
				.hasSingleBean(CohereRerankPostProcessor.class)
				.hasSingleBean(ToolCallbackProvider.class);
			assertThat(context.getBean(CohereChatModel.class).getOptions().getModel())
				.isEqualTo(context.getBean(CohereProperties.class).getChat().getModel());
		});
	}

	@Test
	void modelSelectorsSetToCohereShouldCreateTheCohereModels() {
		this.runner.withPropertyValues("spring.ai.model.chat=cohere", "spring.ai.model.embedding=cohere")
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(CohereChatModel.class)
				.hasSingleBean(CohereEmbeddingModel.class));
	}

	@Test
	void chatModelSelectorNamingAnotherProviderShouldLeaveOutOnlyTheCohereChatModel() {
		this.runner.withPropertyValues("spring.ai.model.chat=openai")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(CohereChatModel.class)
				.hasSingleBean(CohereEmbeddingModel.class)
				.hasSingleBean(CohereRerankPostProcessor.class)
				.hasSingleBean(ToolCallbackProvider.class));
	}

	@Test
	void modelSelectorsSetToNoneShouldLeaveOutTheCohereModelsAndStillStart() {
		this.runner.withPropertyValues("spring.ai.model.chat=none", "spring.ai.model.embedding=none")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(CohereChatModel.class)
				.doesNotHaveBean(CohereEmbeddingModel.class)
				.hasSingleBean(CohereClient.class)
				.hasSingleBean(CohereRerankPostProcessor.class));
	}

	@Test
	void embeddingModelSelectorNamingAnotherProviderShouldLeaveOutOnlyTheCohereEmbeddingModel() {
		this.runner.withPropertyValues("spring.ai.model.embedding=openai")
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(CohereChatModel.class)
				.doesNotHaveBean(CohereEmbeddingModel.class));
	}

	@Test
	void chatAndEmbeddingOptionsShouldComeFromProperties() {
		this.runner.withPropertyValues("cohere.chat.model=command-a-test", "cohere.chat.temperature=0.25",
				"cohere.chat.max-tokens=321", "cohere.chat.safety-mode=STRICT", "cohere.chat.strict-tools=true",
				"cohere.embed.model=embed-test", "cohere.embed.input-type=search_query", "cohere.embed.dimensions=512")
			.run((context) -> {
				CohereChatOptions chat = context.getBean(CohereChatModel.class).getOptions();
				assertThat(chat.getModel()).isEqualTo("command-a-test");
				assertThat(chat.getTemperature()).isEqualTo(0.25);
				assertThat(chat.getMaxTokens()).isEqualTo(321);
				assertThat(chat.getSafetyMode()).isEqualTo(SafetyMode.STRICT);
				assertThat(chat.getStrictTools()).isTrue();
				CohereEmbeddingOptions embed = context.getBean(CohereEmbeddingModel.class).getOptions();
				assertThat(embed.model()).isEqualTo("embed-test");
				assertThat(embed.inputType()).as("the embedding model chooses the input type per call").isNull();
				assertThat(embed.dimensions()).isEqualTo(512);
				assertThat(context.getBean(CohereClient.class).requestDefaults().embedInputType())
					.isEqualTo(EmbedInputType.SEARCH_QUERY);
			});
	}

	@Test
	void toolCallbackProviderShouldOfferEveryRegisteredToolButThoseThatNeedApproval() {
		this.runner.withUserConfiguration(ToolsConfiguration.class).run((context) -> {
			ToolCallback[] callbacks = context.getBean(ToolCallbackProvider.class).getToolCallbacks();
			assertThat(Arrays.stream(callbacks).map((callback) -> callback.getToolDefinition().name()))
				.containsExactly("greet");
			assertThat(callbacks[0].call("{\"name\":\"Ada\"}")).contains("Hello Ada");
		});
	}

	@Test
	void userBeansShouldWin() {
		this.runner.withUserConfiguration(UserBeansConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(CohereChatModel.class)
				.hasSingleBean(CohereEmbeddingModel.class)
				.hasSingleBean(CohereRerankPostProcessor.class);
			assertThat(context.getBean(CohereChatModel.class)).isSameAs(context.getBean("myChatModel"));
			assertThat(context.getBean(CohereEmbeddingModel.class)).isSameAs(context.getBean("myEmbeddingModel"));
			assertThat(context.getBean(CohereRerankPostProcessor.class)).isSameAs(context.getBean("myReranker"));
			assertThat(context.getBean(CohereChatModel.class).getOptions().getModel()).isEqualTo("mine");
		});
	}

	@Test
	void nothingShouldBeCreatedWithoutCohereSpringAi() {
		this.runner.withClassLoader(new FilteredClassLoader(CohereChatModel.class)).run((context) -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(CohereClient.class)
				.doesNotHaveBean(CohereEmbeddingModel.class)
				.doesNotHaveBean(CohereRerankPostProcessor.class)
				.doesNotHaveBean(ToolCallbackProvider.class)
				.doesNotHaveBean("cohereChatModel");
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class ToolsConfiguration {

		@Bean
		GreetingTools greetingTools() {
			return new GreetingTools();
		}

	}

	public static class GreetingTools {

		@CohereTool(name = "greet", description = "Greets a person")
		public String greet(String name) {
			return "Hello " + name;
		}

		@CohereTool(name = "send_card", description = "Mails a greeting card", confirm = true)
		public String sendCard(String name) {
			throw new AssertionError("Spring AI's tool loop must not be offered a tool that needs approval");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserBeansConfiguration {

		@Bean
		CohereChatModel myChatModel(CohereClient client) {
			return CohereChatModel.builder()
				.cohereClient(client)
				.defaultOptions(CohereChatOptions.builder().model("mine").build())
				.build();
		}

		@Bean
		CohereEmbeddingModel myEmbeddingModel(CohereClient client) {
			return new CohereEmbeddingModel(client);
		}

		@Bean
		CohereRerankPostProcessor myReranker(CohereClient client) {
			return CohereRerankPostProcessor.builder().cohereClient(client).build();
		}

	}

}
