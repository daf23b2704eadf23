package dev.springcohere.engine.hub;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleDownloadProgressTests {

	@Test
	void terminalGetsOneRedrawnLineWithBytesPercentAndRate() {
		ByteArrayOutputStream buffer = new ByteArrayOutputStream();
		AtomicLong clock = new AtomicLong();
		ConsoleDownloadProgress progress = new ConsoleDownloadProgress(
				new PrintStream(buffer, true, StandardCharsets.UTF_8), true, clock::get);
		progress.started("model.safetensors", 0, 4_000_000);
		clock.set(1_000_000_000L);
		progress.advanced("model.safetensors", 2_000_000, 4_000_000);
		clock.set(1_050_000_000L);
		progress.advanced("model.safetensors", 2_100_000, 4_000_000);
		clock.set(2_000_000_000L);
		progress.finished("model.safetensors", 4_000_000);
		String out = buffer.toString(StandardCharsets.UTF_8);
		String[] redraws = out.split("\r");
		assertThat(out).doesNotContain("2.1/4.0 MB");
		assertThat(redraws).anySatisfy((line) -> assertThat(line).contains("model.safetensors [###############.",
				"2.0/4.0 MB", " 50%", "2.0 MB/s"));
		assertThat(out).endsWith("4.0/4.0 MB 100% 2.0 MB/s   " + System.lineSeparator());
		assertThat(out.chars().filter((c) -> c == '\n').count()).isEqualTo(1);
	}

	@Test
	void unknownTotalShowsBytesOnly() {
		ConsoleDownloadProgress progress = new ConsoleDownloadProgress(
				new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false, () -> 0L);
		progress.started("x", 0, -1);
		assertThat(progress.line(3_000_000, -1, 1_000_000_000L)).isEqualTo("3.0 MB 3.0 MB/s");
	}

}
