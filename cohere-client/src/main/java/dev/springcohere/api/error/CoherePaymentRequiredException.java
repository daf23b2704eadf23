package dev.springcohere.api.error;

/**
 * The account cannot be billed for the call, for example because a trial key reached its
 * limit (status 402). Never retried.
 *
 * @since 0.1.0
 */
public class CoherePaymentRequiredException extends CohereApiException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception.
	 * @param message the full exception message (what happened, what to do)
	 * @param details the details of the error response
	 */
	public CoherePaymentRequiredException(String message, Details details) {
		super(message, details);
	}

}
