package dev.springcohere.benchmarks.jlama;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

class EngineBenchTests {

	private final EngineBench bench = new EngineBench(Path.of("java"), Path.of("cli.jar"),
			Path.of("cohere-engine/bench/cohere2-1b.json"), 2);

	@Test
	void passesTheFormatThreadsAndLengths() {
		assertThat(this.bench.command("q4_0", 64, 16)).containsSequence("--prompt-tokens", "64")
			.containsSequence("--new-tokens", "16")
			.containsSequence("--threads", "2")
			.containsSequence("--quantize", "q4_0")
			.containsSequence("bench", "--synthetic", "cohere-engine/bench/cohere2-1b.json");
		assertThat(this.bench.command("bf16", 64, 16)).doesNotContain("--quantize");
	}

	@Test
	void readsTheRatesFromTheLastJsonLine() throws IOException {
		Timing timing = EngineBench.parse("""
				some log line
				{"prefill_tokens_per_s":12.5,"decode_tokens_per_s":7.25,"device":"cpu","dtype":"q4_0"}
				""");

		assertThat(timing).isEqualTo(new Timing(12.5, 7.25));
	}

	@Test
	void namesWhatIsMissing() {
		assertThatIOException().isThrownBy(() -> EngineBench.parse("Exception in thread main"))
			.withMessageContaining("no JSON line");
		assertThatIOException().isThrownBy(() -> EngineBench.parse("{\"prefill_tokens_per_s\":1.0}"))
			.withMessageContaining("decode_tokens_per_s");
	}

}
