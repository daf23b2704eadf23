package dev.springcohere.engine.tokenizer;

/**
 * A chat template could not be parsed or rendered, or the template itself rejected its
 * input through {@code raise_exception(message)} (then {@link #raisedByTemplate()} is
 * {@code true} and the message is the template's).
 */
public final class ChatTemplateException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final boolean raisedByTemplate;

	/**
	 * Creates an exception.
	 * @param message what went wrong
	 * @param raisedByTemplate whether the template called {@code raise_exception}
	 * @param cause the underlying failure, if any
	 */
	public ChatTemplateException(String message, boolean raisedByTemplate, Throwable cause) {
		super(message, cause);
		this.raisedByTemplate = raisedByTemplate;
	}

	/**
	 * Creates an exception with no underlying cause.
	 * @param message what went wrong
	 */
	public ChatTemplateException(String message) {
		super(message);
		this.raisedByTemplate = false;
	}

	/**
	 * Whether the template itself failed the render with
	 * {@code raise_exception(message)}.
	 * @return {@code true} when the message is the template's
	 */
	public boolean raisedByTemplate() {
		return this.raisedByTemplate;
	}

}
