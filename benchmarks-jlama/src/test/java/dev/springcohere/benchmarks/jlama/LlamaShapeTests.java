package dev.springcohere.benchmarks.jlama;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LlamaShapeTests {

	@TempDir
	Path dir;

	@Test
	void readsTheEnginesOneBillionShape() throws IOException {
		LlamaShape shape = LlamaShape.read(Path.of("../cohere-engine/bench/cohere2-1b.json"));

		assertThat(shape).isEqualTo(new LlamaShape(2048, 5632, 16, 16, 4, 128, 256000, 8192, 50000.0, 1e-5));
		// the counts docs/benchmarks.md uses for the bytes read per token
		assertThat(shape.projectionParameters()).isEqualTo(16L * (2 * 2048 * 2048 + 2 * 2048 * 512 + 3 * 2048 * 5632));
		assertThat(shape.embeddingParameters()).isEqualTo(256000L * 2048);
		assertThat(shape.llamaConfig()).containsEntry("num_key_value_heads", 4)
			.containsEntry("intermediate_size", 5632)
			.containsEntry("tie_word_embeddings", true);
	}

	@Test
	void namesAMissingDimension() throws IOException {
		Path config = this.dir.resolve("config.json");
		Files.writeString(config, "{\"hidden_size\": 64, \"num_attention_heads\": 4}");

		assertThatIllegalArgumentException().isThrownBy(() -> LlamaShape.read(config))
			.withMessageContaining("'intermediate_size'")
			.withMessageContaining(config.toString());
	}

	@Test
	void refusesHeadsThatDoNotSpanTheWidth() {
		assertThatIllegalArgumentException().isThrownBy(() -> new LlamaShape(512, 512, 1, 4, 2, 64, 10, 10, 1e4, 1e-5))
			.withMessageContaining("4 x 64 != 512");
	}

}
