package dev.springcohere.api.error;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns an HTTP error response of the Cohere API into the matching
 * {@link CohereApiException} subtype.
 * <p>
 * Cohere's error body is {@code {"message": "...", "id": "..."}}; a body that is not JSON
 * is kept as text. The request id comes from the first of the {@code x-request-id},
 * {@code x-trace-id} and {@code x-debug-trace-id} headers that is present, else from the
 * body's {@code id}. The retry delay comes from {@code Retry-After} (seconds or an HTTP
 * date), else from {@code X-RateLimit-Reset} (seconds to wait, or a Unix time in seconds
 * when the value is larger than {@value #EPOCH_SECONDS_THRESHOLD}).
 * <p>
 * The caller must mask secrets in the body before calling (the HTTP transport does).
 *
 * @since 0.1.0
 */
public final class CohereApiExceptions {

	/** Request-id headers, in order of preference. */
	public static final List<String> REQUEST_ID_HEADERS = List.of("x-request-id", "x-trace-id", "x-debug-trace-id");

	/** {@code X-RateLimit-Reset} values above this are read as Unix times in seconds. */
	static final long EPOCH_SECONDS_THRESHOLD = 1_000_000_000L;

	private static final int MAX_BODY_IN_MESSAGE = 500;

	private CohereApiExceptions() {
	}

	/**
	 * Maps an error response to an exception.
	 * @param statusCode the HTTP status code (expected to be 4xx or 5xx)
	 * @param headers the response headers
	 * @param body the response body as text (secrets already masked), empty when there
	 * was none
	 * @return the matching exception, never {@code null}
	 */
	public static CohereApiException fromResponse(int statusCode, HttpHeaders headers, String body) {
		return fromResponse(null, statusCode, headers, body, Clock.systemUTC());
	}

	/**
	 * Maps an error response to an exception whose message names the call.
	 * @param call the call that failed, such as {@code POST /v2/chat}, or {@code null}
	 * @param statusCode the HTTP status code (expected to be 4xx or 5xx)
	 * @param headers the response headers
	 * @param body the response body as text (secrets already masked), empty when there
	 * was none
	 * @return the matching exception, never {@code null}
	 */
	public static CohereApiException fromResponse(@Nullable String call, int statusCode, HttpHeaders headers,
			String body) {
		return fromResponse(call, statusCode, headers, body, Clock.systemUTC());
	}

	static CohereApiException fromResponse(@Nullable String call, int statusCode, HttpHeaders headers, String body,
			Clock clock) {
		Objects.requireNonNull(headers, "'headers' must not be null");
		Objects.requireNonNull(body, "'body' must not be null");
		Objects.requireNonNull(clock, "'clock' must not be null");
		JsonNode json = parseObject(body);
		String cohereMessage = textField(json, "message");
		String requestId = requestId(headers, json);
		Duration retryAfter = retryAfter(headers, clock);
		CohereApiException.Details details = new CohereApiException.Details(statusCode, cohereMessage, body, requestId,
				retryAfter);
		String message = message(call, statusCode, cohereMessage, body, requestId, retryAfter);
		return forStatus(statusCode, message, details);
	}

	/**
	 * The one status → exception mapping, shared by every backend (HTTP, AWS, OCI): 400
	 * and 422 {@link CohereInvalidRequestException}, 401
	 * {@link CohereAuthenticationException}, 402 {@link CoherePaymentRequiredException},
	 * 403 {@link CoherePermissionDeniedException}, 404 {@link CohereNotFoundException},
	 * 429 {@link CohereRateLimitException}, 498 {@link CohereInvalidTokenException}, 499
	 * {@link CohereRequestCancelledException}, 504 {@link CohereGatewayTimeoutException},
	 * other 5xx {@link CohereServerException}, anything else {@link CohereApiException}.
	 * @param statusCode the HTTP status code
	 * @param message the exception message
	 * @param details the details of the error answer
	 * @return the exception
	 */
	public static CohereApiException forStatus(int statusCode, String message, CohereApiException.Details details) {
		return switch (statusCode) {
			case 400, 422 -> new CohereInvalidRequestException(message, details);
			case 401 -> new CohereAuthenticationException(message, details);
			case 402 -> new CoherePaymentRequiredException(message, details);
			case 403 -> new CoherePermissionDeniedException(message, details);
			case 404 -> new CohereNotFoundException(message, details);
			case 429 -> new CohereRateLimitException(message, details);
			case 498 -> new CohereInvalidTokenException(message, details);
			case 499 -> new CohereRequestCancelledException(message, details);
			case 504 -> new CohereGatewayTimeoutException(message, details);
			default -> (statusCode >= 500 && statusCode <= 599) ? new CohereServerException(message, details)
					: new CohereApiException(message, details);
		};
	}

	/**
	 * Reads the request id from the response headers ({@link #REQUEST_ID_HEADERS}).
	 * @param headers the response headers
	 * @return the request id, or {@code null} when no such header is present
	 */
	public static @Nullable String requestId(HttpHeaders headers) {
		for (String name : REQUEST_ID_HEADERS) {
			String value = headers.firstValue(name).map(String::trim).orElse("");
			if (!value.isEmpty()) {
				return value;
			}
		}
		return null;
	}

	/**
	 * Reads the delay before a retry from {@code Retry-After} (seconds or HTTP date),
	 * else from {@code X-RateLimit-Reset}.
	 * @param headers the response headers
	 * @param clock the clock to measure HTTP dates and Unix times against
	 * @return the delay (never negative), or {@code null} when neither header is present
	 * and readable
	 */
	public static @Nullable Duration retryAfter(HttpHeaders headers, Clock clock) {
		String retryAfter = headers.firstValue("retry-after").map(String::trim).orElse("");
		if (!retryAfter.isEmpty()) {
			Duration delay = parseSecondsOrDate(retryAfter, clock);
			if (delay != null) {
				return delay;
			}
		}
		String reset = headers.firstValue("x-ratelimit-reset").map(String::trim).orElse("");
		if (!reset.isEmpty()) {
			try {
				double value = Double.parseDouble(reset);
				if (value > EPOCH_SECONDS_THRESHOLD) {
					return nonNegative(Duration.between(clock.instant(), Instant.ofEpochMilli((long) (value * 1000))));
				}
				return (value >= 0) ? Duration.ofMillis((long) (value * 1000)) : null;
			}
			catch (NumberFormatException ex) {
				return null;
			}
		}
		return null;
	}

	private static @Nullable Duration parseSecondsOrDate(String value, Clock clock) {
		try {
			double seconds = Double.parseDouble(value);
			return (seconds >= 0) ? Duration.ofMillis((long) (seconds * 1000)) : null;
		}
		catch (NumberFormatException ex) {
			try {
				ZonedDateTime date = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
				return nonNegative(Duration.between(clock.instant(), date.toInstant()));
			}
			catch (DateTimeParseException dateEx) {
				return null;
			}
		}
	}

	private static Duration nonNegative(Duration duration) {
		return duration.isNegative() ? Duration.ZERO : duration;
	}

	private static @Nullable String requestId(HttpHeaders headers, @Nullable JsonNode json) {
		String fromHeaders = requestId(headers);
		return (fromHeaders != null) ? fromHeaders : textField(json, "id");
	}

	private static @Nullable JsonNode parseObject(String body) {
		if (body.isBlank() || body.trim().charAt(0) != '{') {
			return null;
		}
		try {
			JsonNode node = JsonMapper.shared().readTree(body);
			return (node != null && node.isObject()) ? node : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static @Nullable String textField(@Nullable JsonNode json, String name) {
		if (json == null) {
			return null;
		}
		JsonNode field = json.get(name);
		if (field == null || !field.isString()) {
			return null;
		}
		String text = field.asString().trim();
		return text.isEmpty() ? null : text;
	}

	private static String message(@Nullable String call, int statusCode, @Nullable String cohereMessage, String body,
			@Nullable String requestId, @Nullable Duration retryAfter) {
		StringBuilder message = new StringBuilder("Cohere API returned ").append(statusCode);
		String reason = reason(statusCode);
		if (reason != null) {
			message.append(" (").append(reason).append(')');
		}
		if (call != null) {
			message.append(" for ").append(call);
		}
		if (cohereMessage != null) {
			message.append(": ").append(cohereMessage);
		}
		else if (!body.isBlank()) {
			message.append(": ").append(shorten(body.strip()));
		}
		if (requestId != null) {
			message.append(" [request id: ").append(requestId).append(']');
		}
		message.append('.');
		String hint = hint(statusCode, retryAfter);
		if (hint != null) {
			message.append(' ').append(hint);
		}
		return message.toString();
	}

	private static String shorten(String body) {
		return (body.length() <= MAX_BODY_IN_MESSAGE) ? body : body.substring(0, MAX_BODY_IN_MESSAGE) + "…";
	}

	private static @Nullable String reason(int statusCode) {
		return switch (statusCode) {
			case 400 -> "Bad Request";
			case 401 -> "Unauthorized";
			case 402 -> "Payment Required";
			case 403 -> "Forbidden";
			case 404 -> "Not Found";
			case 408 -> "Request Timeout";
			case 422 -> "Unprocessable Entity";
			case 429 -> "Too Many Requests";
			case 498 -> "Invalid Token";
			case 499 -> "Request Cancelled";
			case 500 -> "Internal Server Error";
			case 501 -> "Not Implemented";
			case 502 -> "Bad Gateway";
			case 503 -> "Service Unavailable";
			case 504 -> "Gateway Timeout";
			default -> null;
		};
	}

	private static @Nullable String hint(int statusCode, @Nullable Duration retryAfter) {
		return switch (statusCode) {
			case 400, 422 -> "The request is invalid; fix the fields named in the message.";
			case 401 -> "Check the API key: set the 'cohere.api-key' property or the CO_API_KEY environment variable"
					+ " to a valid key from the Cohere dashboard.";
			case 402 -> "Check the billing settings of the Cohere account (a trial key may have reached its limit).";
			case 403 -> "The API key may not perform this operation or use this model.";
			case 404 -> "Check the model name and the base URL ('cohere.base-url').";
			case 429 -> "A rate limit was reached; retry later"
					+ ((retryAfter != null) ? " (the server asked to wait " + retryAfter.toMillis() + " ms)" : "")
					+ " or use a production key with higher limits.";
			case 498 -> "The request or the response contained a deny-listed token; change the input.";
			case 501 -> "The requested feature is not implemented by this endpoint.";
			default -> (statusCode >= 500 && statusCode <= 599)
					? "The failure is on Cohere's side; the call may succeed when retried." : null;
		};
	}

}
