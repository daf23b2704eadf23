package dev.springcohere.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GgufFileTests {

	@TempDir
	Path dir;

	private static byte[] floats(float... values) {
		return GgufFixtures.encode(values, DType.F32);
	}

	private Path file(GgufWriter writer) {
		return writer.write(this.dir.resolve("model.gguf"));
	}

	@Test
	void readsEveryMetadataValueType() {
		GgufWriter w = new GgufWriter().raw("u8", GgufWriter.UINT8, new byte[] { (byte) 200 })
			.raw("i8", GgufWriter.INT8, new byte[] { (byte) -3 })
			.raw("u16", GgufWriter.UINT16, GgufWriter.le(2).putShort((short) 60000).array())
			.raw("i16", GgufWriter.INT16, GgufWriter.le(2).putShort((short) -300).array())
			.u32("u32", 4_000_000_000L)
			.i32("i32", -5)
			.f32("f32", 1e-5)
			.bool("bool", true)
			.string("string", "héllo")
			.u64("u64", 1L << 40)
			.raw("i64", GgufWriter.INT64, GgufWriter.le(8).putLong(-7).array())
			.f64("f64", 0.1)
			.strings("strings", List.of("a", "", "ü"))
			.i32s("ints", new int[] { 1, -2, 3 })
			.bools("bools", new boolean[] { true, false })
			.raw("nested", GgufWriter.ARRAY,
					GgufWriter.le(12 + 2 * 20)
						.putInt(GgufWriter.ARRAY)
						.putLong(2)
						.putInt(GgufWriter.INT32)
						.putLong(2)
						.putInt(1)
						.putInt(2)
						.putInt(GgufWriter.INT32)
						.putLong(2)
						.putInt(3)
						.putInt(4)
						.array());
		try (GgufFile gguf = GgufFile.open(file(w))) {
			GgufMetadata m = gguf.metadata();
			assertThat(gguf.version()).isEqualTo(3);
			assertThat(m.integer("u8")).isEqualTo(200);
			assertThat(m.integer("i8")).isEqualTo(-3);
			assertThat(m.integer("u16")).isEqualTo(60000);
			assertThat(m.integer("i16")).isEqualTo(-300);
			assertThat(m.get("u32")).isEqualTo(4_000_000_000L);
			assertThat(m.integer("i32")).isEqualTo(-5);
			assertThat(m.number("f32")).isEqualTo(1e-5);
			assertThat(m.bool("bool", false)).isTrue();
			assertThat(m.string("string")).isEqualTo("héllo");
			assertThat(m.get("u64")).isEqualTo(1L << 40);
			assertThat(m.integer("i64")).isEqualTo(-7);
			assertThat(m.number("f64")).isEqualTo(0.1);
			assertThat(m.strings("strings")).containsExactly("a", "", "ü");
			assertThat(m.integers("ints")).containsExactly(1L, -2L, 3L);
			assertThat(m.booleans("bools")).containsExactly(true, false);
			assertThat(m.get("nested")).isEqualTo(List.of(List.of(1L, 2L), List.of(3L, 4L)));
			assertThat(m.typeName("u8")).isEqualTo("uint8");
			assertThat(m.typeName("strings")).isEqualTo("array[string]");
			assertThat(m.typeName("nested")).isEqualTo("array[array[int32]]");
			assertThat(m.keys()).startsWith("u8", "i8", "u16");
		}
	}

	@Test
	void tensorsGetOutermostFirstShapesAndMappedBytes() {
		float[] values = new float[6];
		for (int i = 0; i < values.length; i++) {
			values[i] = i * 0.5f;
		}
		byte[] q8 = new byte[2 * 34];
		q8[0] = 1;
		q8[67] = 9;
		GgufWriter w = new GgufWriter().alignment(64)
			.tensor("matrix", 0, floats(values), 3, 2)
			.tensor("quant", 8, q8, 32, 2)
			.tensor("half", 1, GgufFixtures.encode(new float[] { 1.5f, -2f }, DType.F16), 2)
			.tensor("brain", 30, GgufFixtures.encode(new float[] { 3f }, DType.BF16), 1);
		try (GgufFile gguf = GgufFile.open(file(w))) {
			assertThat(gguf.tensorNames()).containsExactly("matrix", "quant", "half", "brain");
			assertThat(gguf.dataOffset() % 64).isZero();
			Tensor matrix = gguf.find("matrix");
			assertThat(matrix.shape()).containsExactly(2L, 3L);
			assertThat(matrix.toFloatArray()).containsExactly(values);
			Tensor quant = gguf.find("quant");
			assertThat(quant.dtype()).isEqualTo(DType.Q8_0);
			assertThat(quant.shape()).containsExactly(2L, 32L);
			assertThat(quant.data().byteSize()).isEqualTo(68);
			assertThat(quant.data().get(java.lang.foreign.ValueLayout.JAVA_BYTE, 67)).isEqualTo((byte) 9);
			assertThat(quant.data().address() - matrix.data().address()).isEqualTo(64);
			assertThat(gguf.find("half").toFloatArray()).containsExactly(1.5f, -2f);
			assertThat(gguf.find("brain").dtype()).isEqualTo(DType.BF16);
			assertThat(gguf.find("brain").getFloat(0)).isEqualTo(3f);
			assertThat(gguf.find("absent")).isNull();
		}
	}

	@Test
	void allEngineQuantTypesAreRead() {
		GgufWriter w = new GgufWriter().tensor("q4_0", 2, new byte[18], 32)
			.tensor("q4_k", 12, new byte[144 * 2], 256, 2)
			.tensor("q6_k", 14, new byte[210], 256);
		try (GgufFile gguf = GgufFile.open(file(w))) {
			assertThat(gguf.find("q4_0").dtype()).isEqualTo(DType.Q4_0);
			assertThat(gguf.find("q4_k").dtype()).isEqualTo(DType.Q4_K);
			assertThat(gguf.find("q4_k").shape()).containsExactly(2L, 256L);
			assertThat(gguf.find("q6_k").dtype()).isEqualTo(DType.Q6_K);
		}
	}

	@Test
	void otherGgmlTypesAreRefusedByName() {
		Path file = file(new GgufWriter().tensor("blk.0.attn_q.weight", 13, new byte[176], 256));
		assertThatExceptionOfType(ModelFormatException.class).isThrownBy(() -> GgufFile.open(file))
			.withMessageContaining(file.toString())
			.withMessageContaining(
					"tensor 'blk.0.attn_q.weight' has ggml type Q5_K (13), which the engine does not read")
			.withMessageContaining("supported: F32 (0), F16 (1), Q4_0 (2), Q8_0 (8), Q4_K (12), Q6_K (14), BF16 (30)");
		Path unknown = file(new GgufWriter().tensor("t", 77, new byte[4], 1));
		assertThatExceptionOfType(ModelFormatException.class).isThrownBy(() -> GgufFile.open(unknown))
			.withMessageContaining("tensor 't' has unknown ggml type id 77");
	}

	@Test
	void badMagicIsRefused() throws Exception {
		Path file = Files.write(this.dir.resolve("x.gguf"), "GGML and more bytes".getBytes());
		assertThatExceptionOfType(ModelFormatException.class).isThrownBy(() -> GgufFile.open(file))
			.withMessage(file + " is not a GGUF file: it does not start with the bytes 'GGUF'");
		Path empty = Files.write(this.dir.resolve("empty.gguf"), new byte[0]);
		assertThatExceptionOfType(ModelFormatException.class).isThrownBy(() -> GgufFile.open(empty))
			.withMessageContaining("not a GGUF file");
	}

	@Test
	void unsupportedVersionsAreRefused() {
		Path v1 = file(new GgufWriter().version(1));
		assertThatExceptionOfType(ModelFormatException.class).isThrownBy(() -> GgufFile.open(v1))
			.withMessageContaining("GGUF version 1")
			.withMessageContaining("re-convert");
		Path bigEndian = file(new GgufWriter().version(Integer.reverseBytes(3)));
		assertThatExceptionOfType(ModelFormatException.class).isThrownBy(() -> GgufFile.open(bigEndian))
			.withMessageContaining("big-endian");
		try (GgufFile v2 = GgufFile.open(file(new GgufWriter().version(2).string("k", "v")))) {
			assertThat(v2.version()).isEqualTo(2);
			assertThat(v2.metadata().string("k")).isEqualTo("v");
		}
	}

	@Test
	void truncatedHeaderIsRefusedWithTheItemAndOffset() throws Exception {
		byte[] full = new GgufWriter().string("general.architecture", "cohere2")
			.tensor("t", 0, floats(1, 2), 2)
			.bytes();
		for (int cut : new int[] { 6, 20, 30, 60, 80 }) {
			Path file = Files.write(this.dir.resolve("cut" + cut + ".gguf"), Arrays.copyOf(full, cut));
			assertThatExceptionOfType(ModelFormatException.class).isThrownBy(() -> GgufFile.open(file))
				.withMessageContaining(file.toString())
				.withMessageContaining("truncated");
		}
	}

	@Test
	void truncatedTensorDataIsRefusedNamingTheTensor() throws Exception {
		byte[] full = new GgufWriter().tensor("a", 0, floats(1, 2), 2).tensor("b", 0, floats(3, 4, 5, 6), 4).bytes();
		Path file = Files.write(this.dir.resolve("short.gguf"), Arrays.copyOf(full, full.length - 4));
		assertThatExceptionOfType(ModelFormatException.class).isThrownBy(() -> GgufFile.open(file))
			.withMessageContaining("tensor 'b'")
			.withMessageContaining("ends outside the data section");
	}

	@Test
	void offsetOutsideTheFileIsRefused() {
		Path file = file(new GgufWriter().tensorAt("far", 0, floats(1), 1L << 40, 1));
		assertThatExceptionOfType(ModelFormatException.class).isThrownBy(() -> GgufFile.open(file))
			.withMessageContaining("tensor 'far'")
			.withMessageContaining("outside the data section");
	}

	@Test
	void misalignedDataIsRefused() {
		Path file = file(new GgufWriter().tensor("a", 0, floats(1, 2), 2).tensorAt("b", 0, floats(1), 40, 1));
		assertThatExceptionOfType(ModelFormatException.class).isThrownBy(() -> GgufFile.open(file))
			.withMessageContaining("tensor 'b' starts at data offset 40, which is not a multiple of the alignment 32");
		Path badAlignment = file(new GgufWriter().u32("general.alignment", 24));
		assertThatExceptionOfType(ModelFormatException.class).isThrownBy(() -> GgufFile.open(badAlignment))
			.withMessageContaining("general.alignment is 24, not a power of two");
	}

	@Test
	void overlappingTensorsAreRefused() {
		Path file = file(new GgufWriter().tensor("a", 0, new byte[64], 16).tensorAt("b", 0, new byte[4], 32, 1));
		assertThatExceptionOfType(ModelFormatException.class).isThrownBy(() -> GgufFile.open(file))
			.withMessageContaining("tensors 'a' and 'b' overlap");
	}

	@Test
	void shapeThatIsNotWholeBlocksIsRefused() {
		Path file = file(new GgufWriter().tensor("q", 8, new byte[34], 16, 2));
		assertThatExceptionOfType(ModelFormatException.class).isThrownBy(() -> GgufFile.open(file))
			.withMessageContaining("tensor 'q' of Q8_0 has rows of 16 elements, not a whole number of blocks of 32");
		Path dims = file(new GgufWriter().tensor("five", 0, new byte[4], 1, 1, 1, 1, 1));
		assertThatExceptionOfType(ModelFormatException.class).isThrownBy(() -> GgufFile.open(dims))
			.withMessageContaining("tensor 'five' has 5 dimensions");
	}

	@Test
	void duplicatesAndImpossibleCountsAreRefused() {
		Path key = file(new GgufWriter().string("k", "a").duplicate("k", "b"));
		assertThatExceptionOfType(ModelFormatException.class).isThrownBy(() -> GgufFile.open(key))
			.withMessageContaining("metadata key 'k' appears twice");
		Path tensor = file(new GgufWriter().tensor("t", 0, floats(1), 1).tensor("t", 0, floats(1), 1));
		assertThatExceptionOfType(ModelFormatException.class).isThrownBy(() -> GgufFile.open(tensor))
			.withMessageContaining("tensor 't' appears twice");
		Path array = file(new GgufWriter().raw("huge", GgufWriter.ARRAY,
				GgufWriter.le(12).putInt(GgufWriter.UINT32).putLong(1L << 50).array()));
		assertThatExceptionOfType(ModelFormatException.class).isThrownBy(() -> GgufFile.open(array))
			.withMessageContaining("metadata key 'huge' (array length)")
			.withMessageContaining("more than the");
		Path type = file(new GgufWriter().raw("odd", 99, new byte[0]));
		assertThatExceptionOfType(ModelFormatException.class).isThrownBy(() -> GgufFile.open(type))
			.withMessageContaining("metadata key 'odd' has unknown GGUF value type 99");
	}

	@Test
	void wrongMetadataTypesNameKeyAndType() {
		try (GgufFile gguf = GgufFile.open(file(new GgufWriter().string("n", "x").u32("s", 4)))) {
			assertThatExceptionOfType(ModelFormatException.class).isThrownBy(() -> gguf.metadata().integer("n"))
				.withMessageContaining("metadata key 'n' is string but must be an integer");
			assertThatExceptionOfType(ModelFormatException.class).isThrownBy(() -> gguf.metadata().string("s"))
				.withMessageContaining("metadata key 's' is uint32 but must be a string");
			assertThatExceptionOfType(ModelFormatException.class).isThrownBy(() -> gguf.metadata().string("absent"))
				.withMessageContaining("missing metadata key 'absent'");
		}
	}

	@Test
	void fileWithoutTensorsNeedsNoPaddingAfterItsHeader() throws Exception {
		byte[] header = new GgufWriter().string("general.architecture", "cohere2").bytes();
		int end = 24 + GgufWriter.string("general.architecture").length + 4 + GgufWriter.string("cohere2").length;
		assertThat(header.length).isGreaterThan(end);
		Path file = Files.write(this.dir.resolve("vocab-only.gguf"), Arrays.copyOf(header, end));
		try (GgufFile gguf = GgufFile.open(file)) {
			assertThat(gguf.tensorNames()).isEmpty();
			assertThat(gguf.metadata().string("general.architecture")).isEqualTo("cohere2");
		}
	}

	@Test
	void splitFilesAreRefusedWithTheMergeCommand() {
		Path file = file(
				new GgufWriter().raw("split.no", GgufWriter.UINT16, GgufWriter.le(2).putShort((short) 0).array())
					.raw("split.count", GgufWriter.UINT16, GgufWriter.le(2).putShort((short) 3).array()));
		assertThatExceptionOfType(ModelFormatException.class).isThrownBy(() -> GgufFile.open(file))
			.withMessageContaining("part 1 of a GGUF split into 3 files")
			.withMessageContaining("llama-gguf-split --merge");
	}

	@Test
	void missingFileIsReported() {
		Path missing = this.dir.resolve("missing.gguf");
		assertThatExceptionOfType(ModelFormatException.class).isThrownBy(() -> GgufFile.open(missing))
			.withMessage("Missing GGUF file " + missing);
	}

}
