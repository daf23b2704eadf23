package dev.springcohere.api;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * The image of an {@link ImageUrlContent}: a URL or a base64 data URI, and an optional
 * detail level.
 *
 * @param url the image URL or {@code data:} URI
 * @param detail the resolution to read the image at, or {@code null} for the server
 * default
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ImageUrl(String url, @Nullable ImageDetail detail) {

	/**
	 * Creates an image reference.
	 * @param url the image URL or {@code data:} URI
	 * @param detail the detail level, or {@code null}
	 */
	public ImageUrl {
		Objects.requireNonNull(url, "'url' must not be null");
	}

	/**
	 * Creates an image reference with the server's default detail.
	 * @param url the image URL or {@code data:} URI
	 * @return the image reference
	 */
	public static ImageUrl of(String url) {
		return new ImageUrl(url, null);
	}

}
