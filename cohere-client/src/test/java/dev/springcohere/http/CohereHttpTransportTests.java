package dev.springcohere.http;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.springcohere.api.error.CohereApiException;
import dev.springcohere.api.error.CohereAuthenticationException;
import dev.springcohere.api.error.CohereException;
import dev.springcohere.api.error.CohereInvalidRequestException;
import dev.springcohere.api.error.CohereMalformedResponseException;
import dev.springcohere.api.error.CohereNetworkException;
import dev.springcohere.api.error.CohereRateLimitException;
import dev.springcohere.api.error.CohereServerException;
import dev.springcohere.api.error.CohereTimeoutException;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

@ParameterizedClass(name = "{0}")
@EnumSource(value = HttpTransportType.class, names = { "JDK", "REACTOR_NETTY", "OKHTTP" })
class CohereHttpTransportTests {

	@Parameter
	HttpTransportType transportType;

	@RegisterExtension
	static final WireMockExtension server = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort())
		.build();

	private static final String FAKE_KEY = ApiKeyTests.FAKE_KEY;

	private static final String CHAT = "/v2/chat";

	private static final byte[] REQUEST = "{\"model\":\"command-a-03-2025\"}".getBytes(StandardCharsets.UTF_8);

	private static final String OK_BODY = "{\"id\":\"gen-1\",\"finish_reason\":\"COMPLETE\"}";

	private final CohereRetryPolicy fastRetries = CohereRetryPolicy.builder()
		.maxAttempts(3)
		.initialBackoff(Duration.ofMillis(10))
		.maxBackoff(Duration.ofMillis(50))
		.build();

	private CohereHttpTransport transport() {
		return transport(Duration.ofSeconds(5), this.fastRetries);
	}

	private CohereHttpTransport transport(Duration readTimeout, CohereRetryPolicy retryPolicy) {
		return CohereHttpTransport.builder()
			.settings(HttpSettings.builder()
				.transport(this.transportType)
				.baseUrl(server.baseUrl() + "/")
				.connectTimeout(Duration.ofSeconds(2))
				.readTimeout(readTimeout)
				.clientName("transport-tests")
				.userAgent("springcohere-tests/1")
				.build())
			.apiKey(ApiKey.of(FAKE_KEY))
			.retryPolicy(retryPolicy)
			.build();
	}

	@Test
	void postShouldSendTheHeadersAndReturnTheBody() {
		server.stubFor(post(CHAT).willReturn(okJson(OK_BODY)));
		byte[] body = transport().post(CHAT, REQUEST);
		assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo(OK_BODY);
		server.verify(1,
				postRequestedFor(urlEqualTo(CHAT)).withHeader("Authorization", equalTo("Bearer " + FAKE_KEY))
					.withHeader("Content-Type", equalTo("application/json"))
					.withHeader("Accept", equalTo("application/json"))
					.withHeader("X-Client-Name", equalTo("transport-tests"))
					.withHeader("User-Agent", equalTo("springcohere-tests/1"))
					.withRequestBody(equalToJson("{\"model\":\"command-a-03-2025\"}")));
	}

	@Test
	void aClosedTransportShouldRefuseCalls() {
		server.stubFor(post(CHAT).willReturn(okJson(OK_BODY)));
		CohereHttpTransport transport = transport(Duration.ofSeconds(5), CohereRetryPolicy.none());
		assertThat(transport.post(CHAT, REQUEST)).isNotEmpty();
		transport.close();
		assertThatExceptionOfType(CohereException.class).isThrownBy(() -> transport.post(CHAT, REQUEST));
		StepVerifier.create(transport.stream(CHAT, REQUEST)).expectError(CohereException.class).verify();
		server.verify(1, postRequestedFor(urlEqualTo(CHAT)));
	}

	@Test
	void blockingCallsShouldWorkOnANonBlockingThread() {
		server.stubFor(post(CHAT).willReturn(okJson(OK_BODY)));
		try (CohereHttpTransport transport = transport()) {
			byte[] body = Mono.fromCallable(() -> transport.post(CHAT, REQUEST))
				.subscribeOn(Schedulers.parallel())
				.block(Duration.ofSeconds(10));
			assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo(OK_BODY);
		}
	}

	@Test
	void requestsWithoutKeyShouldSendNoAuthorization() {
		server.stubFor(get("/v1/models").willReturn(okJson("{\"models\":[]}")));
		CohereHttpTransport anonymous = CohereHttpTransport.builder()
			.settings(HttpSettings.builder()
				.transport(this.transportType)
				.baseUrl(server.baseUrl())
				.defaultHeader("X-Route", "eu")
				.build())
			.build();
		assertThat(JsonMapper.shared().readTree(anonymous.get("/v1/models")).get("models").isArray()).isTrue();
		server.verify(1,
				getRequestedFor(urlEqualTo("/v1/models")).withoutHeader("Authorization")
					.withoutHeader("X-Client-Name")
					.withHeader("X-Route", equalTo("eu")));
	}

	@Test
	void postShouldSendTheBodyAndReturnTheResponseBytes() {
		server.stubFor(post(CHAT).withRequestBody(equalToJson("{\"stream\":false}")).willReturn(okJson(OK_BODY)));
		byte[] response = transport().post(CHAT, "{\"stream\":false}".getBytes(StandardCharsets.UTF_8));
		assertThat(JsonMapper.shared().readTree(response).get("finish_reason").asString()).isEqualTo("COMPLETE");
	}

	@Test
	void connectionResetShouldBeRetriedThenSucceed() {
		server.stubFor(post(CHAT).inScenario("reset")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))
			.willSetStateTo("recovered"));
		server.stubFor(post(CHAT).inScenario("reset").whenScenarioStateIs("recovered").willReturn(okJson(OK_BODY)));
		assertThat(new String(transport().post(CHAT, REQUEST), StandardCharsets.UTF_8)).isEqualTo(OK_BODY);
		server.verify(2, postRequestedFor(urlEqualTo(CHAT)));
	}

	@Test
	void emptyResponseShouldBeRetriedThenSucceed() {
		server.stubFor(post(CHAT).inScenario("empty")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE))
			.willSetStateTo("recovered"));
		server.stubFor(post(CHAT).inScenario("empty").whenScenarioStateIs("recovered").willReturn(okJson(OK_BODY)));
		assertThat(new String(transport().post(CHAT, REQUEST), StandardCharsets.UTF_8)).isEqualTo(OK_BODY);
		server.verify(2, postRequestedFor(urlEqualTo(CHAT)));
	}

	@Test
	void persistentEmptyResponsesShouldSurfaceANetworkErrorAfterMaxAttempts() {
		server.stubFor(post(CHAT).willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));
		assertThatExceptionOfType(CohereNetworkException.class).isThrownBy(() -> transport().post(CHAT, REQUEST))
			.withMessageContaining("POST /v2/chat");
		server.verify(3, postRequestedFor(urlEqualTo(CHAT)));
	}

	@Test
	void slowBodyBeyondTheReadTimeoutShouldTimeOutInBoundedTime() {
		server.stubFor(post(CHAT).willReturn(okJson(OK_BODY + " ".repeat(64)).withChunkedDribbleDelay(2, 4000)));
		CohereHttpTransport transport = transport(Duration.ofMillis(400), this.fastRetries);
		CohereTimeoutException ex = assertTimeoutPreemptively(Duration.ofSeconds(3),
				() -> catchTyped(() -> transport.post(CHAT, REQUEST), CohereTimeoutException.class));
		// WireMock sends the headers with the first dribbled chunk, so the silence starts
		// before the headers
		assertThat(ex.getPhase()).isNotEqualTo(CohereTimeoutException.Phase.CONNECT);
		assertThat(ex.getTimeout()).isEqualTo(Duration.ofMillis(400));
		assertThat(ex.getMessage()).contains("cohere.http.read-timeout").doesNotContain(FAKE_KEY);
		server.verify(1, postRequestedFor(urlEqualTo(CHAT)));
	}

	@Test
	void headersLaterThanTheReadTimeoutShouldTimeOutWithoutRetry() {
		server.stubFor(post(CHAT).willReturn(okJson(OK_BODY).withFixedDelay(3000)));
		CohereHttpTransport transport = transport(Duration.ofMillis(400), this.fastRetries);
		CohereTimeoutException ex = assertTimeoutPreemptively(Duration.ofSeconds(3),
				() -> catchTyped(() -> transport.post(CHAT, REQUEST), CohereTimeoutException.class));
		assertThat(ex.getPhase()).isEqualTo(CohereTimeoutException.Phase.RESPONSE_HEADERS);
		server.verify(1, postRequestedFor(urlEqualTo(CHAT)));
	}

	@Test
	void slowBodyWhoseGapsStayUnderTheReadTimeoutShouldComplete() {
		String longBody = "{\"text\":\"" + "x".repeat(400) + "\"}";
		server.stubFor(post(CHAT).willReturn(okJson(longBody).withChunkedDribbleDelay(8, 1200)));
		byte[] body = transport(Duration.ofMillis(600), this.fastRetries).post(CHAT, REQUEST);
		assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo(longBody);
	}

	@Test
	void rateLimitWithRetryAfterShouldWaitThenSucceed() {
		server.stubFor(post(CHAT).inScenario("429")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(
					aResponse().withStatus(429).withHeader("Retry-After", "1").withBody("{\"message\":\"slow down\"}"))
			.willSetStateTo("allowed"));
		server.stubFor(post(CHAT).inScenario("429").whenScenarioStateIs("allowed").willReturn(okJson(OK_BODY)));
		CohereRetryPolicy patient = this.fastRetries.mutate().maxBackoff(Duration.ofSeconds(2)).build();
		long start = System.nanoTime();
		byte[] body = transport(Duration.ofSeconds(5), patient).post(CHAT, REQUEST);
		long waitedMillis = (System.nanoTime() - start) / 1_000_000;
		assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo(OK_BODY);
		assertThat(waitedMillis).as("waited for Retry-After").isGreaterThanOrEqualTo(950);
		server.verify(2, postRequestedFor(urlEqualTo(CHAT)));
	}

	@Test
	void serviceUnavailableBurstShouldBeRetriedThenSucceed() {
		server.stubFor(post(CHAT).inScenario("503")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(503))
			.willSetStateTo("second"));
		server.stubFor(post(CHAT).inScenario("503")
			.whenScenarioStateIs("second")
			.willReturn(aResponse().withStatus(503))
			.willSetStateTo("up"));
		server.stubFor(post(CHAT).inScenario("503").whenScenarioStateIs("up").willReturn(okJson(OK_BODY)));
		assertThat(new String(transport().post(CHAT, REQUEST), StandardCharsets.UTF_8)).isEqualTo(OK_BODY);
		server.verify(3, postRequestedFor(urlEqualTo(CHAT)));
	}

	@Test
	void badRequestShouldNeverBeRetried() {
		server.stubFor(post(CHAT).willReturn(aResponse().withStatus(400)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"id\":\"e-1\",\"message\":\"invalid request: model 'nope' not found\"}")));
		assertThatExceptionOfType(CohereInvalidRequestException.class).isThrownBy(() -> transport().post(CHAT, REQUEST))
			.withMessageContaining("model 'nope' not found")
			.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(400));
		server.verify(1, postRequestedFor(urlEqualTo(CHAT)));
	}

	@Test
	void unauthorizedShouldMapToAuthenticationErrorWithRequestIdAndNoKey() {
		server.stubFor(post(CHAT).willReturn(aResponse().withStatus(401)
			.withHeader("x-request-id", "req-401")
			.withBody("{\"message\":\"invalid api token: " + FAKE_KEY + "\"}")));
		CohereHttpTransport transport = transport();
		CohereAuthenticationException ex = catchTyped(() -> transport.post(CHAT, REQUEST),
				CohereAuthenticationException.class);
		assertThat(ex.getRequestId()).isEqualTo("req-401");
		assertThat(ex.getMessage()).contains("req-401").contains("CO_API_KEY").contains("invalid api token");
		assertThat(ex.getMessage()).doesNotContain(FAKE_KEY);
		assertThat(ex.toString()).doesNotContain(FAKE_KEY);
		assertThat(ex.getResponseBody()).doesNotContain(FAKE_KEY);
		assertThat(ex.getCohereMessage()).doesNotContain(FAKE_KEY);
		assertThat(transport.toString()).doesNotContain(FAKE_KEY);
		server.verify(1, postRequestedFor(urlEqualTo(CHAT)));
	}

	@Test
	void exhaustedAttemptsShouldSurfaceTheLastError() {
		for (int attempt = 1; attempt <= 3; attempt++) {
			server.stubFor(post(CHAT).inScenario("down")
				.whenScenarioStateIs((attempt == 1) ? Scenario.STARTED : "attempt-" + attempt)
				.willReturn(aResponse().withStatus(500).withBody("{\"message\":\"failure " + attempt + "\"}"))
				.willSetStateTo("attempt-" + (attempt + 1)));
		}
		assertThatExceptionOfType(CohereServerException.class).isThrownBy(() -> transport().post(CHAT, REQUEST))
			.withMessageContaining("failure 3");
		server.verify(3, postRequestedFor(urlEqualTo(CHAT)));
	}

	@Test
	void connectionRefusedShouldBeANetworkErrorAfterRetries() {
		CohereHttpTransport transport = CohereHttpTransport.builder()
			.settings(HttpSettings.builder().transport(this.transportType).baseUrl("http://127.0.0.1:1").build())
			.apiKey(ApiKey.of(FAKE_KEY))
			.retryPolicy(this.fastRetries)
			.build();
		assertThatExceptionOfType(CohereNetworkException.class).isThrownBy(() -> transport.get("/v1/models"))
			.withMessageContaining("127.0.0.1")
			.withMessageNotContaining(FAKE_KEY);
	}

	@Test
	void reactivePostShouldRetryThenEmitTheBody() {
		server.stubFor(post(CHAT).inScenario("reactive")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(503))
			.willSetStateTo("up"));
		server.stubFor(post(CHAT).inScenario("reactive").whenScenarioStateIs("up").willReturn(okJson(OK_BODY)));
		StepVerifier.create(transport().postReactive(CHAT, REQUEST).map((b) -> new String(b, StandardCharsets.UTF_8)))
			.expectNext(OK_BODY)
			.expectComplete()
			.verify(Duration.ofSeconds(5));
		server.verify(2, postRequestedFor(urlEqualTo(CHAT)));
	}

	@Test
	void reactiveJsonShouldMapErrorsWithoutRetryingPermanentOnes() {
		server.stubFor(post("/v1/models").willReturn(aResponse().withStatus(422).withBody("{\"message\":\"bad\"}")));
		StepVerifier.create(transport().postReactive("/v1/models", new byte[0]))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(CohereInvalidRequestException.class)
				.hasMessageContaining("422"))
			.verify(Duration.ofSeconds(5));
		server.verify(1, postRequestedFor(urlEqualTo("/v1/models")));
	}

	@Test
	void reactiveRateLimitShouldSurfaceRetryAfterWhenExhausted() {
		server.stubFor(post(CHAT).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "0")));
		StepVerifier.create(transport().postReactive(CHAT, "{}".getBytes(StandardCharsets.UTF_8)))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(CohereRateLimitException.class)
				.extracting((e) -> ((CohereApiException) e).getRetryAfter())
				.isEqualTo(Duration.ZERO))
			.verify(Duration.ofSeconds(5));
		server.verify(3, postRequestedFor(urlEqualTo(CHAT)));
	}

	static <T extends CohereException> T catchTyped(Runnable call, Class<T> type) {
		try {
			call.run();
		}
		catch (CohereException ex) {
			assertThat(ex).isInstanceOf(type);
			return type.cast(ex);
		}
		throw new AssertionError("Expected " + type.getSimpleName() + " but the call succeeded");
	}

}
