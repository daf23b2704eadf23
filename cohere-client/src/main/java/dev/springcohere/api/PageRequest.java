package dev.springcohere.api;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The page of a list call that pages by token (fine-tuned models, their events and
 * metrics, batches); every parameter is optional.
 *
 * @param pageSize the most items per page, or {@code null} for the server default
 * @param pageToken the page to read (the previous page's {@code next_page_token}), or
 * {@code null} for the first
 * @param orderBy a comma-separated list of fields, each optionally followed by
 * {@code desc} (such as {@code created_at desc}), or {@code null}; ignored by the calls
 * without ordering (training-step metrics)
 * @since 0.1.0
 */
public record PageRequest(@Nullable Integer pageSize, @Nullable String pageToken, @Nullable String orderBy) {

	/**
	 * Checks the page size.
	 */
	public PageRequest {
		if (pageSize != null && pageSize < 1) {
			throw new IllegalArgumentException("A page size must be at least 1 but was " + pageSize);
		}
	}

	/**
	 * Returns the first page with the server's page size and order.
	 * @return the request
	 */
	public static PageRequest first() {
		return new PageRequest(null, null, null);
	}

	/**
	 * Returns the first page of a size.
	 * @param pageSize the most items per page
	 * @return the request
	 */
	public static PageRequest ofSize(int pageSize) {
		return new PageRequest(pageSize, null, null);
	}

	/**
	 * Returns the same request for another page.
	 * @param pageToken the token of the page, or {@code null} for the first
	 * @return the request
	 */
	public PageRequest withPageToken(@Nullable String pageToken) {
		return new PageRequest(this.pageSize, pageToken, this.orderBy);
	}

	/**
	 * Returns the same request with an order.
	 * @param orderBy the order, such as {@code created_at desc}
	 * @return the request
	 */
	public PageRequest withOrderBy(@Nullable String orderBy) {
		return new PageRequest(this.pageSize, this.pageToken, orderBy);
	}

	/**
	 * Returns the query parameters by wire name ({@code page_size}, {@code page_token},
	 * {@code order_by}); unset ones are {@code null}.
	 * @param withOrder whether the call takes {@code order_by}
	 * @return the parameters
	 */
	public Map<String, @Nullable Object> queryParameters(boolean withOrder) {
		Map<String, @Nullable Object> parameters = new LinkedHashMap<>();
		parameters.put("page_size", this.pageSize);
		parameters.put("page_token", this.pageToken);
		if (withOrder) {
			parameters.put("order_by", this.orderBy);
		}
		return parameters;
	}

}
