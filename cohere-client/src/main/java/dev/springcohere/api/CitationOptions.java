package dev.springcohere.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * How citations are generated (request {@code citation_options}).
 *
 * @param mode the citation mode, or {@code null} for the server default
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record CitationOptions(@Nullable CitationMode mode) {

	/**
	 * Creates options with a citation mode.
	 * @param mode the mode
	 * @return the options
	 */
	public static CitationOptions of(CitationMode mode) {
		return new CitationOptions(mode);
	}

}
