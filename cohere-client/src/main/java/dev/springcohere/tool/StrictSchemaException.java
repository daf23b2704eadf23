package dev.springcohere.tool;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Thrown at startup when generated schemas do not fit the subset Cohere documents for
 * strict tools or structured outputs; the message names every tool or type, each
 * offending parameter or property, and what to change.
 *
 * @since 0.1.0
 */
public class StrictSchemaException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	private final transient List<StrictSchemaViolation> violations;

	/**
	 * Creates an exception.
	 * @param subject what the schema belongs to, such as
	 * {@code tool 'x' (com.example.Tools#x(String))}
	 * @param violations the violations, at least one
	 */
	public StrictSchemaException(String subject, List<StrictSchemaViolation> violations) {
		super(message(subject, violations));
		this.violations = List.copyOf(violations);
	}

	/**
	 * Returns the violations.
	 * @return the violations, never empty
	 */
	public List<StrictSchemaViolation> getViolations() {
		return this.violations;
	}

	private static String message(String subject, List<StrictSchemaViolation> violations) {
		Objects.requireNonNull(subject, "'subject' must not be null");
		Objects.requireNonNull(violations, "'violations' must not be null");
		return subject + " does not fit the JSON-schema subset Cohere accepts for strict tools and structured outputs ("
				+ violations.size() + " problem" + ((violations.size() == 1) ? "" : "s") + "):\n"
				+ violations.stream().map((violation) -> " - " + violation).collect(Collectors.joining("\n"));
	}

}
