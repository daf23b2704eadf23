package dev.springcohere.api;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Options of one call: a timeout for the call, headers to send besides those of the
 * client, and JSON fields to send beside those of the typed request (a field the API
 * added after this version of the library). Immutable; {@link #none()} sets nothing.
 * <p>
 * They apply to the platform API views ({@code client.fineTuning().withOptions(...)}) and
 * to the core calls ({@code client.withOptions(...)}). Backends that do not answer over
 * HTTP (bedrock, sagemaker, oci, local) apply the timeout and refuse headers and extra
 * body fields with an {@link dev.springcohere.api.error.UnsupportedCapabilityException}.
 * <p>
 * Cohere's API has no idempotency key (the OpenAPI description declares none), so there
 * is no option for one; a header of your own can still be sent with
 * {@link Builder#header(String, String)}. <pre>{@code
 * RequestOptions options = RequestOptions.builder()
 *     .timeout(Duration.ofSeconds(30))
 *     .header("X-Request-Source", "nightly-job")
 *     .build();
 * FinetunedModel model = client.fineTuning().withOptions(options).get("my-model-id");
 * }</pre>
 *
 * @since 0.1.0
 */
public final class RequestOptions {

	/** Headers the transport owns; setting them per call would break the request. */
	private static final Set<String> RESERVED = Set.of("authorization", "content-type", "content-length", "host",
			"connection", "transfer-encoding", "accept");

	private static final RequestOptions NONE = new RequestOptions(null, Map.of(), Map.of());

	private final @Nullable Duration timeout;

	private final Map<String, String> headers;

	private final Map<String, @Nullable Object> extraBody;

	private RequestOptions(@Nullable Duration timeout, Map<String, String> headers,
			Map<String, @Nullable Object> extraBody) {
		this.timeout = timeout;
		this.headers = headers;
		this.extraBody = extraBody;
	}

	/**
	 * Returns options that set nothing: the client's settings apply.
	 * @return the empty options
	 */
	public static RequestOptions none() {
		return NONE;
	}

	/**
	 * Starts a builder.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Returns a builder with these options.
	 * @return a new builder
	 */
	public Builder mutate() {
		Builder builder = new Builder();
		builder.timeout = this.timeout;
		builder.headers.putAll(this.headers);
		builder.extraBody.putAll(this.extraBody);
		return builder;
	}

	/**
	 * Returns the longest one attempt of the call may take, from sending the request to
	 * reading the whole answer (each retry gets it again).
	 * @return the timeout, or {@code null} when only the client's connect and read
	 * timeouts apply
	 */
	public @Nullable Duration getTimeout() {
		return this.timeout;
	}

	/**
	 * Returns the headers sent with the call, besides the client's (a header of the same
	 * name replaces the client's default one).
	 * @return the headers, in the order they were set
	 */
	public Map<String, String> getHeaders() {
		return this.headers;
	}

	/**
	 * Returns the JSON fields sent beside those of the typed request (replacing a typed
	 * field of the same name).
	 * @return the fields by wire name, in the order they were set; empty when none
	 * @since 0.1.0
	 */
	public Map<String, @Nullable Object> getExtraBody() {
		return this.extraBody;
	}

	/**
	 * Tells whether these options set nothing.
	 * @return {@code true} when there is neither a timeout nor a header nor an extra body
	 * field
	 */
	public boolean isEmpty() {
		return this.timeout == null && this.headers.isEmpty() && this.extraBody.isEmpty();
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (this == other) || (other instanceof RequestOptions that && Objects.equals(this.timeout, that.timeout)
				&& this.headers.equals(that.headers) && this.extraBody.equals(that.extraBody));
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.timeout, this.headers, this.extraBody);
	}

	@Override
	public String toString() {
		return "RequestOptions[timeout=" + this.timeout + ", headers=" + this.headers.keySet() + ", extraBody="
				+ this.extraBody.keySet() + "]";
	}

	/**
	 * Builds {@link RequestOptions}.
	 */
	public static final class Builder {

		private @Nullable Duration timeout;

		private final Map<String, String> headers = new LinkedHashMap<>();

		private final Map<String, @Nullable Object> extraBody = new LinkedHashMap<>();

		private Builder() {
		}

		/**
		 * Sets the longest one attempt of the call may take.
		 * @param timeout a positive duration, or {@code null} for none
		 * @return this builder
		 * @throws IllegalArgumentException when the timeout is zero or negative
		 */
		public Builder timeout(@Nullable Duration timeout) {
			if (timeout != null && (timeout.isZero() || timeout.isNegative())) {
				throw new IllegalArgumentException(
						"RequestOptions.timeout must be positive but was " + timeout + "; pass null for no timeout");
			}
			this.timeout = timeout;
			return this;
		}

		/**
		 * Adds a header to send with the call (replacing one of the same name set
		 * before).
		 * @param name the header name
		 * @param value the header value
		 * @return this builder
		 * @throws IllegalArgumentException when the name is blank or one the client owns
		 * ({@code Authorization}, {@code Content-Type}, {@code Content-Length},
		 * {@code Host}, {@code Connection}, {@code Transfer-Encoding}, {@code Accept})
		 */
		public Builder header(String name, String value) {
			Objects.requireNonNull(name, "'name' must not be null");
			Objects.requireNonNull(value, "'value' must not be null");
			if (name.isBlank()) {
				throw new IllegalArgumentException("A RequestOptions header name must not be blank");
			}
			if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
				throw new IllegalArgumentException("The header '" + name + "' is set by the client and cannot be "
						+ "set per call; configure the API key or the HTTP settings instead");
			}
			this.headers.put(name, value);
			return this;
		}

		/**
		 * Adds headers to send with the call.
		 * @param headers the headers
		 * @return this builder
		 */
		public Builder headers(Map<String, String> headers) {
			Objects.requireNonNull(headers, "'headers' must not be null");
			headers.forEach(this::header);
			return this;
		}

		/**
		 * Adds a JSON field to send beside those of the typed request, for a field the
		 * API knows and this library does not yet (a field of the same name set before,
		 * or of the typed request, is replaced).
		 * @param name the field's wire name, such as {@code "new_option"}
		 * @param value the value, turned into JSON as the request is ({@code null} sends
		 * JSON {@code null})
		 * @return this builder
		 * @throws IllegalArgumentException when the name is blank
		 * @since 0.1.0
		 */
		public Builder extraBody(String name, @Nullable Object value) {
			Objects.requireNonNull(name, "'name' must not be null");
			if (name.isBlank()) {
				throw new IllegalArgumentException("A RequestOptions extra body field name must not be blank");
			}
			this.extraBody.put(name, value);
			return this;
		}

		/**
		 * Builds the options.
		 * @return the options
		 */
		public RequestOptions build() {
			if (this.timeout == null && this.headers.isEmpty() && this.extraBody.isEmpty()) {
				return NONE;
			}
			return new RequestOptions(this.timeout, Collections.unmodifiableMap(new LinkedHashMap<>(this.headers)),
					Collections.unmodifiableMap(new LinkedHashMap<>(this.extraBody)));
		}

	}

}
