package dev.springcohere.benchmarks.charts;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The recorded results render as PNG charts, and a malformed results file is refused
 * naming the file and line.
 */
class BenchmarkChartsTests {

	@Test
	void everyRecordedResultsFileRendersAsAChart(@TempDir Path images) throws Exception {
		BenchmarkCharts.main(new String[] { "results", images.toString() });

		try (var files = Files.list(Path.of("results"))) {
			for (Path csv : files.filter((path) -> path.toString().endsWith(".csv")).toList()) {
				Path png = images.resolve(csv.getFileName().toString().replace(".csv", ".png"));
				BufferedImage image = ImageIO.read(png.toFile());
				assertThat(image).as(png.toString()).isNotNull();
				assertThat(image.getWidth()).isEqualTo(900);
			}
		}
		BenchmarkCharts.Results results = BenchmarkCharts.Results.read(Path.of("results", "client-vs-sdk.csv"));
		assertThat(results.categories()).containsExactly("chat call", "200-event stream");
		assertThat(results.series().get("springcohere")).containsEntry("chat call", 355.0);
	}

	@Test
	void aMalformedLineIsRefusedWithItsNumber(@TempDir Path dir) throws Exception {
		Path csv = dir.resolve("bad.csv");
		Files.writeString(csv, "# t | y\nseries,category,value\na,b,fast\n");
		assertThatIllegalArgumentException().isThrownBy(() -> BenchmarkCharts.Results.read(csv))
			.withMessageContaining("line 3")
			.withMessageContaining("'fast' is not a number");
	}

}
