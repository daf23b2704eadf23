package dev.springcohere.benchmarks.charts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * Renders the recorded benchmark results ({@code benchmarks/results/*.csv}) as the bar
 * charts of {@code docs/benchmarks.md} ({@code docs/images/benchmarks/*.png}), with
 * XChart. A results file starts with {@code # title | y-axis label}, then a header line
 * and one {@code series,category,value} line per figure, for example
 * {@code ours,chat call,355}. <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.springcohere.benchmarks.charts.BenchmarkCharts \
 *   benchmarks/results docs/images/benchmarks
 * </pre>
 */
public final class BenchmarkCharts {

	private BenchmarkCharts() {
	}

	/**
	 * Renders every results file of a folder.
	 * @param args the results folder and the image folder
	 * @throws IOException when a file cannot be read or written
	 */
	public static void main(String[] args) throws IOException {
		if (args.length != 2) {
			throw new IllegalArgumentException("Usage: BenchmarkCharts RESULTS_DIR IMAGES_DIR");
		}
		Path images = Path.of(args[1]);
		Files.createDirectories(images);
		try (Stream<Path> files = Files.list(Path.of(args[0]))) {
			for (Path file : files.filter((path) -> path.toString().endsWith(".csv")).sorted().toList()) {
				String name = file.getFileName().toString().replaceFirst("\\.csv$", "");
				Path png = images.resolve(name + ".png");
				BitmapEncoder.saveBitmap(chart(Results.read(file)), png.toString(), BitmapEncoder.BitmapFormat.PNG);
				System.out.println(file + " -> " + png);
			}
		}
	}

	/**
	 * Builds the bar chart of one results file: one group of bars per category, one
	 * colour per series.
	 * @param results the results
	 * @return the chart
	 */
	static CategoryChart chart(Results results) {
		CategoryChart chart = new CategoryChartBuilder().width(900)
			.height(480)
			.title(results.title())
			.yAxisTitle(results.yAxis())
			.build();
		chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
		chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
		chart.getStyler().setLabelsVisible(true);
		for (Map.Entry<String, Map<String, Double>> series : results.series().entrySet()) {
			List<String> categories = new ArrayList<>();
			List<Double> values = new ArrayList<>();
			for (String category : results.categories()) {
				categories.add(category);
				values.add(series.getValue().getOrDefault(category, 0.0));
			}
			chart.addSeries(series.getKey(), categories, values);
		}
		return chart;
	}

	/**
	 * One results file.
	 *
	 * @param title the chart's title
	 * @param yAxis the value axis label
	 * @param categories the categories, in file order
	 * @param series the values by series, then category
	 */
	record Results(String title, String yAxis, List<String> categories, Map<String, Map<String, Double>> series) {

		static Results read(Path file) throws IOException {
			List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
			if (lines.size() < 3 || !lines.get(0).startsWith("#") || !lines.get(0).contains("|")) {
				throw new IllegalArgumentException(file + ": expected '# title | y-axis label', a header line and "
						+ "at least one 'series,category,value' line");
			}
			String[] head = lines.get(0).substring(1).split("\\|", 2);
			List<String> categories = new ArrayList<>();
			Map<String, Map<String, Double>> series = new LinkedHashMap<>();
			for (int i = 2; i < lines.size(); i++) {
				String line = lines.get(i).strip();
				if (line.isEmpty()) {
					continue;
				}
				String[] cells = line.split(",");
				if (cells.length != 3) {
					throw new IllegalArgumentException(file + " line " + (i + 1) + ": expected 'series,category,value' "
							+ "but got '" + line + "'");
				}
				double value;
				try {
					value = Double.parseDouble(cells[2].strip());
				}
				catch (NumberFormatException ex) {
					throw new IllegalArgumentException(
							file + " line " + (i + 1) + ": '" + cells[2].strip() + "' is not a number", ex);
				}
				String category = cells[1].strip();
				if (!categories.contains(category)) {
					categories.add(category);
				}
				series.computeIfAbsent(cells[0].strip(), (key) -> new LinkedHashMap<>()).put(category, value);
			}
			return new Results(head[0].strip(), head[1].strip(), categories, series);
		}

	}

}
