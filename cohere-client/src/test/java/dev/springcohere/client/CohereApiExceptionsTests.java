package dev.springcohere.client;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.springcohere.api.error.CohereApiException;
import dev.springcohere.api.error.CohereApiExceptions;
import dev.springcohere.api.error.CohereAuthenticationException;
import dev.springcohere.api.error.CohereGatewayTimeoutException;
import dev.springcohere.api.error.CohereInvalidRequestException;
import dev.springcohere.api.error.CohereInvalidTokenException;
import dev.springcohere.api.error.CohereNotFoundException;
import dev.springcohere.api.error.CoherePaymentRequiredException;
import dev.springcohere.api.error.CoherePermissionDeniedException;
import dev.springcohere.api.error.CohereRateLimitException;
import dev.springcohere.api.error.CohereRequestCancelledException;
import dev.springcohere.api.error.CohereServerException;

import static org.assertj.core.api.Assertions.assertThat;

class CohereApiExceptionsTests {

	private static final Instant NOW = Instant.parse("2026-01-10T12:00:00Z");

	private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

	@ParameterizedTest
	@CsvSource({ "400, CohereInvalidRequestException", "401, CohereAuthenticationException",
			"402, CoherePaymentRequiredException", "403, CoherePermissionDeniedException",
			"404, CohereNotFoundException", "408, CohereApiException", "409, CohereApiException",
			"422, CohereInvalidRequestException", "429, CohereRateLimitException", "498, CohereInvalidTokenException",
			"499, CohereRequestCancelledException", "500, CohereServerException", "501, CohereServerException",
			"502, CohereServerException", "503, CohereServerException", "504, CohereGatewayTimeoutException" })
	void fromResponseWhenStatusShouldPickTheDocumentedType(int status, String expectedType) {
		CohereApiException ex = CohereApiExceptions.fromResponse(status, headers(Map.of()), "{\"message\":\"boom\"}");
		assertThat(ex.getClass().getSimpleName()).isEqualTo(expectedType);
		assertThat(ex.getStatusCode()).isEqualTo(status);
		assertThat(ex.getCohereMessage()).isEqualTo("boom");
		assertThat(ex.getMessage()).contains(String.valueOf(status)).contains("boom");
	}

	@Test
	void gatewayTimeoutShouldBeAServerException() {
		assertThat(CohereApiExceptions.fromResponse(504, headers(Map.of()), ""))
			.isInstanceOf(CohereServerException.class);
	}

	@Test
	void fromResponseWhenUnauthorizedShouldSayHowToConfigureTheKey() {
		CohereApiException ex = CohereApiExceptions.fromResponse("POST /v2/chat", 401,
				headers(Map.of("x-request-id", "req-123")), "{\"message\":\"invalid api token\"}");
		assertThat(ex).isInstanceOf(CohereAuthenticationException.class);
		assertThat(ex.getMessage()).contains("POST /v2/chat")
			.contains("invalid api token")
			.contains("req-123")
			.contains("cohere.api-key")
			.contains("CO_API_KEY");
		assertThat(ex.getRequestId()).isEqualTo("req-123");
	}

	@Test
	void requestIdShouldComeFromTraceHeadersWhenNoRequestIdHeader() {
		assertThat(CohereApiExceptions.fromResponse(500, headers(Map.of("X-Trace-Id", "t-1")), "").getRequestId())
			.isEqualTo("t-1");
		assertThat(CohereApiExceptions.fromResponse(500, headers(Map.of("x-debug-trace-id", "d-1")), "").getRequestId())
			.isEqualTo("d-1");
	}

	@Test
	void requestIdShouldPreferTheRequestIdHeader() {
		Map<String, String> map = new LinkedHashMap<>();
		map.put("x-trace-id", "t-1");
		map.put("x-request-id", "r-1");
		assertThat(CohereApiExceptions.fromResponse(500, headers(map), "{\"id\":\"b-1\"}").getRequestId())
			.isEqualTo("r-1");
	}

