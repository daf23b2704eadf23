package dev.springcohere.structured;

import java.util.List;
import java.util.Objects;

import dev.springcohere.api.error.CohereException;

/**
 * Thrown when an answer does not parse as JSON or does not match the schema of its
 * structured-output type; it keeps the raw answer and every error, so that nothing the
 * model said is lost.
 *
 * @since 0.1.0
 */
public class StructuredOutputException extends CohereException {

	private static final long serialVersionUID = 1L;

	private static final int EXCERPT = 500;

	private final String typeName;

	private final String rawText;

	private final List<String> errors;

	/**
	 * Creates an exception.
	 * @param typeName the name of the expected type
	 * @param rawText the answer as the model wrote it
	 * @param errors what is wrong with it, at least one
	 */
	public StructuredOutputException(String typeName, String rawText, List<String> errors) {
		super(message(typeName, rawText, errors));
		this.typeName = typeName;
		this.rawText = rawText;
		this.errors = List.copyOf(errors);
	}

	/**
	 * Returns the name of the expected type.
	 * @return the name
	 */
	public String getTypeName() {
		return this.typeName;
	}

	/**
	 * Returns the answer as the model wrote it.
	 * @return the raw text
	 */
	public String getRawText() {
		return this.rawText;
	}

	/**
	 * Returns what is wrong with the answer: a parse error, or the schema errors as
	 * {@code <JSON path>: <message>}.
	 * @return the errors, never empty
	 */
	public List<String> getErrors() {
		return this.errors;
	}

	private static String message(String typeName, String rawText, List<String> errors) {
		Objects.requireNonNull(typeName, "'typeName' must not be null");
		Objects.requireNonNull(rawText, "'rawText' must not be null");
		Objects.requireNonNull(errors, "'errors' must not be null");
		String excerpt = (rawText.length() > EXCERPT)
				? rawText.substring(0, EXCERPT) + "... (" + rawText.length() + " characters)" : rawText;
		return "The answer is not a valid " + typeName + ": " + String.join("; ", errors) + "; the answer was: "
				+ excerpt;
	}

}
