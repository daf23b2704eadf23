package dev.springcohere.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The query of a {@code GET /v1/models} call; every parameter is optional.
 *
 * @param pageSize the most models per page, or {@code null} for the server default
 * @param pageToken the page to read ({@link ListModelsResponse#nextPageToken()}), or
 * {@code null} for the first
 * @param endpoint only models compatible with this endpoint, or {@code null} for all
 * @param defaultOnly with {@code endpoint}, only the default model of that endpoint, or
 * {@code null}
 * @since 0.1.0
 */
public record ListModelsRequest(@Nullable Integer pageSize, @Nullable String pageToken,
		@Nullable ModelEndpoint endpoint, @Nullable Boolean defaultOnly) {

	/**
	 * Returns a request for the first page of all models.
	 * @return the request
	 */
	public static ListModelsRequest all() {
		return new ListModelsRequest(null, null, null, null);
	}

	/**
	 * Returns a request for the models compatible with an endpoint.
	 * @param endpoint the endpoint
	 * @return the request
	 */
	public static ListModelsRequest forEndpoint(ModelEndpoint endpoint) {
		return new ListModelsRequest(null, null, endpoint, null);
	}

	/**
	 * Returns the same request for another page.
	 * @param pageToken the page token
	 * @return the request
	 */
	public ListModelsRequest withPageToken(@Nullable String pageToken) {
		return new ListModelsRequest(this.pageSize, pageToken, this.endpoint, this.defaultOnly);
	}

	/**
	 * Returns the query parameters to send, by their wire names ({@code page_size},
	 * {@code page_token}, {@code endpoint}, {@code default_only}), leaving out unset
	 * ones; values are not URL-encoded.
	 * @return the parameters, in that order
	 */
	public Map<String, String> queryParameters() {
		Map<String, String> parameters = new LinkedHashMap<>();
		if (this.pageSize != null) {
			parameters.put("page_size", this.pageSize.toString());
		}
		if (this.pageToken != null) {
			parameters.put("page_token", this.pageToken);
		}
		if (this.endpoint != null) {
			parameters.put("endpoint", this.endpoint.value());
		}
		if (this.defaultOnly != null) {
			parameters.put("default_only", this.defaultOnly.toString());
		}
		return Collections.unmodifiableMap(parameters);
	}

}
