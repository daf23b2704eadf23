package dev.springcohere.sample.support;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;

/**
 * An error the API answers with a status and a JSON body {@code {"error": "..."}} (see
 * {@link ApiExceptionHandler}).
 */
public final class ApiException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final HttpStatus status;

	/**
	 * Creates the exception.
	 * @param status the HTTP status to answer with
	 * @param message the message sent to the client
	 */
	public ApiException(HttpStatus status, String message) {
		super(message);
		this.status = status;
	}

	/**
	 * Returns the HTTP status to answer with.
	 * @return the status
	 */
	public HttpStatus getStatus() {
		return this.status;
	}

	/**
	 * Creates a 400 for a missing or invalid request field.
	 * @param field the field
	 * @param problem what is wrong with it
	 * @return the exception
	 */
	public static ApiException badField(String field, String problem) {
		return new ApiException(HttpStatus.BAD_REQUEST, "'" + field + "' " + problem);
	}

	/**
	 * Returns a required text field.
	 * @param value the field's value
	 * @param field the field's name, used in the error
	 * @return the value
	 * @throws ApiException with status 400 when the value is absent or blank
	 */
	public static String requireText(@Nullable String value, String field) {
		if (value == null || value.isBlank()) {
			throw badField(field, "is required and must not be blank");
		}
		return value;
	}

	/**
	 * Checks the number of items of a list against {@code sample.limits.max-items}.
	 * @param values the list, may be {@code null}
	 * @param field the field's name, for the message
	 * @param maxItems the most items accepted
	 * @throws ApiException with status 400 naming the field, the count and the limit
	 */
	public static void requireAtMost(@Nullable List<?> values, String field, int maxItems) {
		if (values != null && values.size() > maxItems) {
			throw badField(field, "holds " + values.size() + " items; at most " + maxItems
					+ " are accepted (sample.limits.max-items)");
		}
	}

	/**
	 * Returns a required, non-empty list of texts.
	 * @param values the field's value
	 * @param field the field's name, used in the error
	 * @return the values
	 * @throws ApiException with status 400 when the list is absent or empty, or one of
	 * its texts is blank
	 */
	public static List<String> requireTexts(@Nullable List<String> values, String field) {
		if (values == null || values.isEmpty()) {
			throw badField(field, "is required and must hold at least one text");
		}
		for (int i = 0; i < values.size(); i++) {
			if (values.get(i) == null || values.get(i).isBlank()) {
				throw badField(field + "[" + i + "]", "must not be blank");
			}
		}
		return values;
	}

}
