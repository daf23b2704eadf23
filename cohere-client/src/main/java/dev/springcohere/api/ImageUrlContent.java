package dev.springcohere.api;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * An image content block ({@code {"type": "image_url", "image_url": {"url": "..."}}}), in
 * user messages.
 *
 * @param imageUrl the image
 * @since 0.1.0
 */
@JsonDeserialize
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(value = "type", allowGetters = true, ignoreUnknown = true)
@JsonPropertyOrder({ "type", "image_url" })
public record ImageUrlContent(@JsonProperty("image_url") ImageUrl imageUrl) implements UserContentBlock {

	/**
	 * Creates an image block.
	 * @param imageUrl the image
	 */
	public ImageUrlContent {
		Objects.requireNonNull(imageUrl, "'imageUrl' must not be null");
	}

	/**
	 * Creates an image block for a URL or {@code data:} URI.
	 * @param url the image URL or data URI
	 * @return the block
	 */
	public static ImageUrlContent of(String url) {
		return new ImageUrlContent(ImageUrl.of(url));
	}

	@Override
	@JsonProperty("type")
	public ContentType type() {
		return ContentType.IMAGE_URL;
	}

}
