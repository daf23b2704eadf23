package dev.springcohere.api.classify;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

import dev.springcohere.api.ApiExtras;

/**
 * A labelled example ({@code ClassifyExample}).
 *
 * @param text the text
 * @param label its label
 * @param extra the fields this version does not know: kept from answers, sent with
 * requests (see {@link ApiExtras})
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "text", "label" })
public record ClassifyExample(@Nullable String text, @Nullable String label,
		@JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extra) {

	/**
	 * Copies the collections in.
	 */
	public ClassifyExample {
		extra = ApiExtras.copy(extra);
	}

	/**
	 * Returns an example.
	 * @param text the text
	 * @param label its label
	 * @return the example
	 */
	public static ClassifyExample of(String text, String label) {
		return new ClassifyExample(text, label, Map.of());
	}

}
