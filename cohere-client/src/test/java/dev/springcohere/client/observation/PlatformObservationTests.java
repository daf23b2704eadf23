package dev.springcohere.client.observation;

import java.time.Duration;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.springcohere.api.error.CohereNotFoundException;
import dev.springcohere.client.CohereClient;
import dev.springcohere.http.CohereRetryPolicy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Calls of the platform API views and check-api-key are observed as
 * {@value DefaultCoherePlatformObservationConvention#NAME}, with the operation, backend,
 * outcome and status as tags, and a convention replaces the default one.
 */
class PlatformObservationTests {

	@RegisterExtension
	static final WireMockExtension server = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort())
		.build();

	private final TestObservationRegistry registry = TestObservationRegistry.create();

	private CohereClient client = client(null);

	@AfterEach
	void close() {
		this.client.close();
	}

	private CohereClient client(CoherePlatformObservationConvention convention) {
		return CohereClient.builder()
			.apiKey("k")
			.baseUrl(server.baseUrl())
			.environment((name) -> null)
			.retryPolicy(CohereRetryPolicy.none())
			.decorateBackend((backend) -> new ObservedCohereBackend(backend, this.registry, null, convention))
			.build();
	}

	@Test
	void aPlatformCallIsOneObservationWithItsOperationBackendAndOutcome() {
		server.stubFor(get("/v1/finetuning/finetuned-models/ft-1")
			.willReturn(okJson("{\"finetuned_model\":{\"id\":\"ft-1\"}}")));
		assertThat(this.client.fineTuning().get("ft-1").id()).isEqualTo("ft-1");
		TestObservationRegistryAssert.assertThat(this.registry)
			.hasNumberOfObservationsEqualTo(1)
			.hasObservationWithNameEqualTo(DefaultCoherePlatformObservationConvention.NAME)
			.that()
			.hasContextualNameEqualTo("fine-tuning GetFinetunedModel")
			.hasLowCardinalityKeyValue("springcohere.operation", "fine-tuning.GetFinetunedModel")
			.hasLowCardinalityKeyValue("springcohere.capability", "fine-tuning")
			.hasLowCardinalityKeyValue("springcohere.backend", "platform")
			.hasLowCardinalityKeyValue("outcome", "SUCCESS")
			.hasLowCardinalityKeyValue("http.response.status_code", "200")
			.hasBeenStarted()
			.hasBeenStopped();
	}

	@Test
	void aFailedAsyncCallRecordsTheErrorAndItsStatus() {
		server.stubFor(get("/v1/datasets/missing").willReturn(aResponse().withStatus(404)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"message\":\"not found\"}")));
		assertThatExceptionOfType(CohereNotFoundException.class)
			.isThrownBy(() -> this.client.datasets().getAsync("missing").block(Duration.ofSeconds(5)));
		TestObservationRegistryAssert.assertThat(this.registry)
			.hasObservationWithNameEqualTo(DefaultCoherePlatformObservationConvention.NAME)
			.that()
			.hasLowCardinalityKeyValue("springcohere.operation", "datasets.get-dataset")
			.hasLowCardinalityKeyValue("outcome", "CLIENT_ERROR")
			.hasLowCardinalityKeyValue("http.response.status_code", "404")
			.hasError();
	}

	@Test
	void checkApiKeyIsObservedUnderThePlatformName() {
		server.stubFor(post("/v1/check-api-key").willReturn(okJson("{\"valid\":true}")));
		assertThat(this.client.checkApiKey().valid()).isTrue();
		TestObservationRegistryAssert.assertThat(this.registry)
			.hasObservationWithNameEqualTo(DefaultCoherePlatformObservationConvention.NAME)
			.that()
			.hasLowCardinalityKeyValue("springcohere.operation", "check-api-key.check-api-key")
			.hasLowCardinalityKeyValue("outcome", "SUCCESS");
	}

	@Test
	void callsWithOptionsAreObservedAsBackendOperations() {
		server.stubFor(post("/v2/rerank").willReturn(okJson("{\"id\":\"r\",\"results\":[]}")));
		this.client.withOptions(dev.springcohere.api.RequestOptions.builder().header("X-Team", "a").build())
			.withRawResponse()
			.rerank(dev.springcohere.api.RerankRequest.builder().query("q").documents("d").build());
		TestObservationRegistryAssert.assertThat(this.registry)
			.hasNumberOfObservationsEqualTo(1)
			.hasObservationWithNameEqualTo(DefaultCohereBackendObservationConvention.NAME)
			.that()
			.hasLowCardinalityKeyValue("gen_ai.operation.name", "rerank")
			.hasBeenStopped();
	}

	@Test
	void aConventionReplacesTheDefaultOne() {
		this.client.close();
		this.client = client(new DefaultCoherePlatformObservationConvention() {

			@Override
			public String getName() {
				return "my.platform.calls";
			}

			@Override
			public KeyValues getLowCardinalityKeyValues(CoherePlatformObservationContext context) {
				return super.getLowCardinalityKeyValues(context).and("team", "ml");
			}

		});
		server.stubFor(get("/v1/datasets/usage").willReturn(okJson("{\"organization_usage\": 1}")));
		this.client.datasets().usage();
		TestObservationRegistryAssert.assertThat(this.registry)
			.hasObservationWithNameEqualTo("my.platform.calls")
			.that()
			.hasLowCardinalityKeyValue("team", "ml")
			.hasLowCardinalityKeyValue("springcohere.operation", "datasets.get-dataset-usage");
	}

}
