package dev.springcohere.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelWeightsTests {

	@TempDir
	Path dir;

	@Test
	void opensEveryDecoderFixture() {
		for (String name : List.of("tiny-cohere", "tiny-cohere-qknorm", "tiny-cohere2")) {
			try (ModelWeights weights = ModelWeights.open(Fixtures.engine(name))) {
				assertThat(weights.config().modelType().isDecoder()).isTrue();
				assertThat(weights.stopTokenIds()).contains(3);
				assertThat(weights.expect("model.embed_tokens.weight", 512, 64).dtype()).isEqualTo(DType.BF16);
			}
		}
	}

	@Test
	void opensShardedCheckpoint() throws IOException {
		Path source = Fixtures.engine("tiny-cohere");
		Files.copy(source.resolve("config.json"), this.dir.resolve("config.json"));
		List<String> names;
		float[] embed;
		try (SafetensorsFile file = SafetensorsFile.open(source.resolve("model.safetensors"))) {
			names = new ArrayList<>(file.tensorNames());
			embed = file.tensor("model.embed_tokens.weight").toFloatArray();
			StringBuilder map = new StringBuilder("{\"metadata\":{},\"weight_map\":{");
			for (int shard = 0; shard < 2; shard++) {
				List<String> part = names.subList(shard == 0 ? 0 : names.size() / 2,
						shard == 0 ? names.size() / 2 : names.size());
				String shardName = "model-0000" + (shard + 1) + "-of-00002.safetensors";
				writeShard(this.dir.resolve(shardName), file, part);
				for (String n : part) {
					map.append(map.charAt(map.length() - 1) == '{' ? "" : ",")
						.append('"')
						.append(n)
						.append("\":\"")
						.append(shardName)
						.append('"');
				}
			}
			map.append("}}");
			Files.writeString(this.dir.resolve("model.safetensors.index.json"), map);
		}
		try (ModelWeights weights = ModelWeights.open(this.dir)) {
			assertThat(weights.tensorNames()).containsExactlyInAnyOrderElementsOf(names);
			assertThat(weights.tensor("model.embed_tokens.weight").toFloatArray()).containsExactly(embed);
		}
	}

	private static void writeShard(Path target, SafetensorsFile source, List<String> names) throws IOException {
		StringBuilder header = new StringBuilder("{");
		long offset = 0;
		for (String n : names) {
			Tensor t = source.tensor(n);
			long size = t.data().byteSize();
			header.append(header.length() == 1 ? "" : ",")
				.append('"')
				.append(n)
				.append("\":{\"dtype\":\"")
				.append(t.dtype())
				.append("\",\"shape\":")
				.append(t.shape())
				.append(",\"data_offsets\":[")
				.append(offset)
				.append(',')
				.append(offset + size)
				.append("]}");
			offset += size;
		}
		header.append('}');
		byte[] h = header.toString().getBytes(StandardCharsets.UTF_8);
		ByteBuffer buffer = ByteBuffer.allocate((int) (8 + h.length + offset)).order(ByteOrder.LITTLE_ENDIAN);
		buffer.putLong(h.length).put(h);
		for (String n : names) {
			buffer.put(source.tensor(n).data().asByteBuffer());
		}
		Files.write(target, buffer.array());
	}

	private Path copyFixture(String name) throws IOException {
		Path source = Fixtures.engine(name);
		for (String file : List.of("config.json", "model.safetensors")) {
			Files.copy(source.resolve(file), this.dir.resolve(file));
		}
		return this.dir;
	}

	@Test
	void rejectsMissingTensor() throws IOException {
		copyFixture("tiny-cohere");
		Path config = this.dir.resolve("config.json");
		Files.writeString(config,
				Files.readString(config).replace("\"num_hidden_layers\": 3", "\"num_hidden_layers\": 4"));
		assertThatThrownBy(() -> ModelWeights.open(this.dir)).isInstanceOf(ModelFormatException.class)
			.hasMessageContaining("Missing tensor 'model.layers.3.input_layernorm.weight'")
			.hasMessageContaining(this.dir.toString());
	}

	@Test
	void rejectsShapeMismatchAgainstConfig() throws IOException {
		copyFixture("tiny-cohere");
		Path config = this.dir.resolve("config.json");
		Files.writeString(config,
				Files.readString(config).replace("\"intermediate_size\": 128", "\"intermediate_size\": 96"));
		assertThatThrownBy(() -> ModelWeights.open(this.dir)).isInstanceOf(ModelFormatException.class)
			.hasMessageContaining("mlp.")
			.hasMessageContaining("[128, 64]")
			.hasMessageContaining("[96, 64]");
	}

	@Test
	void rejectsUnknownModelType() throws IOException {
		copyFixture("tiny-cohere");
		Path config = this.dir.resolve("config.json");
		Files.writeString(config,
				Files.readString(config).replace("\"model_type\": \"cohere\"", "\"model_type\": \"gpt2\""));
		assertThatThrownBy(() -> ModelWeights.open(this.dir)).isInstanceOf(ModelFormatException.class)
			.hasMessageContaining("'gpt2'");
	}

	@Test
	void rejectsDirectoryWithoutWeightsOrConfig() throws IOException {
		assertThatThrownBy(() -> ModelWeights.open(this.dir)).isInstanceOf(ModelFormatException.class)
			.hasMessageContaining("config.json");
		Files.copy(Fixtures.engine("tiny-cohere").resolve("config.json"), this.dir.resolve("config.json"));
		assertThatThrownBy(() -> ModelWeights.open(this.dir)).isInstanceOf(ModelFormatException.class)
			.hasMessageContaining("model.safetensors");
	}

	@Test
	void rejectsShardIndexPointingAtMissingTensor() throws IOException {
		copyFixture("tiny-cohere");
		Files.move(this.dir.resolve("model.safetensors"), this.dir.resolve("a.safetensors"));
		Files.writeString(this.dir.resolve("model.safetensors.index.json"),
				"{\"weight_map\":{\"model.extra.weight\":\"a.safetensors\"}}");
		assertThatThrownBy(() -> ModelWeights.open(this.dir)).isInstanceOf(ModelFormatException.class)
			.hasMessageContaining("'model.extra.weight'");
	}

}
