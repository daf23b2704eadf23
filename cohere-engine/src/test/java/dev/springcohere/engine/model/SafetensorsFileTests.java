package dev.springcohere.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsFileTests {

	@TempDir
	Path dir;

	@Test
	void mapsFixtureTensorsWithoutCopying() throws IOException {
		byte[] raw = Files.readAllBytes(Fixtures.engine("tiny-cohere").resolve("model.safetensors"));
		java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(raw).order(java.nio.ByteOrder.LITTLE_ENDIAN);
		int dataStart = 8 + (int) bb.getLong(0);
		float expectedLast = Float.intBitsToFloat(bb.getShort(dataStart + 2 * (512 * 64 - 1)) << 16);
		try (SafetensorsFile file = SafetensorsFile.open(Fixtures.engine("tiny-cohere").resolve("model.safetensors"))) {
			Tensor embed = file.tensor("model.embed_tokens.weight");
			assertThat(embed.dtype()).isEqualTo(DType.BF16);
			assertThat(embed.shape()).containsExactly(512L, 64L);
			assertThat(embed.data().isNative()).isTrue();
			assertThat(file.metadata()).containsEntry("format", "pt");
			float[] values = embed.toFloatArray();
			assertThat(values).hasSize(512 * 64);
			assertThat(values[512 * 64 - 1]).isEqualTo(expectedLast);
			assertThat(embed.getFloat(512 * 64 - 1)).isEqualTo(expectedLast).isNotZero();
		}
	}

	@Test
	void readsF32AndF16Values() throws IOException {
		Path file = this.dir.resolve("v.safetensors");
		String header = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
				+ "\"b\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[8,12]}}";
		byte[] h = header.getBytes();
		java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(8 + h.length + 12)
			.order(java.nio.ByteOrder.LITTLE_ENDIAN);
		buf.putLong(h.length).put(h).putFloat(1.5f).putFloat(-2f);
		buf.putShort(Float.floatToFloat16(0.25f)).putShort(Float.floatToFloat16(-3f));
		Files.write(file, buf.array());
		try (SafetensorsFile st = SafetensorsFile.open(file)) {
			assertThat(st.tensor("a").toFloatArray()).containsExactly(1.5f, -2f);
			assertThat(st.tensor("b").toFloatArray()).containsExactly(0.25f, -3f);
		}
	}

	@Test
	void rejectsFileShorterThanLengthPrefix() throws IOException {
		Path file = Files.write(this.dir.resolve("short.safetensors"), new byte[] { 1, 2, 3 });
		assertThatThrownBy(() -> SafetensorsFile.open(file)).isInstanceOf(ModelFormatException.class)
			.hasMessageContaining("short.safetensors")
			.hasMessageContaining("truncated");
	}

	@Test
	void rejectsHeaderLengthPastEndOfFile() throws IOException {
		Path file = SafetensorsBytes.write(this.dir.resolve("h.safetensors"), 1_000_000, "{}", 0);
		assertThatThrownBy(() -> SafetensorsFile.open(file)).isInstanceOf(ModelFormatException.class)
			.hasMessageContaining("h.safetensors")
			.hasMessageContaining("header length 1000000");
		Path negative = SafetensorsBytes.write(this.dir.resolve("n.safetensors"), -5, "{}", 0);
		assertThatThrownBy(() -> SafetensorsFile.open(negative)).isInstanceOf(ModelFormatException.class)
			.hasMessageContaining("header length -5");
	}

	@Test
	void rejectsInvalidHeaderJson() throws IOException {
		Path file = SafetensorsBytes.write(this.dir.resolve("j.safetensors"), "{\"a\": [", 0);
		assertThatThrownBy(() -> SafetensorsFile.open(file)).isInstanceOf(ModelFormatException.class)
			.hasMessageContaining("j.safetensors")
			.hasMessageContaining("not valid JSON");
	}

	@Test
	void rejectsTruncatedData() throws IOException {
		Path file = SafetensorsBytes.write(this.dir.resolve("t.safetensors"),
				"{\"w\":{\"dtype\":\"BF16\",\"shape\":[4,4],\"data_offsets\":[0,32]}}", 16);
		assertThatThrownBy(() -> SafetensorsFile.open(file)).isInstanceOf(ModelFormatException.class)
			.hasMessageContaining("t.safetensors")
			.hasMessageContaining("'w'")
			.hasMessageContaining("outside the data section");
	}

	@Test
	void rejectsOffsetsNotMatchingShape() throws IOException {
		Path file = SafetensorsBytes.write(this.dir.resolve("s.safetensors"),
				"{\"w\":{\"dtype\":\"F32\",\"shape\":[4,4],\"data_offsets\":[0,32]}}", 64);
		assertThatThrownBy(() -> SafetensorsFile.open(file)).isInstanceOf(ModelFormatException.class)
			.hasMessageContaining("'w'")
			.hasMessageContaining("needs 64");
	}

	@Test
	void rejectsReversedAndNegativeOffsets() throws IOException {
		Path file = SafetensorsBytes.write(this.dir.resolve("r.safetensors"),
				"{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,4]}}", 16);
		assertThatThrownBy(() -> SafetensorsFile.open(file)).isInstanceOf(ModelFormatException.class)
			.hasMessageContaining("'w'");
		Path neg = SafetensorsBytes.write(this.dir.resolve("neg.safetensors"),
				"{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[-4,0]}}", 16);
		assertThatThrownBy(() -> SafetensorsFile.open(neg)).isInstanceOf(ModelFormatException.class)
			.hasMessageContaining("'w'");
	}

	@Test
	void rejectsOverlappingTensors() throws IOException {
		Path file = SafetensorsBytes.write(this.dir.resolve("o.safetensors"),
				"{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
						+ "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}",
				12);
		assertThatThrownBy(() -> SafetensorsFile.open(file)).isInstanceOf(ModelFormatException.class)
			.hasMessageContaining("'a'")
			.hasMessageContaining("'b'")
			.hasMessageContaining("overlap");
	}

	@Test
	void rejectsUnsupportedDtype() throws IOException {
		Path file = SafetensorsBytes.write(this.dir.resolve("d.safetensors"),
				"{\"q\":{\"dtype\":\"I8\",\"shape\":[4],\"data_offsets\":[0,4]}}", 4);
		assertThatThrownBy(() -> SafetensorsFile.open(file)).isInstanceOf(ModelFormatException.class)
			.hasMessageContaining("'I8'")
			.hasMessageContaining("'q'")
			.hasMessageContaining("d.safetensors");
	}

	@Test
	void rejectsOverflowingShape() throws IOException {
		Path file = SafetensorsBytes.write(this.dir.resolve("big.safetensors"),
				"{\"w\":{\"dtype\":\"F32\",\"shape\":[4611686018427387904,4],\"data_offsets\":[0,4]}}", 4);
		assertThatThrownBy(() -> SafetensorsFile.open(file)).isInstanceOf(ModelFormatException.class)
			.hasMessageContaining("'w'");
	}

	@Test
	void rejectsTruncatedCopyOfRealCheckpoint() throws IOException {
		byte[] full = Files.readAllBytes(Fixtures.engine("tiny-cohere").resolve("model.safetensors"));
		Path file = Files.write(this.dir.resolve("cut.safetensors"), Arrays.copyOf(full, full.length - 100));
		assertThatThrownBy(() -> SafetensorsFile.open(file)).isInstanceOf(ModelFormatException.class)
			.hasMessageContaining("cut.safetensors")
			.hasMessageContaining("model.norm.weight");
	}

}
