package dev.springcohere.backend;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.springcohere.api.RequestOptions;
import dev.springcohere.http.MultipartBody;

/**
 * One operation of Cohere's platform API beyond chat, embed and rerank (fine-tuning,
 * datasets, embed jobs, batches, connectors, classify, audio, one model's details): a
 * resource path with its method and body, and the type to read the answer as. Only the
 * backends that speak Cohere's own HTTP API ({@code platform}, {@code private}) run them
 * (see {@link CohereBackend#execute(PlatformCall)}); the others fail with the
 * {@link #capability()}.
 *
 * @param <T> the type of the answer's body
 * @param capability the capability the operation belongs to
 * @param operationId the operation's {@code operationId} in Cohere's OpenAPI description
 * @param method the HTTP method
 * @param path the path with its query, path parameters and query values encoded (see
 * {@link #path(String, Object...)} and {@link #query(String, Map)})
 * @param body an object to send as JSON, or {@code null}
 * @param multipart a multipart body to stream, or {@code null}
 * @param responseType the type of the answer's body
 * @param options the options of the call
 * @since 0.1.0
 */
public record PlatformCall<T>(Capability capability, String operationId, String method, String path,
		@Nullable Object body, @Nullable MultipartBody multipart, Class<T> responseType, RequestOptions options) {

	/**
	 * Checks the components.
	 */
	public PlatformCall {
		Objects.requireNonNull(capability, "'capability' must not be null");
		Objects.requireNonNull(operationId, "'operationId' must not be null");
		Objects.requireNonNull(method, "'method' must not be null");
		Objects.requireNonNull(path, "'path' must not be null");
		Objects.requireNonNull(responseType, "'responseType' must not be null");
		Objects.requireNonNull(options, "'options' must not be null");
		if (body != null && multipart != null) {
			throw new IllegalArgumentException("A platform call has a JSON body or a multipart body, not both");
		}
	}

	/**
	 * Returns the same call with other options.
	 * @param options the options
	 * @return the call
	 */
	public PlatformCall<T> withOptions(RequestOptions options) {
		return new PlatformCall<>(this.capability, this.operationId, this.method, this.path, this.body, this.multipart,
				this.responseType, options);
	}

	/**
	 * Expands a path template: each {@code {name}} is replaced, in order, by the next
	 * value, percent-encoded as one path segment.
	 * @param template the template, such as {@code /v1/datasets/{id}}
	 * @param values the values
	 * @return the path
	 * @throws IllegalArgumentException when a value is blank or the counts differ
	 */
	public static String path(String template, Object... values) {
		Objects.requireNonNull(template, "'template' must not be null");
		StringBuilder path = new StringBuilder();
		int next = 0;
		int index = 0;
		while (index < template.length()) {
			int open = template.indexOf('{', index);
			if (open < 0) {
				path.append(template, index, template.length());
				break;
			}
			int close = template.indexOf('}', open);
			path.append(template, index, open);
			if (next >= values.length) {
				throw new IllegalArgumentException(
						"No value for " + template.substring(open, close + 1) + " in " + template);
			}
			String value = String.valueOf(values[next++]);
			if (value.isBlank()) {
				throw new IllegalArgumentException(
						"The " + template.substring(open + 1, close) + " of " + template + " must not be blank");
			}
			path.append(URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
			index = close + 1;
		}
		if (next != values.length) {
			throw new IllegalArgumentException(template + " takes " + next + " values but got " + values.length);
		}
		return path.toString();
	}

	/**
	 * Appends a query to a path, leaving out {@code null} values; a {@link List} value
	 * becomes one parameter per element (Cohere's form of array parameters).
	 * @param path the path
	 * @param parameters the parameters by wire name, in order
	 * @return the path with its query
	 */
	public static String query(String path, Map<String, ? extends @Nullable Object> parameters) {
		List<String> pairs = new ArrayList<>();
		parameters.forEach((name, value) -> {
			if (value instanceof List<?> list) {
				list.forEach((element) -> pairs.add(pair(name, element)));
			}
			else if (value != null) {
				pairs.add(pair(name, value));
			}
		});
		return pairs.isEmpty() ? path : path + "?" + String.join("&", pairs);
	}

	private static String pair(String name, Object value) {
		return URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
				+ URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8);
	}

}
