package dev.springcohere.api;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

/**
 * Extended thinking settings (request {@code thinking}).
 *
 * @param type whether thinking is enabled
 * @param tokenBudget the most tokens the model may spend thinking, or {@code null} for no
 * limit
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({ "type", "token_budget" })
public record Thinking(ThinkingType type, @JsonProperty("token_budget") @Nullable Integer tokenBudget) {

	/**
	 * Creates thinking settings.
	 * @param type whether thinking is enabled
	 * @param tokenBudget the token budget (at least 1), or {@code null}
	 */
	public Thinking {
		Objects.requireNonNull(type, "'type' must not be null");
		if (tokenBudget != null && tokenBudget < 1) {
			throw new IllegalArgumentException("Thinking 'token_budget' must be at least 1, got " + tokenBudget);
		}
	}

	/**
	 * Returns settings that enable thinking.
	 * @param tokenBudget the token budget, or {@code null} for no limit
	 * @return the settings
	 */
	public static Thinking enabled(@Nullable Integer tokenBudget) {
		return new Thinking(ThinkingType.ENABLED, tokenBudget);
	}

	/**
	 * Returns settings that disable thinking.
	 * @return the settings
	 */
	public static Thinking disabled() {
		return new Thinking(ThinkingType.DISABLED, null);
	}

}