	@Test
	void requestIdShouldFallBackToTheBodyId() {
		assertThat(CohereApiExceptions.fromResponse(400, headers(Map.of()), "{\"id\":\"b-1\",\"message\":\"x\"}")
			.getRequestId()).isEqualTo("b-1");
	}

	@Test
	void fromResponseWhenBodyIsNotJsonShouldKeepTheText() {
		CohereApiException ex = CohereApiExceptions.fromResponse(502, headers(Map.of()), "<html>Bad gateway</html>");
		assertThat(ex.getCohereMessage()).isNull();
		assertThat(ex.getResponseBody()).isEqualTo("<html>Bad gateway</html>");
		assertThat(ex.getMessage()).contains("<html>Bad gateway</html>");
	}

	@Test
	void fromResponseWhenBodyIsHugeShouldShortenTheMessageButKeepTheBody() {
		String body = "x".repeat(5000);
		CohereApiException ex = CohereApiExceptions.fromResponse(500, headers(Map.of()), body);
		assertThat(ex.getMessage()).hasSizeLessThan(1000);
		assertThat(ex.getResponseBody()).isEqualTo(body);
	}

	@Test
	void retryAfterWhenSecondsShouldBeRead() {
		assertThat(CohereApiExceptions.retryAfter(headers(Map.of("Retry-After", "3")), this.clock))
			.isEqualTo(Duration.ofSeconds(3));
		assertThat(CohereApiExceptions.retryAfter(headers(Map.of("Retry-After", "1.5")), this.clock))
			.isEqualTo(Duration.ofMillis(1500));
	}

	@Test
	void retryAfterWhenHttpDateShouldBeMeasuredAgainstTheClock() {
		String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(7).atZone(ZoneOffset.UTC));
		assertThat(CohereApiExceptions.retryAfter(headers(Map.of("Retry-After", date)), this.clock))
			.isEqualTo(Duration.ofSeconds(7));
		String past = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.minusSeconds(7).atZone(ZoneOffset.UTC));
		assertThat(CohereApiExceptions.retryAfter(headers(Map.of("Retry-After", past)), this.clock))
			.isEqualTo(Duration.ZERO);
	}

	@Test
	void retryAfterWhenMissingShouldFallBackToRateLimitReset() {
		assertThat(CohereApiExceptions.retryAfter(headers(Map.of("X-RateLimit-Reset", "4")), this.clock))
			.isEqualTo(Duration.ofSeconds(4));
		String epoch = String.valueOf(NOW.getEpochSecond() + 9);
		assertThat(CohereApiExceptions.retryAfter(headers(Map.of("X-RateLimit-Reset", epoch)), this.clock))
			.isEqualTo(Duration.ofSeconds(9));
	}

	@Test
	void retryAfterWhenUnreadableShouldFallBackOrBeNull() {
		assertThat(CohereApiExceptions.retryAfter(headers(Map.of("Retry-After", "soon")), this.clock)).isNull();
		Map<String, String> both = new LinkedHashMap<>();
		both.put("Retry-After", "soon");
		both.put("X-RateLimit-Reset", "2");
		assertThat(CohereApiExceptions.retryAfter(headers(both), this.clock)).isEqualTo(Duration.ofSeconds(2));
		assertThat(CohereApiExceptions.retryAfter(headers(Map.of()), this.clock)).isNull();
	}

	@Test
	void rateLimitShouldCarryRetryAfterAndMentionIt() {
		CohereApiException ex = CohereApiExceptions.fromResponse(429, headers(Map.of("Retry-After", "2")),
				"{\"message\":\"slow down\"}");
		assertThat(ex).isInstanceOf(CohereRateLimitException.class);
		assertThat(ex.getRetryAfter()).isEqualTo(Duration.ofSeconds(2));
		assertThat(ex.getMessage()).contains("2000 ms");
	}

	static HttpHeaders headers(Map<String, String> values) {
		Map<String, List<String>> map = new LinkedHashMap<>();
		values.forEach((name, value) -> map.put(name, List.of(value)));
		return HttpHeaders.of(map, (name, value) -> true);
	}

}
