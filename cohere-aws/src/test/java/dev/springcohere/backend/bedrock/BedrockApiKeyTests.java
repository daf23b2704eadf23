package dev.springcohere.backend.bedrock;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.springcohere.api.ChatRequest;
import dev.springcohere.api.EmbedInputType;
import dev.springcohere.api.EmbedRequest;
import dev.springcohere.api.StreamEvent;
import dev.springcohere.api.UserMessage;
import dev.springcohere.backend.BackendSettings;
import dev.springcohere.backend.aws.AwsTestSettings;
import dev.springcohere.backend.aws.EventStreamFrames;
import dev.springcohere.api.error.CoherePermissionDeniedException;
import dev.springcohere.http.CohereRetryPolicy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Bedrock API keys through the real AWS SDK client against a local server: which of the
 * key property, the {@code AWS_BEARER_TOKEN_BEDROCK} environment variable and AWS
 * credentials authenticates the calls, and that a key replaces SigV4 signing in chat,
 * streams and embed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BedrockApiKeyTests {

	private static final String PROPERTY_KEY = "ABSKQmVkcm9ja0FQSUtleS1wcm9wZXJ0eS1rZXk=";

	private static final String ENVIRONMENT_KEY = "bedrock-api-key-ZW52aXJvbm1lbnQta2V5&Version=1";

	private static final String COMMAND_R = "cohere.command-r-v1:0";

	private WireMockServer server;

	@BeforeAll
	void startServer() {
		this.server = new WireMockServer(options().dynamicPort());
		this.server.start();
	}

	@BeforeEach
	void resetServer() {
		this.server.resetAll();
		this.server.stubFor(post(urlPathMatching("/model/.*/invoke")).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"response_id\": \"r-1\", \"text\": \"Hi\", \"finish_reason\": \"COMPLETE\"}")));
	}

	@AfterAll
	void stopServer() {
		this.server.stop();
	}

	/** Settings with region and endpoint override but no credentials. */
	private BackendSettings.Builder settings() {
		return BackendSettings.builder()
			.retryPolicy(CohereRetryPolicy.none())
			.property("bedrock.region", AwsTestSettings.REGION)
			.property("bedrock.endpoint-override", this.server.baseUrl());
	}

	private static Function<String, @Nullable String> environment(@Nullable String bearerToken) {
		return (name) -> "AWS_BEARER_TOKEN_BEDROCK".equals(name) ? bearerToken : null;
	}

	private LoggedRequest chatOnce(BackendSettings settings, Function<String, @Nullable String> environment) {
		try (BedrockBackend backend = BedrockBackend.create(settings, environment)) {
			assertThat(
					backend.chat(ChatRequest.builder().model(COMMAND_R).messages(UserMessage.of("Hi")).build()).text())
				.isEqualTo("Hi");
		}
		List<LoggedRequest> requests = this.server.findAll(postRequestedFor(urlPathMatching("/model/.*")));
		assertThat(requests).hasSize(1);
		return requests.get(0);
	}

	private static void assertBearer(LoggedRequest request, String key) {
		assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + key);
		assertThat(request.getHeaders().all()).noneSatisfy((HttpHeader header) -> assertThat(header.values())
			.anySatisfy((value) -> assertThat(value).contains("AWS4-HMAC-SHA256")));
		assertThat(request.containsHeader("X-Amz-Security-Token")).isFalse();
	}

	@Test
	void theKeyPropertyIsSentAsBearerTokenWithoutSigV4() {
		LoggedRequest request = chatOnce(settings().property("bedrock.api-key", PROPERTY_KEY).build(),
				environment(null));

		assertBearer(request, PROPERTY_KEY);
	}

	@Test
	void withoutAKeyTheCallsAreSigV4SignedAsBefore() {
		LoggedRequest request = chatOnce(AwsTestSettings.builder("bedrock", this.server.baseUrl()).build(),
				environment(null));

		assertThat(request.getHeader("Authorization")).matches("AWS4-HMAC-SHA256 Credential="
				+ AwsTestSettings.ACCESS_KEY_ID + "/\\d{8}/" + AwsTestSettings.REGION + "/bedrock/aws4_request, .*");
		assertThat(request.getHeader("X-Amz-Date")).isNotBlank();
	}

	@Test
	void theEnvironmentVariableIsUsedWhenNothingIsConfigured() {
		LoggedRequest request = chatOnce(settings().build(), environment(ENVIRONMENT_KEY));

		assertBearer(request, ENVIRONMENT_KEY);
	}

	@Test
	void theKeyPropertyWinsOverTheEnvironmentVariable() {
		LoggedRequest request = chatOnce(settings().property("bedrock.api-key", PROPERTY_KEY).build(),
				environment(ENVIRONMENT_KEY));

		assertBearer(request, PROPERTY_KEY);
	}

	@Test
	void configuredAwsCredentialsWinOverTheEnvironmentVariable() {
		LoggedRequest request = chatOnce(AwsTestSettings.builder("bedrock", this.server.baseUrl()).build(),
				environment(ENVIRONMENT_KEY));

		assertThat(request.getHeader("Authorization"))
			.startsWith("AWS4-HMAC-SHA256 Credential=" + AwsTestSettings.ACCESS_KEY_ID + "/");
	}

	@Test
	void theSdksOwnBearerTokenSettingDoesNotOverrideTheChosenAuthentication() {
		// the AWS SDK on its own switches to bearer auth when it finds this system
		// property (or the variable)
		String previous = System.setProperty("aws.bearerTokenBedrock", "sdk-own-token");
		try {
			LoggedRequest request = chatOnce(AwsTestSettings.builder("bedrock", this.server.baseUrl()).build(),
					environment(null));

			assertThat(request.getHeader("Authorization"))
				.startsWith("AWS4-HMAC-SHA256 Credential=" + AwsTestSettings.ACCESS_KEY_ID + "/");
		}
		finally {
			if (previous != null) {
				System.setProperty("aws.bearerTokenBedrock", previous);
			}
			else {
				System.clearProperty("aws.bearerTokenBedrock");
			}
		}
	}

	@Test
	void aBlankKeyPropertyFallsBackToTheEnvironmentVariable() {
		LoggedRequest request = chatOnce(settings().property("bedrock.api-key", "  ").build(),
				environment(ENVIRONMENT_KEY));

		assertBearer(request, ENVIRONMENT_KEY);
	}

	@Test
	void streamsAreAuthenticatedWithTheKey() {
		this.server.stubFor(post(urlPathMatching("/model/.*/invoke-with-response-stream"))
			.willReturn(aResponse().withStatus(200)
				.withHeader("Content-Type", "application/vnd.amazon.eventstream")
				.withBody(new EventStreamFrames()
					.bedrockChunk("{\"event_type\":\"text-generation\",\"text\":\"Hello\",\"is_finished\":false}")
					.bedrockChunk("{\"event_type\":\"stream-end\",\"is_finished\":true,\"finish_reason\":\"COMPLETE\","
							+ "\"response\":{\"response_id\":\"r-2\",\"text\":\"Hello\"}}")
					.toByteArray())));
		List<StreamEvent> events;
		try (BedrockBackend backend = BedrockBackend
			.create(settings().property("bedrock.api-key", PROPERTY_KEY).build(), environment(null))) {
			events = backend.chatStream(ChatRequest.builder().model(COMMAND_R).messages(UserMessage.of("Hi")).build())
				.collectList()
				.block();
		}

		assertThat(events).contains(new StreamEvent.ContentDelta(0, "Hello", null, null));
		assertThat(events.get(events.size() - 1)).isInstanceOf(StreamEvent.MessageEnd.class);
		List<LoggedRequest> requests = this.server
			.findAll(postRequestedFor(urlPathMatching("/model/.*/invoke-with-response-stream")));
		assertThat(requests).singleElement().satisfies((request) -> assertBearer(request, PROPERTY_KEY));
	}

	@Test
	void embedIsAuthenticatedWithTheKey() {
		this.server.stubFor(
				post(urlPathMatching("/model/cohere.embed-english-v3/invoke")).willReturn(aResponse().withStatus(200)
					.withHeader("Content-Type", "application/json")
					.withBody("{\"id\": \"e-1\", \"embeddings\": [[0.5, 0.25]]}")));
		try (BedrockBackend backend = BedrockBackend.create(settings().build(), environment(ENVIRONMENT_KEY))) {
			assertThat(backend
				.embed(EmbedRequest.builder()
					.model("cohere.embed-english-v3")
					.texts("x")
					.inputType(EmbedInputType.SEARCH_QUERY)
					.build())
				.embeddings()
				.floats()).containsExactly(List.of(0.5, 0.25));
		}

		List<LoggedRequest> requests = this.server
			.findAll(postRequestedFor(urlPathMatching("/model/cohere.embed-english-v3/invoke")));
		assertThat(requests).singleElement().satisfies((request) -> assertBearer(request, ENVIRONMENT_KEY));
	}

	@Test
	void aRejectedKeyIsAPermissionDeniedErrorThatNeverShowsTheKey() {
		this.server.stubFor(post(urlPathMatching("/model/.*/invoke")).willReturn(aResponse().withStatus(403)
			.withHeader("Content-Type", "application/json")
			.withHeader("x-amzn-RequestId", "req-403")
			.withHeader("x-amzn-ErrorType", "AccessDeniedException")
			.withBody("{\"message\": \"Authentication failed: Please make sure your API Key is valid.\"}")));

		try (BedrockBackend backend = BedrockBackend
			.create(settings().property("bedrock.api-key", PROPERTY_KEY).build(), environment(null))) {
			assertThatExceptionOfType(CoherePermissionDeniedException.class).isThrownBy(
					() -> backend.chat(ChatRequest.builder().model(COMMAND_R).messages(UserMessage.of("Hi")).build()))
				.satisfies((ex) -> {
					assertThat(ex.getStatusCode()).isEqualTo(403);
					assertThat(ex.getRequestId()).isEqualTo("req-403");
					assertThat(ex.getMessage())
						.contains("Amazon Bedrock", "AccessDeniedException", "make sure your API Key is valid")
						.doesNotContain(PROPERTY_KEY);
					assertThat(ex.getResponseBody()).doesNotContain(PROPERTY_KEY);
					assertThat(ex.toString()).doesNotContain(PROPERTY_KEY);
				});
			assertThat(backend.toString()).doesNotContain(PROPERTY_KEY);
		}
	}

	@Test
	void aKeyPropertyWithAwsCredentialsPropertiesIsAnErrorNamingThem() {
		BackendSettings settings = AwsTestSettings.builder("bedrock", this.server.baseUrl())
			.property("bedrock.api-key", PROPERTY_KEY)
			.property("bedrock.profile", "dev")
			.build();

		assertThatIllegalStateException().isThrownBy(() -> BedrockBackend.create(settings, environment(null)))
			.withMessageContaining("'cohere.bedrock.api-key'")
			.withMessageContaining("'cohere.bedrock.access-key-id'")
			.withMessageContaining("'cohere.bedrock.secret-access-key'")
			.withMessageContaining("'cohere.bedrock.profile'")
			.withMessageContaining("set only one")
			.withMessageNotContaining(PROPERTY_KEY)
			.withMessageNotContaining(AwsTestSettings.SECRET_ACCESS_KEY);
	}

	@Test
	void aKeyWithALineBreakIsAnErrorThatDoesNotShowTheKey() {
		assertThatIllegalStateException()
			.isThrownBy(() -> BedrockBackend.create(settings().build(), environment("ABSKpart1\nABSKpart2")))
			.withMessageContaining("AWS_BEARER_TOKEN_BEDROCK")
			.withMessageContaining("(character 10)")
			.withMessageNotContaining("ABSKpart");
	}

	@Test
	void theKeyNeverAppearsInToString() {
		BedrockApiKey key = BedrockApiKey.find(settings().property("bedrock.api-key", PROPERTY_KEY).build(),
				environment(null));

		assertThat(key).isNotNull();
		assertThat(key.source()).isEqualTo("cohere.bedrock.api-key");
		assertThat(key.toString()).doesNotContain(PROPERTY_KEY).contains("cohere.bedrock.api-key");
		assertThat(key.resolveIdentity().join().token()).isEqualTo(PROPERTY_KEY);
		assertThat(settings().property("bedrock.api-key", PROPERTY_KEY).build().toString())
			.doesNotContain(PROPERTY_KEY);
	}

	@Test
	void withoutKeyOrCredentialsPropertiesNoKeyIsFound() {
		assertThat(BedrockApiKey.find(settings().build(), environment(null))).isNull();
		assertThat(BedrockApiKey.find(settings().build(), environment(" "))).isNull();
		assertThat(BedrockApiKey.find(settings().build(), (name) -> Map.of("AWS_BEARER_TOKEN", "x").get(name)))
			.isNull();
	}

}
