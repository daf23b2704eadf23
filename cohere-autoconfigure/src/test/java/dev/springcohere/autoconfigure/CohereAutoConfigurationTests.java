package dev.springcohere.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.springcohere.api.ChatRequest;
import dev.springcohere.api.ChatResponse;
import dev.springcohere.api.UserMessage;
import dev.springcohere.api.EmbedRequest;
import dev.springcohere.api.EmbedResponse;
import dev.springcohere.backend.Capability;
import dev.springcohere.backend.CohereBackend;
import dev.springcohere.backend.Setting;
import dev.springcohere.backend.UnknownBackendException;
import dev.springcohere.client.CohereClient;
import dev.springcohere.http.CohereRetryPolicy;
import dev.springcohere.http.HttpSettings;
import dev.springcohere.http.HttpTransportType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

class CohereAutoConfigurationTests extends WireMockAutoConfigurationTestSupport {

	private final ApplicationContextRunner runner = contextRunner(WITHOUT_ENVIRONMENT_KEYS);

	@BeforeEach
	void stub() {
		stubChat();
	}

	@Test
	void defaultPlatformWiringShouldCallTheBaseUrlWithKeyClientNameAndDefaults() {
		this.runner
			.withPropertyValues("cohere.api-key=test-key-123", "cohere.base-url=" + server.baseUrl(),
					"cohere.client-name=my-app", "cohere.chat.temperature=0.3", "cohere.chat.max-tokens=77")
			.run((context) -> {
				assertThat(context).hasSingleBean(CohereClient.class)
					.hasSingleBean(CohereBackend.class)
					.hasSingleBean(CohereBackendGroup.class)
					.hasSingleBean(CohereToolRegistry.class);
				assertThat(context.getBean(CohereBackendGroup.class).getBackends()).containsOnlyKeys("platform");
				ChatResponse response = context.getBean(CohereClient.class).chat("Hi");
				assertThat(response.text()).isEqualTo("Hello from WireMock");
				server.verify(postRequestedFor(urlEqualTo("/v2/chat"))
					.withHeader("Authorization", equalTo("Bearer test-key-123"))
					.withHeader("X-Client-Name", equalTo("my-app"))
					.withRequestBody(equalToJson(
							"{\"model\":\"command-a-03-2025\",\"temperature\":0.3,\"max_tokens\":77}", true, true)));
			});
	}

	@Test
	void requestValuesShouldWinOverConfiguredDefaults() {
		this.runner
			.withPropertyValues("cohere.api-key=k", "cohere.base-url=" + server.baseUrl(),
					"cohere.chat.temperature=0.3", "cohere.chat.safety-mode=STRICT")
			.run((context) -> {
				context.getBean(CohereClient.class)
					.chat(ChatRequest.builder()
						.model("command-r7b-12-2024")
						.temperature(0.9)
						.messages(UserMessage.of("Hi"))
						.build());
				server.verify(postRequestedFor(urlEqualTo("/v2/chat")).withRequestBody(equalToJson(
						"{\"model\":\"command-r7b-12-2024\",\"temperature\":0.9,\"safety_mode\":\"STRICT\"}", true,
						true)));
			});
	}

	@Test
	void apiKeyShouldFallBackToCoApiKeyThenCohereApiKey() {
		this.runner.withPropertyValues("COHERE_API_KEY=second-key", "cohere.base-url=" + server.baseUrl())
			.run((context) -> {
				context.getBean(CohereClient.class).chat("Hi");
				server.verify(postRequestedFor(urlEqualTo("/v2/chat")).withHeader("Authorization",
						equalTo("Bearer second-key")));
			});
		server.resetRequests();
		this.runner
			.withPropertyValues("CO_API_KEY=first-key", "COHERE_API_KEY=second-key",
					"cohere.base-url=" + server.baseUrl())
			.run((context) -> {
				context.getBean(CohereClient.class).chat("Hi");
				server.verify(postRequestedFor(urlEqualTo("/v2/chat")).withHeader("Authorization",
						equalTo("Bearer first-key")));
			});
	}

