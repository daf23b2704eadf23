package dev.springcohere.engine.server;

import dev.springcohere.backend.CohereBackend;
import dev.springcohere.api.error.CohereApiException;
import dev.springcohere.api.error.UnsupportedCapabilityException;

/**
 * An error answer: an HTTP status and the message written as Cohere's error body
 * {@code {"message": "..."}}.
 *
 * @param status the HTTP status
 * @param message the message
 */
record ApiError(int status, String message) {

	/** Status for a request the backend cannot serve (not retried by clients). */
	static final int NOT_IMPLEMENTED = 501;

	/**
	 * Maps a failure of a call to its answer: invalid requests get 400, operations the
	 * backend lacks 501, errors of a remote backend keep their status, anything else is a
	 * 500 whose message names the failure (never a stack trace).
	 * @param failure the failure
	 * @param call the call, such as {@code POST /v2/chat}
	 * @param backend the backend
	 * @return the answer
	 */
	static ApiError of(Throwable failure, String call, CohereBackend backend) {
		if (failure instanceof UnsupportedCapabilityException unsupported) {
			return new ApiError(NOT_IMPLEMENTED, "The backend '" + backend.id() + "' of this server does not support '"
					+ unsupported.getCapability() + "' (" + call + ")");
		}
		if (failure instanceof CohereApiException api && api.getStatusCode() >= 400 && api.getStatusCode() <= 599) {
			String message = api.getCohereMessage();
			return new ApiError(api.getStatusCode(), (message != null) ? message : String.valueOf(api.getMessage()));
		}
		if (failure instanceof IllegalArgumentException) {
			return new ApiError(400, "Invalid request to " + call + ": " + failure.getMessage());
		}
		String detail = failure.getMessage();
		return new ApiError(500, "The backend failed to answer " + call + ": " + failure.getClass().getSimpleName()
				+ ((detail != null) ? ": " + detail : ""));
	}

}
