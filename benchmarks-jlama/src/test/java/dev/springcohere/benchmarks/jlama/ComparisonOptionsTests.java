package dev.springcohere.benchmarks.jlama;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ComparisonOptionsTests {

	@TempDir
	Path dir;

	@Test
	void takesDefaultsAndFormatPairs() throws IOException {
		Path jar = Files.writeString(this.dir.resolve("cli.jar"), "");
		String config = "../cohere-engine/bench/cohere2-1b.json";

		ComparisonOptions defaults = ComparisonOptions.parse("--config", config, "--engine-jar", jar.toString());
		ComparisonOptions custom = ComparisonOptions.parse("--config", config, "--engine-jar", jar.toString(),
				"--pairs", "3", "--formats", "bf16:bf16, q4_0:Q4_BF16_HEAD");

		assertThat(defaults.pairs()).isEqualTo(5);
		assertThat(defaults.threads()).isEqualTo(2);
		assertThat(defaults.formats()).containsExactly(new ComparisonOptions.FormatPair("q4_0", JlamaFormat.Q4),
				new ComparisonOptions.FormatPair("q8_0", JlamaFormat.BF16));
		assertThat(custom.pairs()).isEqualTo(3);
		assertThat(custom.formats()).containsExactly(new ComparisonOptions.FormatPair("bf16", JlamaFormat.BF16),
				new ComparisonOptions.FormatPair("q4_0", JlamaFormat.Q4_BF16_HEAD));
	}

	@Test
	void namesTheBadOption() throws IOException {
		Path jar = Files.writeString(this.dir.resolve("cli.jar"), "");
		String config = "../cohere-engine/bench/cohere2-1b.json";

		assertThatIllegalArgumentException()
			.isThrownBy(
					() -> ComparisonOptions.parse("--config", config, "--engine-jar", jar.toString(), "--pairs", "0"))
			.withMessageContaining("--pairs must be a whole number of at least 1 but was '0'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ComparisonOptions.parse("--config", config, "--engine-jar", jar.toString(), "--formats",
					"q5_0:q4"))
			.withMessageContaining("not 'q5_0:q4'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ComparisonOptions.parse("--config", config, "--engine-jar", jar.toString(), "--formats",
					"q4_0:q3"))
			.withMessageContaining("unknown jlama format 'q3'");
		assertThatIllegalArgumentException().isThrownBy(() -> ComparisonOptions.parse("--threads"))
			.withMessageContaining("missing value at '--threads'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ComparisonOptions.parse("--config", config, "--engine-jar", "/no/such.jar"))
			.withMessageContaining("--engine-jar /no/such.jar is not a file");
	}

}
