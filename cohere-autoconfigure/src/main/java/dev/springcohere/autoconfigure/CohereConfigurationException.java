package dev.springcohere.autoconfigure;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Thrown at startup when the {@code cohere.*} configuration cannot work: names the
 * property, what is wrong and how to fix it. {@link CohereConfigurationFailureAnalyzer}
 * turns it into Spring Boot's failure report.
 *
 * @since 0.1.0
 */
public class CohereConfigurationException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	private final String property;

	private final String action;

	private final String description;

	/**
	 * Creates an exception.
	 * @param property the property at fault, such as {@code cohere.embed.batch-size}
	 * @param description what is wrong (never containing a secret)
	 * @param action how to fix it
	 * @param cause the underlying failure, or {@code null}
	 */
	public CohereConfigurationException(String property, String description, String action, @Nullable Throwable cause) {
		super(Objects.requireNonNull(description, "'description' must not be null") + " (property '"
				+ Objects.requireNonNull(property, "'property' must not be null") + "'). Action: "
				+ Objects.requireNonNull(action, "'action' must not be null"), cause);
		this.property = property;
		this.action = action;
		this.description = description;
	}

	/**
	 * Creates an exception without a cause.
	 * @param property the property at fault
	 * @param description what is wrong
	 * @param action how to fix it
	 */
	public CohereConfigurationException(String property, String description, String action) {
		this(property, description, action, null);
	}

	/**
	 * Returns the property at fault.
	 * @return the property name, such as {@code cohere.api-key}
	 */
	public String getProperty() {
		return this.property;
	}

	/**
	 * Returns what is wrong, without the action.
	 * @return the description
	 */
	public String getDescription() {
		return this.description;
	}

	/**
	 * Returns how to fix the problem.
	 * @return the action
	 */
	public String getAction() {
		return this.action;
	}

}
