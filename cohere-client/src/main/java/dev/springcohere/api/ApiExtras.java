package dev.springcohere.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The fields of a JSON object that a typed record does not know: what the API added after
 * this version of the library. Every record of the platform API packages
 * ({@code dev.springcohere.api.finetuning}, {@code .datasets}, {@code .embedjobs},
 * {@code .batches}, {@code .connectors}, {@code .classify}, {@code .audio}) ends with an
 * {@code extra} component annotated {@code @JsonAnySetter @JsonAnyGetter}: unknown fields
 * of an answer are kept there (never dropped), and fields put there in a request are sent
 * beside the known ones, so a field the API adds tomorrow can be used today.
 *
 * @since 0.1.0
 */
public final class ApiExtras {

	private ApiExtras() {
	}

	/**
	 * Copies the extra fields of a record: unmodifiable, in their order, {@code null}
	 * values kept (JSON {@code null}).
	 * @param extra the fields, or {@code null} for none
	 * @return the copy, empty for {@code null}
	 */
	public static Map<String, @Nullable Object> copy(@Nullable Map<String, ? extends @Nullable Object> extra) {
		if (extra == null || extra.isEmpty()) {
			return Map.of();
		}
		return Collections.unmodifiableMap(new LinkedHashMap<>(extra));
	}

}
