package dev.springcohere.http;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.springcohere.api.RequestOptions;

/**
 * One call of {@link CohereHttpTransport#execute(HttpCall)}: a method and path with a
 * JSON body, a multipart body or no body, and the options of the call.
 *
 * @param method the HTTP method: {@code GET}, {@code POST}, {@code PATCH}, {@code PUT} or
 * {@code DELETE}
 * @param path the path below the base URL with its query, path parameters and query
 * values already encoded
 * @param json the JSON body, or {@code null}
 * @param multipart the multipart body, or {@code null}
 * @param options the options of the call
 * @since 0.1.0
 */
public record HttpCall(String method, String path, byte @Nullable [] json, @Nullable MultipartBody multipart,
		RequestOptions options) {

	/**
	 * Checks the components.
	 */
	public HttpCall {
		Objects.requireNonNull(method, "'method' must not be null");
		Objects.requireNonNull(path, "'path' must not be null");
		Objects.requireNonNull(options, "'options' must not be null");
		if (!path.startsWith("/")) {
			throw new IllegalArgumentException("An HTTP call's path must start with '/' but was '" + path + "'");
		}
		if (json != null && multipart != null) {
			throw new IllegalArgumentException("An HTTP call has a JSON body or a multipart body, not both");
		}
	}

	/**
	 * Tells whether the call may be sent again by the retry policy: its body, if any, can
	 * be read again.
	 * @return {@code false} for a multipart body with a one-time stream
	 */
	public boolean isRepeatable() {
		return this.multipart == null || this.multipart.isRepeatable();
	}

	/**
	 * Returns a short name of the call for messages, such as {@code GET /v1/datasets}
	 * (without the query).
	 * @return the name
	 */
	public String name() {
		int query = this.path.indexOf('?');
		return this.method + " " + ((query < 0) ? this.path : this.path.substring(0, query));
	}

}
