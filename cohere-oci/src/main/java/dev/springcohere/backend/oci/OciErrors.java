package dev.springcohere.backend.oci;

import com.oracle.bmc.model.BmcException;
import org.jspecify.annotations.Nullable;

import dev.springcohere.api.error.CohereApiException;
import dev.springcohere.api.error.CohereApiExceptions;
import dev.springcohere.api.error.CohereAuthenticationException;
import dev.springcohere.api.error.CohereException;
import dev.springcohere.api.error.CohereGatewayTimeoutException;
import dev.springcohere.api.error.CohereInvalidRequestException;
import dev.springcohere.api.error.CohereNetworkException;
import dev.springcohere.api.error.CohereNotFoundException;
import dev.springcohere.api.error.CoherePermissionDeniedException;
import dev.springcohere.api.error.CohereRateLimitException;
import dev.springcohere.api.error.CohereServerException;

/**
 * Maps the OCI SDK's {@link BmcException} to the project's {@link CohereException}
 * hierarchy, keeping OCI's message, service code and {@code opc-request-id}.
 */
final class OciErrors {

	private OciErrors() {
	}

	static CohereException translate(String call, BmcException ex) {
		int status = ex.getStatusCode();
		String requestId = ex.getOpcRequestId();
		String ociMessage = ociMessage(ex);
		if (ex.isClientSide() || status <= 0) {
			return new CohereNetworkException("OCI Generative AI call " + call + " failed before a response arrived: "
					+ ociMessage
					+ (ex.isTimeout()
							? " (timed out; see cohere.http.connect-timeout and " + "cohere.http.read-timeout)" : ""),
					ex);
		}
		StringBuilder message = new StringBuilder("OCI Generative AI returned ").append(status);
		if (ex.getServiceCode() != null && !ex.getServiceCode().isBlank()) {
			message.append(" (").append(ex.getServiceCode()).append(')');
		}
		message.append(" for ").append(call).append(": ").append(ociMessage);
		if (requestId != null) {
			message.append(" [opc-request-id: ").append(requestId).append(']');
		}
		message.append('.');
		String hint = hint(status);
		if (hint != null) {
			message.append(' ').append(hint);
		}
		CohereApiException.Details details = new CohereApiException.Details(status, ociMessage, ociMessage, requestId,
				null);
		String text = message.toString();
		CohereApiException translated = CohereApiExceptions.forStatus(status, text, details);
		translated.initCause(ex);
		return translated;
	}

	private static String ociMessage(BmcException ex) {
		String message = ex.getOriginalMessage();
		if (message == null || message.isBlank()) {
			message = ex.getUnmodifiedMessage();
		}
		return (message != null) ? message.strip() : "(no message)";
	}

	private static @Nullable String hint(int status) {
		return switch (status) {
			case 400, 422 -> "The request is invalid; fix the fields named in the message.";
			case 401 -> "Check the OCI credentials: the API key in the OCI config file ('cohere.oci.config-file', "
					+ "profile 'cohere.oci.profile') or the instance principal ('cohere.oci.auth').";
			case 403 -> "The OCI user or principal may not use Generative AI in this compartment; check the IAM "
					+ "policies for 'cohere.oci.compartment-id'.";
			case 404 -> "Check the model id or dedicated endpoint OCID, the region ('cohere.oci.region') and the "
					+ "compartment ('cohere.oci.compartment-id'); OCI answers 404 also when a policy hides them.";
			case 429 -> "An OCI rate limit was reached; retry later.";
			default -> (status >= 500) ? "The failure is on OCI's side; the call may succeed when retried." : null;
		};
	}

}
