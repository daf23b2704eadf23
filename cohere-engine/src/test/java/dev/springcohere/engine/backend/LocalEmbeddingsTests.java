package dev.springcohere.engine.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import dev.springcohere.api.EmbedContent;
import dev.springcohere.api.EmbedInput;
import dev.springcohere.api.EmbedInputType;
import dev.springcohere.api.EmbedRequest;
import dev.springcohere.api.EmbedResponse;
import dev.springcohere.api.EmbeddingType;
import dev.springcohere.api.Truncate;
import dev.springcohere.engine.cpu.ScalarKernels;
import dev.springcohere.engine.encode.EmbeddingEncoder;
import dev.springcohere.engine.model.Fixtures;
import dev.springcohere.engine.tokenizer.HfTokenizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalEmbeddingsTests {

	private static final String LONG_TEXT = "one two three four five six seven eight nine ten eleven twelve thirteen"
			+ " fourteen fifteen sixteen seventeen eighteen nineteen twenty twenty-one twenty-two twenty-three"
			+ " twenty-four twenty-five twenty-six twenty-seven twenty-eight twenty-nine thirty";

	@TempDir
	static Path dir;

	private static EmbeddingEncoder encoder;

	private static HfTokenizer tokenizer;

	private static LocalEmbeddings embeddings;

	@BeforeAll
	static void open() {
		Fixtures.checkpointWithTokenizer("tiny-bert", dir);
		encoder = EmbeddingEncoder.open(dir, new ScalarKernels());
		tokenizer = HfTokenizer.load(dir);
		embeddings = new LocalEmbeddings(encoder, "tiny-bert");
	}

	@AfterAll
	static void close() {
		tokenizer.close();
		encoder.close();
	}

	private static float[] normalized(float[] vector) {
		double sum = 0;
		for (float v : vector) {
			sum += (double) v * v;
		}
		float[] out = vector.clone();
		for (int i = 0; i < out.length; i++) {
			out[i] = (float) (out[i] / Math.sqrt(sum));
		}
		return out;
	}

	private static void assertClose(float[] actual, float[] expected) {
		assertThat(actual).hasSize(expected.length);
		for (int i = 0; i < expected.length; i++) {
			assertThat(actual[i]).as("component %d", i).isCloseTo(expected[i], within(1e-5f));
		}
	}

	private static double norm(float[] vector) {
		double sum = 0;
		for (float v : vector) {
			sum += (double) v * v;
		}
		return Math.sqrt(sum);
	}

	@Test
	void floatEmbeddingsAreTheEncodersVectorsNormalizedWithTextsEchoedAndTokensBilled() {
		List<String> texts = List.of("Hello, world!", "Rerankers and embeddings.");
		EmbedResponse response = embeddings.embed(EmbedRequest.builder().texts(texts).build());
		assertThat(response.responseType()).isEqualTo("embeddings_by_type");
		assertThat(response.id()).isNotBlank();
		assertThat(response.texts()).isEqualTo(texts);
		assertThat(response.embeddings().floats()).hasSize(2);
		assertThat(response.embeddings().int8()).isEmpty();
		for (int i = 0; i < texts.size(); i++) {
			float[] vector = response.embeddings().floatVector(i);
			assertThat(vector).hasSize(encoder.dimension());
			assertThat(norm(vector)).isCloseTo(1.0, within(1e-5));
			assertClose(vector, normalized(encoder.embed(texts.get(i))));
		}
		int tokens = texts.stream().mapToInt((text) -> tokenizer.encode(text, false).length).sum();
		assertThat(response.meta().billedUnits().inputTokens()).isEqualTo(tokens);
		assertThat(response.meta().apiVersion().version()).isEqualTo("2");
	}

	@Test
	void everyEncodingIsDerivedFromTheFloatVector() {
		EmbedResponse response = embeddings.embed(EmbedRequest.builder()
			.texts("The quick brown fox", "jumps over the lazy dog")
			.embeddingTypes(EmbeddingType.FLOAT, EmbeddingType.INT8, EmbeddingType.UINT8, EmbeddingType.BINARY,
					EmbeddingType.UBINARY, EmbeddingType.BASE64)
			.inputType(EmbedInputType.SEARCH_DOCUMENT)
			.build());
		EmbedResponse.Embeddings e = response.embeddings();
		for (int row = 0; row < 2; row++) {
			float[] vector = e.floatVector(row);
			float maxAbs = 0;
			for (float v : vector) {
				maxAbs = Math.max(maxAbs, Math.abs(v));
			}
			List<Integer> int8 = e.int8().get(row);
			assertThat(int8).hasSize(vector.length);
			assertThat(int8.stream().mapToInt(Math::abs).max().getAsInt()).isEqualTo(127);
			for (int i = 0; i < vector.length; i++) {
				assertThat(int8.get(i) * maxAbs / 127.0).as("int8 %d", i)
					.isCloseTo(vector[i], within(maxAbs / 254.0 + 1e-6));
				assertThat(e.uint8().get(row).get(i)).isEqualTo(int8.get(i) + 128).isBetween(0, 255);
			}
			List<Integer> ubinary = e.ubinary().get(row);
			assertThat(ubinary).hasSize((vector.length + 7) / 8);
			for (int i = 0; i < vector.length; i++) {
				boolean bit = (ubinary.get(i / 8) & (0x80 >> (i % 8))) != 0;
				assertThat(bit).as("sign bit %d", i).isEqualTo(vector[i] > 0);
			}
			for (int b = 0; b < ubinary.size(); b++) {
				assertThat(ubinary.get(b)).isBetween(0, 255);
				assertThat(e.binary().get(row).get(b)).isEqualTo(ubinary.get(b) - 128).isBetween(-128, 127);
			}
			ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(e.base64().get(row)))
				.order(ByteOrder.LITTLE_ENDIAN);
			float[] decoded = new float[bytes.remaining() / 4];
			bytes.asFloatBuffer().get(decoded);
			assertThat(decoded).isEqualTo(vector);
		}
	}

	@Test
	void packedBitsOfADimensionThatIsNotAMultipleOfEightArePaddedWithZeros() {
		assertThat(LocalEmbeddings.ubinary(new float[] { 1, -1, 0, 2, 3, -4, 5, 6, 7, -8 }))
			.containsExactly(0b1001_1011, 0b1000_0000);
		assertThat(LocalEmbeddings.int8(new float[] { 0.5f, -1f, 0.25f })).containsExactly(64, -127, 32);
		assertThat(LocalEmbeddings.int8(new float[] { 0, 0 })).containsExactly(0, 0);
	}

	@Test
	void outputDimensionKeepsTheFirstComponentsRenormalized() {
		String text = "Matryoshka dolls";
		float[] full = embeddings.embed(EmbedRequest.builder().texts(text).build()).embeddings().floatVector(0);
		float[] small = embeddings.embed(EmbedRequest.builder().texts(text).outputDimension(16).build())
			.embeddings()
			.floatVector(0);
		assertThat(small).hasSize(16);
		assertThat(norm(small)).isCloseTo(1.0, within(1e-5));
		assertClose(small, normalized(Arrays.copyOf(full, 16)));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> embeddings.embed(EmbedRequest.builder().texts(text).outputDimension(65).build()))
			.withMessageContaining("'output_dimension'")
			.withMessageContaining("64");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> embeddings.embed(EmbedRequest.builder().texts(text).outputDimension(0).build()))
			.withMessageContaining("'output_dimension'");
	}

	@Test
	void overLongTextsAreTruncatedAtTheEndByDefaultAtTheStartOnRequestOrRejected() {
		int[] content = tokenizer.encode(LONG_TEXT, false);
		int[] full = tokenizer.encode(LONG_TEXT, true);
		int added = full.length - content.length;
		int budget = encoder.maxLength() - added;
		assertThat(content.length).as("the text must be longer than the model's limit").isGreaterThan(budget);
		EmbedResponse end = embeddings.embed(EmbedRequest.builder().texts(LONG_TEXT).build());
		assertClose(end.embeddings().floatVector(0), normalized(encoder.embed(LONG_TEXT)));
		assertThat(end.meta().billedUnits().inputTokens()).isEqualTo(budget);

		EmbedResponse start = embeddings
			.embed(EmbedRequest.builder().texts(LONG_TEXT).truncate(Truncate.START).build());
		int[] lastTokens = new int[encoder.maxLength()];
		System.arraycopy(full, 0, lastTokens, 0, added);
		System.arraycopy(content, content.length - budget, lastTokens, added, budget);
		assertClose(start.embeddings().floatVector(0), normalized(encoder.embedTokens(List.of(lastTokens)).getFirst()));
		assertThat(start.embeddings().floatVector(0)).isNotEqualTo(end.embeddings().floatVector(0));

		assertThatIllegalArgumentException()
			.isThrownBy(() -> embeddings
				.embed(EmbedRequest.builder().texts("short", LONG_TEXT).truncate(Truncate.NONE).build()))
			.withMessageContaining("Text 1 has " + content.length + " tokens")
			.withMessageContaining("'truncate' is NONE");
		assertThatIllegalArgumentException()
			.isThrownBy(
					() -> embeddings.embed(EmbedRequest.builder().texts("x").truncate(Truncate.of("MIDDLE")).build()))
			.withMessageContaining("'truncate'");
	}

	@Test
	void maxTokensLimitsTheTokensReadPerText() {
		EmbedResponse response = embeddings.embed(EmbedRequest.builder().texts(LONG_TEXT).maxTokens(3).build());
		int[] full = tokenizer.encode(LONG_TEXT, true);
		int added = full.length - tokenizer.encode(LONG_TEXT, false).length;
		int[] kept = Arrays.copyOf(full, added + 3);
		assertClose(response.embeddings().floatVector(0), normalized(encoder.embedTokens(List.of(kept)).getFirst()));
		assertThat(response.meta().billedUnits().inputTokens()).isEqualTo(3);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> embeddings
				.embed(EmbedRequest.builder().texts(LONG_TEXT).maxTokens(3).truncate(Truncate.NONE).build()))
			.withMessageContaining("'max_tokens'");
	}

	@Test
	void textOnlyInputsAreEmbeddedLikeTextsAndImagesAreRejected() {
		EmbedResponse viaInputs = embeddings
			.embed(EmbedRequest.builder().inputs(EmbedInput.of(EmbedContent.text("Hello, world!"))).build());
		assertThat(viaInputs.texts()).isEmpty();
		assertClose(viaInputs.embeddings().floatVector(0), normalized(encoder.embed("Hello, world!")));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> embeddings.embed(EmbedRequest.builder().images("data:image/png;base64,AAAA").build()))
			.withMessageContaining("'images'")
			.withMessageContaining("text only");
		assertThatIllegalArgumentException().isThrownBy(() -> embeddings.embed(EmbedRequest.builder()
			.inputs(EmbedInput.of(EmbedContent.text("a"), EmbedContent.image("data:image/png;base64,AAAA")))
			.build())).withMessageContaining("'inputs[0]'").withMessageContaining("image_url");
		assertThatIllegalArgumentException().isThrownBy(() -> embeddings.embed(EmbedRequest.builder().build()))
			.withMessageContaining("'texts'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> embeddings
				.embed(EmbedRequest.builder().texts("a").embeddingTypes(EmbeddingType.of("int4")).build()))
			.withMessageContaining("'int4'");
	}

	@Test
	void aConfiguredPromptIsPrependedForItsInputTypeOnly() {
		LocalEmbeddings prompted = new LocalEmbeddings(encoder, "tiny-e5",
				Map.of(EmbedInputType.SEARCH_QUERY, "query: "));
		float[] query = prompted
			.embed(EmbedRequest.builder().texts("capital of France").inputType(EmbedInputType.SEARCH_QUERY).build())
			.embeddings()
			.floatVector(0);
		float[] document = prompted
			.embed(EmbedRequest.builder().texts("capital of France").inputType(EmbedInputType.SEARCH_DOCUMENT).build())
			.embeddings()
			.floatVector(0);
		assertClose(query, normalized(encoder.embed("query: capital of France")));
		assertClose(document, normalized(encoder.embed("capital of France")));
		assertClose(embeddings
			.embed(EmbedRequest.builder().texts("capital of France").inputType(EmbedInputType.SEARCH_QUERY).build())
			.embeddings()
			.floatVector(0), document);
	}

}
