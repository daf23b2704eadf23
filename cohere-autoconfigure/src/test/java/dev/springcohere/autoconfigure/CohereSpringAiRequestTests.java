package dev.springcohere.autoconfigure;

import java.util.List;

import dev.springcohere.api.Thinking;
import dev.springcohere.client.CohereClient;
import dev.springcohere.springai.CohereChatModel;
import dev.springcohere.springai.CohereChatOptions;
import dev.springcohere.springai.CohereEmbeddingModel;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.ToolCallbackProvider;
import org.springframework.ai.document.Document;
import org.springframework.boot.autoconfigure.AutoConfigurations;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the Spring AI beans send, checked on the wire: the request defaults of
 * {@code cohere.chat.*} are the chat model's default options, replaced (not topped up by
 * the client's request defaults) by a prompt's options, as Spring AI 2.0 defines it
 * (merging is {@code ChatClient}'s job); embed input types follow the call.
 */
class CohereSpringAiRequestTests extends WireMockAutoConfigurationTestSupport {

	private static final String EMBED_RESPONSE = "{\"id\":\"e\",\"embeddings\":{\"float\":[[0.5,0.25]]}}";

	@Test
	void promptOptionsReplaceTheConfiguredDefaultsInsteadOfBeingToppedUp() {
		stubChat();
		contextRunner(WITHOUT_ENVIRONMENT_KEYS)
			.withConfiguration(AutoConfigurations.of(CohereSpringAiAutoConfiguration.class))
			.withPropertyValues("cohere.api-key=test-key", "cohere.base-url=" + server.baseUrl(),
					"cohere.chat.temperature=0.7", "cohere.chat.max-tokens=222")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				CohereChatModel model = context.getBean(CohereChatModel.class);
				model.call(new Prompt("defaults"));
				model.call(new Prompt("replaced", CohereChatOptions.builder().maxTokens(50).build()));
			});
		server.verify(postRequestedFor(urlEqualTo("/v2/chat"))
			.withRequestBody(equalToJson("{\"messages\":[{\"role\":\"user\",\"content\":\"defaults\"}],"
					+ "\"temperature\":0.7,\"max_tokens\":222}", true, true)));
		server.verify(postRequestedFor(urlEqualTo("/v2/chat"))
			.withRequestBody(equalToJson("{\"messages\":[{\"role\":\"user\",\"content\":\"replaced\"}],"
					+ "\"model\":\"command-a-03-2025\",\"max_tokens\":50}", true, true))
			.withRequestBody(notContaining("temperature")));
	}

	@Test
	void thinkingLogprobsAndPriorityDefaultsReachBothTheClientAndTheChatModelAndPromptOptionsReplaceThem() {
		stubChat();
		contextRunner(WITHOUT_ENVIRONMENT_KEYS)
			.withConfiguration(AutoConfigurations.of(CohereSpringAiAutoConfiguration.class))
			.withPropertyValues("cohere.api-key=test-key", "cohere.base-url=" + server.baseUrl(),
					"cohere.chat.thinking.type=enabled", "cohere.chat.thinking.token-budget=512",
					"cohere.chat.logprobs=true", "cohere.chat.priority=7")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				CohereChatModel model = context.getBean(CohereChatModel.class);
				assertThat(model.getOptions().getThinking()).isEqualTo(Thinking.enabled(512));
				assertThat(model.getOptions().getLogprobs()).isTrue();
				assertThat(model.getOptions().getPriority()).isEqualTo(7);
				model.call(new Prompt("model defaults"));
				model.call(new Prompt("replaced", CohereChatOptions.builder().priority(3).build()));
				context.getBean(CohereClient.class).chat("client defaults");
			});
		String defaults = "\"thinking\":{\"type\":\"enabled\",\"token_budget\":512},\"logprobs\":true,"
				+ "\"priority\":7}";
		server.verify(postRequestedFor(urlEqualTo("/v2/chat")).withRequestBody(containing("model defaults"))
			.withRequestBody(equalToJson("{" + defaults, true, true)));
		server.verify(postRequestedFor(urlEqualTo("/v2/chat")).withRequestBody(containing("client defaults"))
			.withRequestBody(equalToJson("{" + defaults, true, true)));
		server.verify(postRequestedFor(urlEqualTo("/v2/chat")).withRequestBody(containing("replaced"))
			.withRequestBody(equalToJson("{\"priority\":3}", true, true))
			.withRequestBody(notContaining("thinking"))
			.withRequestBody(notContaining("logprobs")));
	}

	@Test
	void aThinkingBudgetAloneEnablesThinkingAndBadThinkingOrPriorityFailTheStartup() {
		contextRunner(WITHOUT_ENVIRONMENT_KEYS)
			.withPropertyValues("cohere.api-key=test-key", "cohere.chat.thinking.token-budget=64")
			.run((context) -> assertThat(context.getBean(CohereClient.class).requestDefaults().thinking())
				.isEqualTo(Thinking.enabled(64)));
		contextRunner(WITHOUT_ENVIRONMENT_KEYS)
			.withPropertyValues("cohere.api-key=test-key", "cohere.chat.thinking.type=maybe")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("cohere.chat.thinking.type must be 'enabled' or 'disabled' but was 'maybe'"));
		contextRunner(WITHOUT_ENVIRONMENT_KEYS)
			.withPropertyValues("cohere.api-key=test-key", "cohere.chat.thinking.type=disabled",
					"cohere.chat.thinking.token-budget=10")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("cohere.chat.thinking.token-budget (10) is set but"));
		contextRunner(WITHOUT_ENVIRONMENT_KEYS)
			.withPropertyValues("cohere.api-key=test-key", "cohere.chat.priority=1000")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("'priority' must be between 0 (highest) and 999 (lowest), but was 1000"));
	}

	@Test
	void strictToolsIsSentOnlyWithTools() {
		stubChat();
		contextRunner(WITHOUT_ENVIRONMENT_KEYS)
			.withConfiguration(AutoConfigurations.of(CohereSpringAiAutoConfiguration.class))
			.withUserConfiguration(CohereSpringAiAutoConfigurationTests.ToolsConfiguration.class)
			.withPropertyValues("cohere.api-key=test-key", "cohere.base-url=" + server.baseUrl())
			.run((context) -> {
				assertThat(context).hasNotFailed();
				CohereChatModel model = context.getBean(CohereChatModel.class);
				assertThat(model.getOptions().getStrictTools()).isTrue();
				model.call(new Prompt("no tools"));
				ToolCallback[] tools = context.getBean(ToolCallbackProvider.class).getToolCallbacks();
				model.call(new Prompt("with tools", model.getOptions().mutate().toolCallbacks(List.of(tools)).build()));
			});
		server.verify(postRequestedFor(urlEqualTo("/v2/chat")).withRequestBody(containing("no tools"))
			.withRequestBody(notContaining("strict_tools")));
		server.verify(postRequestedFor(urlEqualTo("/v2/chat")).withRequestBody(containing("with tools"))
			.withRequestBody(equalToJson("{\"strict_tools\":true}", true, true)));
	}

	@Test
	void embedInputTypesFollowTheCallWhateverTheConfiguredDefault() {
		server.stubFor(post("/v2/embed").willReturn(okJson(EMBED_RESPONSE)));
		contextRunner(WITHOUT_ENVIRONMENT_KEYS)
			.withConfiguration(AutoConfigurations.of(CohereSpringAiAutoConfiguration.class))
			.withPropertyValues("cohere.api-key=test-key", "cohere.base-url=" + server.baseUrl(),
					"cohere.embed.input-type=search_query")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				CohereEmbeddingModel embeddings = context.getBean(CohereEmbeddingModel.class);
				embeddings.embed(new Document("a document"));
				embeddings.embed(List.of("listed text"));
				embeddings.embed("a query");
			});
		server.verify(postRequestedFor(urlEqualTo("/v2/embed")).withRequestBody(
				equalToJson("{\"texts\":[\"a document\"],\"input_type\":\"search_document\"}", true, true)));
		server.verify(postRequestedFor(urlEqualTo("/v2/embed")).withRequestBody(
				equalToJson("{\"texts\":[\"listed text\"],\"input_type\":\"search_document\"}", true, true)));
		server.verify(postRequestedFor(urlEqualTo("/v2/embed"))
			.withRequestBody(equalToJson("{\"texts\":[\"a query\"],\"input_type\":\"search_query\"}", true, true)));
	}

}
