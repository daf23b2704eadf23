package dev.springcohere.api;

import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A successful answer of Cohere's platform API with what the typed body leaves out: the
 * status and the headers, among them the request id, the rate-limit headers and the
 * deprecation warnings ({@code X-API-Warning}).
 *
 * <p>
 * The answer's JSON text ({@link #bodyText()}) is kept too, so a field the typed body
 * does not know yet can be read with {@link #bodyJson()}. A backend that does not answer
 * over HTTP (bedrock, sagemaker, oci, local) reports status 200, no headers and no body
 * text.
 *
 * @param <T> the type of the parsed body
 * @param status the HTTP status code (2xx)
 * @param headers the response headers
 * @param body the parsed body
 * @param bodyText the answer's body as received (JSON), or {@code null} when there is
 * none to show (a stream, a backend without HTTP)
 * @since 0.1.0
 */
public record RawResponse<T>(int status, HttpHeaders headers, T body, @Nullable String bodyText) {

	/**
	 * Checks the components.
	 */
	public RawResponse {
		Objects.requireNonNull(headers, "'headers' must not be null");
		Objects.requireNonNull(body, "'body' must not be null");
	}

	/**
	 * Creates an answer without its body text.
	 * @param status the HTTP status code
	 * @param headers the response headers
	 * @param body the parsed body
	 */
	public RawResponse(int status, HttpHeaders headers, T body) {
		this(status, headers, body, null);
	}

	/**
	 * Parses the answer's body text into a JSON tree, for fields the typed
	 * {@link #body()} does not know yet: {@code raw.bodyJson().path("new_field")}.
	 * @return the JSON tree
	 * @throws IllegalStateException when there is no body text (a stream, a backend
	 * without HTTP)
	 * @since 0.1.0
	 */
	public JsonNode bodyJson() {
		if (this.bodyText == null) {
			throw new IllegalStateException("This answer has no body text to parse (a stream, or a backend that "
					+ "does not answer over HTTP); read the typed body() instead");
		}
		return CohereJson.createMapper().readTree(this.bodyText);
	}

	/**
	 * Returns the first value of a header.
	 * @param name the header name (any case)
	 * @return the value, or {@code null} when the header is absent
	 */
	public @Nullable String header(String name) {
		Objects.requireNonNull(name, "'name' must not be null");
		return this.headers.firstValue(name).orElse(null);
	}

	/**
	 * Returns the id Cohere gives the request ({@code x-trace-id}, else
	 * {@code x-debug-trace-id}), for support requests.
	 * @return the request id, or {@code null} when the server sent none
	 */
	public @Nullable String requestId() {
		String id = header("x-trace-id");
		return (id != null) ? id : header("x-debug-trace-id");
	}

	/**
	 * Returns the warnings of the {@code X-API-Warning} headers, by which Cohere
	 * announces deprecated models, parameters and endpoints.
	 * @return the warnings, empty when there are none
	 */
	public List<String> apiWarnings() {
		return this.headers.allValues("x-api-warning");
	}

	/**
	 * Returns the deprecation headers of the answer: {@code X-API-Warning},
	 * {@code Deprecation} and {@code Sunset}.
	 * @return the headers present, by lower-case name
	 */
	public Map<String, List<String>> deprecationHeaders() {
		return select((name) -> name.equals("x-api-warning") || name.equals("deprecation") || name.equals("sunset"));
	}

	/**
	 * Returns the rate-limit headers of the answer: {@code Retry-After} and every header
	 * whose name contains {@code ratelimit}, {@code rate-limit}, {@code call-limit} or
	 * {@code call-remaining} (Cohere's trial keys report their monthly limits so).
	 * @return the headers present, by lower-case name
	 */
	public Map<String, List<String>> rateLimitHeaders() {
		return select((name) -> name.equals("retry-after") || name.contains("ratelimit") || name.contains("rate-limit")
				|| name.contains("call-limit") || name.contains("call-remaining"));
	}

	/**
	 * Returns the same answer with another body.
	 * @param <R> the new body type
	 * @param mapper turns the body into the new one
	 * @return the new answer
	 */
	public <R> RawResponse<R> map(Function<? super T, ? extends R> mapper) {
		Objects.requireNonNull(mapper, "'mapper' must not be null");
		return new RawResponse<>(this.status, this.headers, mapper.apply(this.body), this.bodyText);
	}

	/**
	 * Describes the answer without its body text, which may be large (its length is
	 * given).
	 * @return the description
	 */
	@Override
	public String toString() {
		return "RawResponse[status=" + this.status + ", headers=" + this.headers.map().keySet() + ", body=" + this.body
				+ ", bodyText=" + ((this.bodyText != null) ? this.bodyText.length() + " chars" : "none") + "]";
	}

	private Map<String, List<String>> select(java.util.function.Predicate<String> names) {
		Map<String, List<String>> selected = new TreeMap<>();
		this.headers.map().forEach((name, values) -> {
			String lower = name.toLowerCase(Locale.ROOT);
			if (names.test(lower)) {
				selected.put(lower, List.copyOf(values));
			}
		});
		return selected;
	}

}
