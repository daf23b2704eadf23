package dev.springcohere.benchmarks.jlama;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class SyntheticLlamaCheckpointTests {

	static final LlamaShape TINY = new LlamaShape(512, 512, 2, 4, 2, 128, 1024, 256, 50000.0, 1e-5);

	@TempDir
	Path dir;

	@Test
	void writesAConfigAndASafetensorsFileOfTheShape() throws IOException {
		assertThat(new SyntheticLlamaCheckpoint(TINY, 7).writeTo(this.dir)).isTrue();

		JsonNode config = new ObjectMapper().readTree(this.dir.resolve("config.json").toFile());
		assertThat(config.get("model_type").asText()).isEqualTo("llama");
		assertThat(config.get("hidden_size").asInt()).isEqualTo(512);
		assertThat(config.get("num_key_value_heads").asInt()).isEqualTo(2);
		assertThat(config.get("vocab_size").asInt()).isEqualTo(1024);
		assertThat(this.dir.resolve("tokenizer.json")).exists();

		Path weights = this.dir.resolve("model.safetensors");
		try (FileChannel in = FileChannel.open(weights)) {
			ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
			in.read(length, 0);
			long headerLength = length.getLong(0);
			assertThat(headerLength % 8).isZero();
			ByteBuffer headerBytes = ByteBuffer.allocate((int) headerLength);
			in.read(headerBytes, 8);
			JsonNode header = new ObjectMapper().readTree(new String(headerBytes.array(), StandardCharsets.UTF_8));
			assertThat(header.size()).isEqualTo(1 + 1 + TINY.layers() * 9 + 1);
			assertThat(shape(header, "model.embed_tokens.weight")).containsExactly(1024L, 512L);
			assertThat(shape(header, "model.layers.1.self_attn.k_proj.weight")).containsExactly(256L, 512L);
			assertThat(shape(header, "model.layers.1.mlp.down_proj.weight")).containsExactly(512L, 512L);
			long end = 0;
			for (Map.Entry<String, JsonNode> e : header.properties()) {
				if (!e.getKey().equals("__metadata__")) {
					assertThat(e.getValue().get("dtype").asText()).isEqualTo("BF16");
					end = Math.max(end, e.getValue().get("data_offsets").get(1).asLong());
				}
			}
			long params = TINY.embeddingParameters() + TINY.projectionParameters() + (2L * TINY.layers() + 1) * 512;
			assertThat(end).isEqualTo(params * 2);
			assertThat(Files.size(weights)).isEqualTo(8 + headerLength + end);

			long normStart = 8 + headerLength + header.get("model.norm.weight").get("data_offsets").get(0).asLong();
			ByteBuffer norm = ByteBuffer.allocate(512 * 2).order(ByteOrder.LITTLE_ENDIAN);
			in.read(norm, normStart);
			for (int i = 0; i < 512; i++) {
				assertThat(bf16(norm.getShort(i * 2))).isEqualTo(1f);
			}
			long embedStart = 8 + headerLength;
			ByteBuffer embed = ByteBuffer.allocate(4096 * 2).order(ByteOrder.LITTLE_ENDIAN);
			in.read(embed, embedStart);
			float max = 0;
			for (int i = 0; i < 4096; i++) {
				max = Math.max(max, Math.abs(bf16(embed.getShort(i * 2))));
			}
			assertThat(max).isGreaterThan(0.015f).isLessThanOrEqualTo(0.02f);
		}
	}

	@Test
	void reusesTheSameCheckpointAndRewritesAnotherSeed() throws IOException {
		assertThat(new SyntheticLlamaCheckpoint(TINY, 7).writeTo(this.dir)).isTrue();
		byte[] first = Files.readAllBytes(this.dir.resolve("model.safetensors"));

		assertThat(new SyntheticLlamaCheckpoint(TINY, 7).writeTo(this.dir)).isFalse();
		assertThat(new SyntheticLlamaCheckpoint(TINY, 8).writeTo(this.dir)).isTrue();

		assertThat(Files.readAllBytes(this.dir.resolve("model.safetensors"))).isNotEqualTo(first);
	}

	private static long[] shape(JsonNode header, String name) {
		JsonNode shape = header.get(name).get("shape");
		long[] dims = new long[shape.size()];
		for (int i = 0; i < dims.length; i++) {
			dims[i] = shape.get(i).asLong();
		}
		return dims;
	}

	private static float bf16(short bits) {
		return Float.intBitsToFloat((bits & 0xffff) << 16);
	}

}
