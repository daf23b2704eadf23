package dev.springcohere.starter.shop;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.springcohere.autoconfigure.CohereToolRegistry;
import dev.springcohere.client.CohereClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.tool.ToolCallbackProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(classes = ShopApplication.class,
		properties = { "CO_API_KEY=", "COHERE_API_KEY=", "CO_API_URL=", "cohere.retry.max-attempts=1",
				"cohere.chat.model=command-a-03-2025",
				"cohere.structured-output.types=dev.springcohere.starter.shop.Contact" })
class ShopApplicationTests {

	static final WireMockServer server = startServer();

	@Autowired
	ChatModel chatModel;

	@Autowired
	ToolCallbackProvider toolCallbackProvider;

	@Autowired
	EmbeddingModel embeddingModel;

	@Autowired
	CohereClient cohereClient;

	@Autowired
	CohereToolRegistry toolRegistry;

	@Autowired
	ChatClient.Builder chatClientBuilder;

	private static WireMockServer startServer() {
		WireMockServer wireMock = new WireMockServer(WireMockConfiguration.options().dynamicPort());
		wireMock.start();
		return wireMock;
	}

	@DynamicPropertySource
	static void cohereProperties(DynamicPropertyRegistry registry) {
		registry.add("cohere.base-url", server::baseUrl);
		registry.add("cohere.api-key", () -> "test-key-shop");
	}

	@AfterAll
	static void stopServer() {
		server.stop();
	}

	@BeforeEach
	void resetServer() {
		server.resetAll();
	}

	private static String chatAnswer(String text) {
		String escaped = text.replace("\\", "\\\\").replace("\"", "\\\"");
		return """
				{"id":"a-1","finish_reason":"COMPLETE","message":{"role":"assistant",
				 "content":[{"type":"text","text":"%s"}]},"usage":{"tokens":{"input_tokens":30,"output_tokens":9}}}"""
			.formatted(escaped);
	}

	@Test
	void contextHoldsTheClientAndBothTools() {
		assertThat(this.cohereClient).isNotNull();
		assertThat(this.toolRegistry.getNames()).containsExactlyInAnyOrder("product_lookup", "order_status");
		assertThat(this.toolCallbackProvider.getToolCallbacks()).hasSize(2);
	}

	@Test
	void chatClientRunsTheCohereToolAndSendsItsResultBack() {
		server.stubFor(post(urlEqualTo("/v2/chat"))
			.withRequestBody(matchingJsonPath("$.messages[?(@.role == 'tool')]", absent()))
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("""
					{"id":"t-1","finish_reason":"TOOL_CALL","message":{"role":"assistant","tool_plan":"Look up SKU-1.",
					 "tool_calls":[{"id":"call-1","type":"function",
					 "function":{"name":"product_lookup","arguments":"{\\"sku\\":\\"SKU-1\\"}"}}]},
					 "usage":{"tokens":{"input_tokens":25,"output_tokens":7}}}""")));
		server.stubFor(post(urlEqualTo("/v2/chat")).withRequestBody(matchingJsonPath("$.messages[?(@.role == 'tool')]"))
			.willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody(chatAnswer("The trail running shoes cost 89.90 EUR and 12 are in stock."))));

		String answer = ChatClient.builder(this.chatModel)
			.defaultToolCallbacks(this.toolCallbackProvider)
			.build()
			.prompt()
			.user("How much are the SKU-1 shoes?")
			.call()
			.content();

		assertThat(answer).isEqualTo("The trail running shoes cost 89.90 EUR and 12 are in stock.");
		server.verify(2, postRequestedFor(urlEqualTo("/v2/chat")));
		server.verify(
				postRequestedFor(urlEqualTo("/v2/chat")).withHeader("Authorization", equalTo("Bearer test-key-shop"))
					.withRequestBody(matchingJsonPath("$.tools[?(@.function.name == 'order_status')]"))
					.withRequestBody(matchingJsonPath("$.tools[?(@.function.name == 'product_lookup')]")));
		server.verify(postRequestedFor(urlEqualTo("/v2/chat")).withRequestBody(equalToJson(
				"""
						{"model":"command-a-03-2025","messages":[{"role":"user","content":"How much are the SKU-1 shoes?"},
						 {"role":"assistant","tool_calls":[{"id":"call-1","type":"function",
						   "function":{"name":"product_lookup","arguments":"{\\"sku\\":\\"SKU-1\\"}"}}],"tool_plan":"Look up SKU-1."},
						 {"role":"tool","tool_call_id":"call-1","content":"Trail running shoes, 89.90 EUR, 12 in stock"}]}""",
				false, true)));
	}

	@Test
	void chatClientExtractsAStructuredOutputRecord() {
		server.stubFor(post(urlEqualTo("/v2/chat")).withRequestBody(containing("Ada Lovelace"))
			.willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody(chatAnswer(
						"{\"name\":\"Ada Lovelace\",\"email\":\"ada@example.org\",\"phone\":\"+44 20 7946 0000\"}"))));

		Contact contact = ChatClient.create(this.chatModel)
			.prompt()
			.user("Extract the contact: write to Ada Lovelace at ada@example.org or call +44 20 7946 0000")
			.call()
			.entity(Contact.class);

		assertThat(contact).isEqualTo(new Contact("Ada Lovelace", "ada@example.org", "+44 20 7946 0000"));
	}

	@Test
	void injectedChatClientBuilderTalksToCohere() {
		server.stubFor(post(urlEqualTo("/v2/chat")).withRequestBody(containing("Which shoes?"))
			.willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody(chatAnswer("The trail running shoes."))));

		String answer = this.chatClientBuilder.build().prompt().user("Which shoes?").call().content();

		assertThat(answer).isEqualTo("The trail running shoes.");
		server.verify(1,
				postRequestedFor(urlEqualTo("/v2/chat")).withHeader("Authorization", equalTo("Bearer test-key-shop")));
	}

	@Test
	void embeddingModelEmbedsThroughTheServer() {
		server.stubFor(post(urlEqualTo("/v2/embed")).withRequestBody(matchingJsonPath("$.texts[0]", equalTo("hello")))
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("""
					{"id":"e-1","response_type":"embeddings_by_type","embeddings":{"float":[[0.5,0.25,-1.0]]},
					 "meta":{"billed_units":{"input_tokens":1}}}""")));

		float[] vector = this.embeddingModel.embed("hello");

		assertThat(vector).containsExactly(0.5f, 0.25f, -1.0f);
		server.verify(1, postRequestedFor(urlEqualTo("/v2/embed")));
	}

}