	@Test
	void perCapabilityBackendsShouldBeRouted() {
		this.runner
			.withPropertyValues("cohere.backend=private", "cohere.base-url=" + server.baseUrl(),
					"cohere.embed.backend=stub", "cohere.embed.input-type=search_query", "cohere.local.model=/m")
			.run((context) -> {
				CohereBackendGroup group = context.getBean(CohereBackendGroup.class);
				assertThat(group.getBackends()).containsOnlyKeys("private", "stub");
				CohereBackend backend = context.getBean(CohereBackend.class);
				assertThat(backend.id()).isEqualTo("routing[chat=private, embed=stub, rerank=private]");
				assertThat(backend.capabilities().supports(Capability.CHAT_STREAM)).isTrue();
				assertThat(backend.capabilities().supports(Capability.EMBED)).isTrue();
				CohereClient client = context.getBean(CohereClient.class);
				assertThat(client.chat("Hi").text()).isEqualTo("Hello from WireMock");
				EmbedResponse embedded = client.embed(EmbedRequest.builder().texts("x").build());
				assertThat(embedded.id()).isEqualTo("stub");
				StubBackendProvider.StubBackend stub = (StubBackendProvider.StubBackend) group.getBackends()
					.get("stub");
				assertThat(stub.embedRequests).singleElement().satisfies((request) -> {
					assertThat(request.model()).isEqualTo("embed-v4.0");
					assertThat(request.inputType().value()).isEqualTo("search_query");
				});
				assertThat(stub.settings.keys()).contains("local.model");
				assertThat(stub.settings.get(Setting.text("local.model", null))).isEqualTo("/m");
				server.verify(1, postRequestedFor(urlEqualTo("/v2/chat")));
			});
	}

	@Test
	void backendsShouldBeClosedWithTheContext() {
		StubBackendProvider.StubBackend[] seen = new StubBackendProvider.StubBackend[1];
		this.runner.withPropertyValues("cohere.backend=stub").run((context) -> {
			seen[0] = (StubBackendProvider.StubBackend) context.getBean(CohereBackendGroup.class)
				.getBackends()
				.get("stub");
			assertThat(seen[0].closed).isFalse();
		});
		assertThat(seen[0].closed).isTrue();
	}

