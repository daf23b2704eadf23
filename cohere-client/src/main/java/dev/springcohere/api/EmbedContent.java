package dev.springcohere.api;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * A part of an {@link EmbedInput} (spec {@code EmbedContent}), discriminated by
 * {@code type}: {@link Text} or {@link Image}.
 *
 * @since 0.1.0
 */
@JsonDeserialize(using = EmbedContentDeserializer.class)
public sealed interface EmbedContent permits EmbedContent.Text, EmbedContent.Image {

	/**
	 * Returns the part type, written as the {@code type} property.
	 * @return the type
	 */
	ContentType type();

	/**
	 * Creates a text part.
	 * @param text the text
	 * @return the part
	 */
	static EmbedContent text(String text) {
		return new Text(text);
	}

	/**
	 * Creates an image part.
	 * @param url the image as a data URI or URL
	 * @return the part
	 */
	static EmbedContent image(String url) {
		return new Image(new Image.Url(url));
	}

	/**
	 * A text part ({@code {"type": "text", "text": "..."}}).
	 *
	 * @param text the text
	 */
	@JsonDeserialize
	@JsonInclude(JsonInclude.Include.NON_NULL)
	@JsonIgnoreProperties(value = "type", allowGetters = true, ignoreUnknown = true)
	@JsonPropertyOrder({ "type", "text" })
	record Text(String text) implements EmbedContent {

		/**
		 * Creates a text part.
		 * @param text the text
		 */
		public Text {
			Objects.requireNonNull(text, "'text' must not be null");
		}

		@Override
		@JsonProperty("type")
		public ContentType type() {
			return ContentType.TEXT;
		}

	}

	/**
	 * An image part ({@code {"type": "image_url", "image_url": {"url": "..."}}}).
	 *
	 * @param imageUrl the image
	 */
	@JsonDeserialize
	@JsonInclude(JsonInclude.Include.NON_NULL)
	@JsonIgnoreProperties(value = "type", allowGetters = true, ignoreUnknown = true)
	@JsonPropertyOrder({ "type", "image_url" })
	record Image(@JsonProperty("image_url") Url imageUrl) implements EmbedContent {

		/**
		 * Creates an image part.
		 * @param imageUrl the image
		 */
		public Image {
			Objects.requireNonNull(imageUrl, "'imageUrl' must not be null");
		}

		@Override
		@JsonProperty("type")
		public ContentType type() {
			return ContentType.IMAGE_URL;
		}

		/**
		 * The image of an image part (spec {@code EmbedImageUrl}).
		 *
		 * @param url the image as a data URI or URL
		 */
		@JsonIgnoreProperties(ignoreUnknown = true)
		public record Url(String url) {

			/**
			 * Creates an image reference.
			 * @param url the data URI or URL
			 */
			public Url {
				Objects.requireNonNull(url, "'url' must not be null");
			}

		}

	}

}
