package dev.springcohere.autoconfigure;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.springcohere.api.ChatResponse;
import dev.springcohere.backend.CohereBackend;
import dev.springcohere.client.CohereClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code bedrock} and {@code sagemaker} backends of dev.springcohere:cohere-aws,
 * selected and configured through properties.
 */
class CohereAwsAutoConfigurationTests {

	private static final String SECRET = "test-secret-access-key-0123456789";

	static WireMockServer server;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CohereAutoConfiguration.class))
		.withPropertyValues("CO_API_KEY=", "COHERE_API_KEY=", "CO_API_URL=", "cohere.retry.max-attempts=1");

	@BeforeAll
	static void startServer() {
		server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
		server.start();
		server.stubFor(post(urlPathMatching("/model/.*/invoke")).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody(
					"{\"response_id\": \"b-1\", \"text\": \"Hello from Bedrock\", \"finish_reason\": \"COMPLETE\"}")));
		server
			.stubFor(post(urlPathMatching("/endpoints/stacked-chat/invocations")).willReturn(aResponse().withStatus(200)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"text\": \"Hello from a fine-tune\", \"finish_reason\": \"COMPLETE\"}")));
		server.stubFor(post(urlPathMatching("/endpoints/my-embed/invocations")).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"id\": \"s-1\", \"embeddings\": [[0.5, 0.5]]}")));
	}

	@AfterAll
	static void stopServer() {
		server.stop();
	}

	@Test
	void bedrockWithEndpointOverrideRegionAndStaticKeysChatsThroughTheClient() {
		this.runner
			.withPropertyValues("cohere.backend=bedrock", "cohere.bedrock.endpoint-override=" + server.baseUrl(),
					"cohere.bedrock.region=eu-central-1", "cohere.bedrock.access-key-id=AKIDAUTOCONFIG",
					"cohere.bedrock.secret-access-key=" + SECRET, "cohere.chat.model=cohere.command-r-plus-v1:0")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(CohereBackend.class).id()).isEqualTo("bedrock");
				ChatResponse response = context.getBean(CohereClient.class).chat("Hi there");
				assertThat(response.text()).isEqualTo("Hello from Bedrock");
				server.verify(postRequestedFor(urlPathMatching("/model/cohere.command-r-plus-v1(:|%3A)0/invoke"))
					.withHeader("Authorization", matching(
							"AWS4-HMAC-SHA256 Credential=AKIDAUTOCONFIG/\\d{8}/eu-central-1/bedrock/aws4_request,.*"))
					.withRequestBody(equalToJson("{\"message\": \"Hi there\"}")));
				assertThat(context.getBean(CohereProperties.class).toString()).doesNotContain(SECRET);
			});
	}

	@Test
	void bedrockWithAnApiKeySendsItAsBearerTokenInsteadOfSigningAndNeverShowsIt() {
		String apiKey = "ABSKQmVkcm9ja0FQSUtleS1hdXRvY29uZmln";
		server.resetRequests();
		this.runner
			.withPropertyValues("cohere.backend=bedrock", "cohere.bedrock.endpoint-override=" + server.baseUrl(),
					"cohere.bedrock.region=eu-central-1", "cohere.bedrock.api-key=" + apiKey,
					"cohere.chat.model=cohere.command-r-plus-v1:0")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				CohereProperties properties = context.getBean(CohereProperties.class);
				assertThat(properties.getBedrock().getApiKey()).isEqualTo(apiKey);
				assertThat(properties.backendValues()).containsEntry("bedrock.api-key", apiKey);
				ChatResponse response = context.getBean(CohereClient.class).chat("Hi there");
				assertThat(response.text()).isEqualTo("Hello from Bedrock");
				server.verify(postRequestedFor(urlPathMatching("/model/cohere.command-r-plus-v1(:|%3A)0/invoke"))
					.withHeader("Authorization", equalTo("Bearer " + apiKey))
					.withoutHeader("X-Amz-Date")
					.withRequestBody(equalToJson("{\"message\": \"Hi there\"}")));
				assertThat(properties.toString()).doesNotContain(apiKey);
				assertThat(context.getBean(CohereBackend.class).toString()).doesNotContain(apiKey);
			});
	}

	@Test
	void bedrockWithAnApiKeyAndStaticKeysFailsNamingBothWithoutShowingThem() {
		String apiKey = "ABSKQmVkcm9ja0FQSUtleS1jb25mbGljdA";
		this.runner
			.withPropertyValues("cohere.backend=bedrock", "cohere.bedrock.endpoint-override=" + server.baseUrl(),
					"cohere.bedrock.region=eu-central-1", "cohere.bedrock.api-key=" + apiKey,
					"cohere.bedrock.access-key-id=AKIDAUTOCONFIG", "cohere.bedrock.secret-access-key=" + SECRET)
			.run((context) -> {
				CohereConfigurationException failure = Failures.configurationFailure(context);
				assertThat(failure.getMessage()).contains("cohere.bedrock.api-key", "cohere.bedrock.access-key-id")
					.doesNotContain(apiKey)
					.doesNotContain(SECRET);
			});
	}

	@Test
	void bedrockWithoutAnyRegionFailsNamingTheProperty() {
		this.runner
			.withPropertyValues("cohere.backend=bedrock", "cohere.bedrock.endpoint-override=" + server.baseUrl(),
					"cohere.bedrock.access-key-id=AKIDAUTOCONFIG", "cohere.bedrock.secret-access-key=" + SECRET)
			.run((context) -> {
				CohereConfigurationException failure = Failures.configurationFailure(context);
				assertThat(failure.getProperty()).isEqualTo("cohere.backend");
				assertThat(failure.getMessage()).contains("'bedrock'")
					.contains("cohere.bedrock.region")
					.doesNotContain(SECRET);
			});
	}

	@Test
	void sagemakerWithAnEmbedEndpointEmbedsThroughTheClient() {
		this.runner
			.withPropertyValues("cohere.backend=sagemaker", "cohere.sagemaker.endpoint-override=" + server.baseUrl(),
					"cohere.sagemaker.region=us-west-2", "cohere.sagemaker.embed-endpoint-name=my-embed",
					"cohere.sagemaker.access-key-id=AKIDAUTOCONFIG", "cohere.sagemaker.secret-access-key=" + SECRET)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				CohereBackend backend = context.getBean(CohereBackend.class);
				assertThat(backend.id()).isEqualTo("sagemaker");
				assertThat(backend.capabilities().asSet()).containsExactly(dev.springcohere.backend.Capability.EMBED);
				assertThat(context.getBean(CohereClient.class)
					.embed(dev.springcohere.api.EmbedRequest.builder()
						.texts("hello")
						.inputType(dev.springcohere.api.EmbedInputType.SEARCH_QUERY)
						.build())
					.embeddings()
					.floats()).containsExactly(java.util.List.of(0.5, 0.5));
				server.verify(
						postRequestedFor(urlPathMatching("/endpoints/my-embed/invocations")).withHeader("Authorization",
								matching(".*Credential=AKIDAUTOCONFIG/\\d{8}/us-west-2/sagemaker/aws4_request,.*")));
			});
	}

	@Test
	void sagemakerChatModelIsSentAsTheModelOfChatBodies() {
		this.runner
			.withPropertyValues("cohere.backend=sagemaker", "cohere.sagemaker.endpoint-override=" + server.baseUrl(),
					"cohere.sagemaker.region=us-west-2", "cohere.sagemaker.chat-endpoint-name=stacked-chat",
					"cohere.sagemaker.chat-model=support-fine-tune", "cohere.sagemaker.access-key-id=AKIDAUTOCONFIG",
					"cohere.sagemaker.secret-access-key=" + SECRET)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(CohereClient.class).chat("Hi").text()).isEqualTo("Hello from a fine-tune");
				server.verify(postRequestedFor(urlPathMatching("/endpoints/stacked-chat/invocations"))
					.withRequestBody(equalToJson("{\"message\": \"Hi\", \"model\": \"support-fine-tune\"}")));
			});
	}

	@Test
	void sagemakerWithoutAnEndpointFailsNamingTheProperty() {
		this.runner.withPropertyValues("cohere.backend=sagemaker", "cohere.sagemaker.region=us-west-2")
			.run((context) -> {
				CohereConfigurationException failure = Failures.configurationFailure(context);
				assertThat(failure.getMessage()).contains("cohere.sagemaker.endpoint-name");
			});
	}

}
