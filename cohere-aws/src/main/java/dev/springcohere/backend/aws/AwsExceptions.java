package dev.springcohere.backend.aws;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

import dev.springcohere.api.error.CohereApiException;
import dev.springcohere.api.error.CohereApiExceptions;
import dev.springcohere.api.error.CohereAuthenticationException;
import dev.springcohere.api.error.CohereException;
import dev.springcohere.api.error.CohereGatewayTimeoutException;
import dev.springcohere.api.error.CohereInvalidRequestException;
import dev.springcohere.api.error.CohereMalformedResponseException;
import dev.springcohere.api.error.CohereNetworkException;
import dev.springcohere.api.error.CohereNotFoundException;
import dev.springcohere.api.error.CoherePermissionDeniedException;
import dev.springcohere.api.error.CohereRateLimitException;
import dev.springcohere.api.error.CohereServerException;

/**
 * Turns failures of the AWS SDK into the library's {@link CohereException} hierarchy:
 * service errors become {@link CohereApiException} subtypes chosen by HTTP status (or,
 * for errors inside an event stream, which carry no status, by AWS error code: throttling
 * is a {@link CohereRateLimitException}, validation a
 * {@link CohereInvalidRequestException}, and so on), with AWS's message, error code and
 * request id; client-side failures become {@link CohereNetworkException}s. Messages never
 * contain credentials (the SDK does not put them in its exceptions, and nothing here adds
 * them).
 *
 * @since 0.1.0
 */
public final class AwsExceptions {

	private static final int MAX_BODY = 500;

	private AwsExceptions() {
	}

	/**
	 * Translates a failure.
	 * @param service the service for the message, such as {@code Amazon Bedrock}
	 * @param call the call for the message, such as
	 * {@code InvokeModel cohere.command-r-v1:0}
	 * @param failure what the SDK threw or completed a future with
	 * @return the exception to throw or signal
	 */
	public static RuntimeException translate(String service, String call, Throwable failure) {
		Throwable cause = unwrap(failure);
		if (cause instanceof CohereException cohere) {
			return cohere;
		}
		if (cause instanceof AwsServiceException aws) {
			return serviceException(service, call, aws);
		}
		if (cause instanceof ApiCallTimeoutException || cause instanceof ApiCallAttemptTimeoutException) {
			return new CohereNetworkException(service + " did not answer " + call + " in time: " + cause.getMessage(),
					cause);
		}
		if (cause instanceof SdkClientException) {
			return new CohereNetworkException(
					"Calling " + call + " on " + service + " failed before an answer arrived: " + cause.getMessage(),
					cause);
		}
		if (cause instanceof CancellationException) {
			return new CohereException("The call " + call + " to " + service + " was cancelled", cause);
		}
		if (cause instanceof IllegalArgumentException || cause instanceof IllegalStateException) {
			// how the SDK reports a corrupt event stream (bad checksum, bad length)
			return new CohereMalformedResponseException(
					"The answer of " + call + " from " + service + " could not be decoded: " + cause.getMessage(), "",
					cause);
		}
		return new CohereException("Calling " + call + " on " + service + " failed: " + cause, cause);
	}

	private static Throwable unwrap(Throwable failure) {
		Throwable current = failure;
		while ((current instanceof CompletionException || current instanceof ExecutionException)
				&& current.getCause() != null) {
			current = current.getCause();
		}
		return current;
	}

	private static CohereApiException serviceException(String service, String call, AwsServiceException aws) {
		AwsErrorDetails details = aws.awsErrorDetails();
		String errorCode = (details != null) ? details.errorCode() : null;
		String awsMessage = (details != null) ? details.errorMessage() : null;
		String body = "";
		if (details != null && details.rawResponse() != null) {
			body = details.rawResponse().asString(StandardCharsets.UTF_8);
		}
		int status = status(aws.statusCode(), errorCode);
		String requestId = aws.requestId();
		StringBuilder message = new StringBuilder(service).append(" returned ").append(status);
		if (errorCode != null) {
			message.append(" (").append(errorCode).append(')');
		}
		message.append(" for ").append(call);
		if (awsMessage != null && !awsMessage.isBlank()) {
			message.append(": ").append(awsMessage);
		}
		else if (!body.isBlank()) {
			message.append(": ").append(shorten(body));
		}
		if (requestId != null && !requestId.isBlank()) {
			message.append(" [request id: ").append(requestId).append(']');
		}
		message.append('.');
		String hint = hint(status, errorCode);
		if (hint != null) {
			message.append(' ').append(hint);
		}
		CohereApiException.Details cohereDetails = new CohereApiException.Details(status, awsMessage, body,
				(requestId != null && !requestId.isBlank()) ? requestId : null, null);
		String text = message.toString();
		return CohereApiExceptions.forStatus(status, text, cohereDetails);
	}

	/**
	 * Returns the HTTP status of an error; errors of an event stream arrive inside a 200
	 * response, so their status is derived from the error code.
	 */
	private static int status(int statusCode, @Nullable String errorCode) {
		if (statusCode >= 400) {
			return statusCode;
		}
		String code = (errorCode != null) ? errorCode.toLowerCase(Locale.ROOT) : "";
		if (code.contains("throttl") || code.contains("toomanyrequests") || code.contains("modelnotready")) {
			return 429;
		}
		if (code.contains("validation") || code.contains("quotaexceeded")) {
			return 400;
		}
		if (code.contains("accessdenied")) {
			return 403;
		}
		if (code.contains("notfound")) {
			return 404;
		}
		if (code.contains("timeout") || code.contains("timeexceeded")) {
			return 408;
		}
		if (code.contains("serviceunavailable")) {
			return 503;
		}
		if (code.contains("modelstreamerror") || code.contains("modelerror")) {
			return 424;
		}
		return 500;
	}

	private static @Nullable String hint(int status, @Nullable String errorCode) {
		if (status == 429) {
			return "AWS throttled the call; retry later or raise the account's quota for this model.";
		}
		if (status == 403 || "UnrecognizedClientException".equals(errorCode)) {
			return "Check the AWS credentials and that the IAM principal may invoke this model or endpoint.";
		}
		if (status == 424) {
			return "The model itself failed; the message above is its own.";
		}
		return null;
	}

	private static String shorten(String text) {
		String stripped = text.strip();
		return (stripped.length() <= MAX_BODY) ? stripped : stripped.substring(0, MAX_BODY) + "…";
	}

}
