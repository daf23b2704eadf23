package dev.springcohere.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

/**
 * The answer of a {@code /v2/embed} call (spec {@code EmbedByTypeResponse}).
 * <p>
 * Empty lists are not written back (absent and empty read the same).
 *
 * @param id the id of the call, or {@code null}
 * @param responseType the response type, such as {@code embeddings_by_type}, or
 * {@code null}
 * @param embeddings the embeddings, one list per requested {@link EmbeddingType}
 * @param texts the embedded texts, never {@code null}
 * @param images information about the embedded images, never {@code null}
 * @param meta the call metadata, or {@code null}
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({ "response_type", "id", "embeddings", "texts", "images", "meta" })
public record EmbedResponse(@Nullable String id, @JsonProperty("response_type") @Nullable String responseType,
		Embeddings embeddings, @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> texts,
		@JsonInclude(JsonInclude.Include.NON_EMPTY) List<Image> images, @Nullable ApiMeta meta) {

	/**
	 * Creates a response.
	 * @param id the id, or {@code null}
	 * @param responseType the response type, or {@code null}
	 * @param embeddings the embeddings, or {@code null} for none
	 * @param texts the texts, or {@code null} for none
	 * @param images the images, or {@code null} for none
	 * @param meta the metadata, or {@code null}
	 */
	public EmbedResponse {
		embeddings = (embeddings != null) ? embeddings : new Embeddings(null, null, null, null, null, null);
		texts = (texts != null) ? List.copyOf(texts) : List.of();
		images = (images != null) ? List.copyOf(images) : List.of();
	}

	/**
	 * Embeddings by encoding (spec {@code EmbedByTypeResponse.embeddings}); each list has
	 * one entry per input, in input order, and is empty when that encoding was not
	 * requested.
	 *
	 * @param floats float embeddings ({@code float}), never {@code null}
	 * @param int8 signed 8-bit embeddings, never {@code null}
	 * @param uint8 unsigned 8-bit embeddings, never {@code null}
	 * @param binary signed packed-bit embeddings, never {@code null}
	 * @param ubinary unsigned packed-bit embeddings, never {@code null}
	 * @param base64 base64 embeddings, never {@code null}
	 */
	@JsonInclude(JsonInclude.Include.NON_EMPTY)
	@JsonIgnoreProperties(ignoreUnknown = true)
	@JsonPropertyOrder({ "float", "int8", "uint8", "binary", "ubinary", "base64" })
	public record Embeddings(@JsonProperty("float") List<List<Double>> floats, List<List<Integer>> int8,
			List<List<Integer>> uint8, List<List<Integer>> binary, List<List<Integer>> ubinary, List<String> base64) {

		/**
		 * Creates embeddings; {@code null} lists become empty, nested lists are copied.
		 * @param floats float embeddings, or {@code null}
		 * @param int8 int8 embeddings, or {@code null}
		 * @param uint8 uint8 embeddings, or {@code null}
		 * @param binary binary embeddings, or {@code null}
		 * @param ubinary ubinary embeddings, or {@code null}
		 * @param base64 base64 embeddings, or {@code null}
		 */
		public Embeddings {
			floats = copy(floats);
			int8 = copy(int8);
			uint8 = copy(uint8);
			binary = copy(binary);
			ubinary = copy(ubinary);
			base64 = (base64 != null) ? List.copyOf(base64) : List.of();
		}

		private static <T> List<List<T>> copy(@Nullable List<List<T>> vectors) {
			return (vectors != null) ? vectors.stream().map(List::copyOf).toList() : List.of();
		}

		/**
		 * Returns a float embedding as a primitive array.
		 * @param index the input index
		 * @return the vector
		 * @throws IndexOutOfBoundsException if there is no float embedding at that index
		 */
		public float[] floatVector(int index) {
			List<Double> vector = this.floats.get(index);
			float[] result = new float[vector.size()];
			for (int i = 0; i < result.length; i++) {
				result[i] = vector.get(i).floatValue();
			}
			return result;
		}

	}

	/**
	 * Information about an embedded image (spec {@code Image}).
	 *
	 * @param width the width in pixels, or {@code null}
	 * @param height the height in pixels, or {@code null}
	 * @param format the image format, such as {@code jpeg}, or {@code null}
	 * @param bitDepth the bit depth, or {@code null}
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	@JsonIgnoreProperties(ignoreUnknown = true)
	@JsonPropertyOrder({ "width", "height", "format", "bit_depth" })
	public record Image(@Nullable Long width, @Nullable Long height, @Nullable String format,
			@JsonProperty("bit_depth") @Nullable Long bitDepth) {

	}

}