	@Test
	void userDefinedBeansShouldWin() {
		this.runner.withPropertyValues("cohere.backend=nope")
			.withUserConfiguration(UserBackendConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(CohereBackendGroup.class);
				assertThat(context.getBean(CohereBackend.class)).isSameAs(UserBackendConfiguration.BACKEND);
				assertThat(context.getBean(CohereClient.class).backend()).isSameAs(UserBackendConfiguration.BACKEND);
				assertThat(context.getBean(CohereRetryPolicy.class).getMaxAttempts()).isEqualTo(7);
			});
		this.runner.withPropertyValues("cohere.backend=stub")
			.withUserConfiguration(UserClientConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(CohereClient.class)).isSameAs(context.getBean("myClient"));
			});
	}

	@Test
	void unknownBackendIdShouldFailNamingThePropertyAndTheKnownIds() {
		this.runner.withPropertyValues("cohere.api-key=k", "cohere.chat.backend=platfrom").run((context) -> {
			CohereConfigurationException failure = Failures.configurationFailure(context);
			assertThat(failure.getProperty()).isEqualTo("cohere.chat.backend");
			assertThat(failure.getMessage()).contains("'platfrom'").contains("platform, private").contains("stub");
			assertThat(failure.getAction()).contains("cohere.chat.backend").contains("platform");
		});
	}

	@Test
	void backendWhoseModuleIsAbsentShouldNameTheModule() {
		this.runner.withPropertyValues("cohere.api-key=k", "cohere.embed.backend=local").run((context) -> {
			CohereConfigurationException failure = Failures.configurationFailure(context);
			assertThat(failure.getProperty()).isEqualTo("cohere.embed.backend");
			assertThat(failure.getMessage()).contains("cohere.embed.backend=local")
				.contains("module dev.springcohere:cohere-engine is not on the class path");
			assertThat(failure.getAction()).contains("Add dev.springcohere:cohere-engine to the dependencies");
			assertThat(failure.getCause()).isInstanceOf(UnknownBackendException.class);
		});
		this.runner.withPropertyValues("cohere.backend=local").run((context) -> {
			CohereConfigurationException failure = Failures.configurationFailure(context);
			assertThat(failure.getMessage()).contains("cohere.backend=local")
				.contains("dev.springcohere:cohere-engine");
		});
	}

	@Test
	void missingApiKeyShouldFailNamingThePropertyAndTheEnvironmentVariables() {
		this.runner.run((context) -> {
			CohereConfigurationException failure = Failures.configurationFailure(context);
			assertThat(failure.getProperty()).isEqualTo("cohere.api-key");
			assertThat(failure.getAction()).contains("cohere.api-key")
				.contains("CO_API_KEY")
				.contains("COHERE_API_KEY");
		});
	}

	@Test
	void privateBackendWithoutBaseUrlShouldFail() {
		this.runner.withPropertyValues("cohere.backend=private").run((context) -> {
			CohereConfigurationException failure = Failures.configurationFailure(context);
			assertThat(failure.getProperty()).isEqualTo("cohere.base-url");
		});
	}

	@Test
	void batchSizeOver96ShouldFail() {
		this.runner.withPropertyValues("cohere.api-key=k", "cohere.embed.batch-size=97").run((context) -> {
			CohereConfigurationException failure = Failures.configurationFailure(context);
			assertThat(failure.getProperty()).isEqualTo("cohere.embed.batch-size");
			assertThat(failure.getMessage()).contains("97").contains("1 to 96");
		});
	}

	@Test
	void malformedUrlShouldFail() {
		this.runner.withPropertyValues("cohere.api-key=k", "cohere.base-url=htp:/api.cohere.com").run((context) -> {
			CohereConfigurationException failure = Failures.configurationFailure(context);
			assertThat(failure.getProperty()).isEqualTo("cohere.base-url");
			assertThat(failure.getMessage()).contains("htp:/api.cohere.com").contains("http");
		});
		this.runner.withPropertyValues("cohere.api-key=k", "cohere.openai-compat.base-url=http://bad host/")
			.run((context) -> assertThat(Failures.configurationFailure(context).getProperty())
				.isEqualTo("cohere.openai-compat.base-url"));
	}

	@Test
	void unknownRequestOptionValuesShouldFailListingTheAcceptedOnes() {
		this.runner.withPropertyValues("cohere.backend=stub", "cohere.embed.input-type=search_documents")
			.run((context) -> {
				CohereConfigurationException failure = Failures.configurationFailure(context);
				assertThat(failure.getProperty()).isEqualTo("cohere.embed.input-type");
				assertThat(failure.getMessage()).contains("'search_documents'");
				assertThat(failure.getAction()).contains("search_document, search_query");
			});
		this.runner.withPropertyValues("cohere.backend=stub", "cohere.embed.embedding-types=float,int4")
			.run((context) -> assertThat(Failures.configurationFailure(context).getProperty())
				.isEqualTo("cohere.embed.embedding-types"));
		this.runner.withPropertyValues("cohere.backend=stub", "cohere.chat.safety-mode=LOOSE")
			.run((context) -> assertThat(Failures.configurationFailure(context).getAction()).contains("CONTEXTUAL"));
	}

	@Test
	void failureAnalyzerShouldDescribeThePropertyAndTheAction() {
		this.runner.withPropertyValues("cohere.api-key=k", "cohere.embed.batch-size=200").run((context) -> {
			FailureAnalysis analysis = new CohereConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).contains("cohere.embed.batch-size").contains("200");
			assertThat(analysis.getAction()).contains("between 1 and 96");
		});
	}

	@Test
	void propertiesShouldBindIncludingDurations() {
		this.runner.withPropertyValues("cohere.backend=stub", "cohere.http.connect-timeout=3s",
				"cohere.http.read-timeout=5m", "cohere.retry.max-attempts=5", "cohere.retry.initial-backoff=250ms",
				"cohere.retry.max-backoff=10s", "cohere.embed.batch-size=48", "cohere.embed.embedding-types=float,int8",
				"cohere.rerank.top-n=3", "cohere.chat.model=command-r7b-12-2024", "cohere.bedrock.region=eu-west-1",
				"cohere.openai-compat.api-key=oa-secret", "cohere.azure.api-key=az-secret", "cohere.local.max-queued=8",
				"cohere.local.max-wait=90s", "cohere.local.kv-cache-type=f16", "cohere.local.kv-cache-memory=3GB",
				"cohere.local.quantize=q4_0", "cohere.local.quantize-output=q4_0")
			.run((context) -> {
				HttpSettings http = context.getBean(HttpSettings.class);
				assertThat(http.getConnectTimeout()).isEqualTo(Duration.ofSeconds(3));
				assertThat(http.getReadTimeout()).isEqualTo(Duration.ofMinutes(5));
				CohereRetryPolicy retry = context.getBean(CohereRetryPolicy.class);
				assertThat(retry.getMaxAttempts()).isEqualTo(5);
				assertThat(retry.getInitialBackoff()).isEqualTo(Duration.ofMillis(250));
				assertThat(retry.getMaxBackoff()).isEqualTo(Duration.ofSeconds(10));
				CohereProperties properties = context.getBean(CohereProperties.class);
				assertThat(properties.getEmbed().getEmbeddingTypes()).containsExactly("float", "int8");
				assertThat(properties.backendValues()).containsEntry("bedrock.region", "eu-west-1")
					.containsEntry("openai-compat.api-key", "oa-secret")
					.containsEntry("local.max-queued", 8)
					.containsEntry("local.max-wait", Duration.ofSeconds(90))
					.containsEntry("local.kv-cache-type", "f16")
					.containsEntry("local.kv-cache-memory", 3L << 30)
					.containsEntry("local.quantize", "q4_0")
					.containsEntry("local.quantize-output", "q4_0");
				CohereClient client = context.getBean(CohereClient.class);
				assertThat(client.requestDefaults().chatModel()).isEqualTo("command-r7b-12-2024");
				assertThat(client.getEmbedBatcher().getBatchSize()).isEqualTo(48);
				StubBackendProvider.StubBackend stub = (StubBackendProvider.StubBackend) context
					.getBean(CohereBackendGroup.class)
					.getBackends()
					.get("stub");
				assertThat(stub.settings.httpSettings().getReadTimeout()).isEqualTo(Duration.ofMinutes(5));
				assertThat(stub.settings.retryPolicy().getMaxAttempts()).isEqualTo(5);
			});
	}

	@Test
	void httpTransportShouldBindFromItsIdAndDefaultToAuto() {
		this.runner.withPropertyValues("cohere.backend=stub")
			.run((context) -> assertThat(context.getBean(HttpSettings.class).getTransport())
				.isEqualTo(HttpTransportType.AUTO));
		this.runner.withPropertyValues("cohere.backend=stub", "cohere.http.transport=reactor-netty")
			.run((context) -> assertThat(context.getBean(HttpSettings.class).getTransport())
				.isEqualTo(HttpTransportType.REACTOR_NETTY));
		this.runner.withPropertyValues("cohere.backend=stub", "cohere.http.transport=okhttp")
			.run((context) -> assertThat(context.getBean(HttpSettings.class).getTransport())
				.isEqualTo(HttpTransportType.OKHTTP));
		this.runner.withPropertyValues("cohere.backend=stub", "cohere.http.transport=jdk").run((context) -> {
			assertThat(context.getBean(HttpSettings.class).getTransport()).isEqualTo(HttpTransportType.JDK);
			StubBackendProvider.StubBackend stub = (StubBackendProvider.StubBackend) context
				.getBean(CohereBackendGroup.class)
				.getBackends()
				.get("stub");
			assertThat(stub.settings.httpSettings().getTransport()).isEqualTo(HttpTransportType.JDK);
		});
	}

	@Test
	void secretsShouldNotAppearInToString() {
		this.runner
			.withPropertyValues("cohere.backend=stub", "cohere.api-key=top-secret-key",
					"cohere.azure.api-key=azure-secret", "cohere.openai-compat.api-key=openai-secret")
			.run((context) -> {
				String text = context.getBean(CohereProperties.class).toString();
				assertThat(text).doesNotContain("top-secret-key", "azure-secret", "openai-secret")
					.contains("apiKey=******");
				StubBackendProvider.StubBackend stub = (StubBackendProvider.StubBackend) context
					.getBean(CohereBackendGroup.class)
					.getBackends()
					.get("stub");
				assertThat(stub.settings.toString()).doesNotContain("top-secret-key", "azure-secret", "openai-secret");
				assertThat(stub.settings.apiKey().reveal()).isEqualTo("top-secret-key");
			});
	}

	@Test
	void httpClientCustomizersShouldBeAppliedInOrder() {
		List<String> calls = new CopyOnWriteArrayList<>();
		this.runner.withPropertyValues("cohere.api-key=k", "cohere.base-url=" + server.baseUrl())
			.withBean("second", CohereHttpClientCustomizer.class, () -> new OrderedCustomizer(2, "second", calls))
			.withBean("first", CohereHttpClientCustomizer.class, () -> new OrderedCustomizer(1, "first", calls))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				context.getBean(CohereClient.class).chat("Hi");
				assertThat(calls).containsExactly("first", "second");
			});
	}

	record OrderedCustomizer(int order, String name,
			List<String> calls) implements CohereHttpClientCustomizer, Ordered {

		@Override
		public void customize(java.net.http.HttpClient.Builder builder) {
			this.calls.add(this.name);
		}

		@Override
		public int getOrder() {
			return this.order;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserBackendConfiguration {

		static final CohereBackend BACKEND = new StubBackendProvider()
			.create(dev.springcohere.backend.BackendSettings.builder().build());

		@Bean
		CohereBackend myBackend() {
			return BACKEND;
		}

		@Bean
		CohereRetryPolicy myRetryPolicy() {
			return CohereRetryPolicy.builder().maxAttempts(7).build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserClientConfiguration {

		@Bean
		CohereClient myClient() {
			return CohereClient.builder().backend(UserBackendConfiguration.BACKEND).build();
		}

	}

}
