package dev.springcohere;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the main code of every module of the repository in small classes: a source file
 * over {@value #MAX_LINES} lines must say why in its type's Javadoc, with a sentence that
 * begins "Its length is" (for example "Its length is the field list of the spec.") or
 * contains "above 500 lines".
 */
class SourceSizeTests {

	private static final int MAX_LINES = 500;

	private static final List<String> REASON_MARKERS = List.of("Its length is", "above 500 lines");

	/** The Javadoc right before the first top-level type declaration of a file. */
	private static final Pattern TYPE_JAVADOC = Pattern
		.compile("/\\*\\*((?:(?!\\*/).)*)\\*/\\s*(?:@[\\w.]+(?:\\([^)]*\\))?\\s*)*"
				+ "(?:public\\s+|final\\s+|abstract\\s+|sealed\\s+|non-sealed\\s+|static\\s+)*"
				+ "(?:class|interface|record|enum|@interface)\\s", Pattern.DOTALL);

	@Test
	void longSourceFilesSayWhyTheyAreLong() throws IOException {
		Path root = repositoryRoot();
		List<String> unexplained = new ArrayList<>();
		for (Path file : mainSources(root)) {
			List<String> lines = Files.readAllLines(file);
			if (lines.size() > MAX_LINES && !explainsItsLength(String.join("\n", lines))) {
				unexplained.add(root.relativize(file) + " (" + lines.size() + " lines)");
			}
		}
		assertThat(unexplained)
			.as("main source files over %d lines whose type Javadoc does not say why (a sentence with one of %s);"
					+ " split them or give the reason", MAX_LINES, REASON_MARKERS)
			.isEmpty();
	}

	@Test
	void theCheckSeesEveryModule() throws IOException {
		List<Path> sources = mainSources(repositoryRoot());
		assertThat(sources).anyMatch((file) -> file.toString().contains("cohere-engine"))
			.anyMatch((file) -> file.toString().contains("cohere-autoconfigure"))
			.anyMatch((file) -> file.endsWith("CohereClient.java"));
	}

	@Test
	void theReasonMustBeInTheTypeJavadoc() {
		String explained = "package a;\n/**\n * Long. It stays above 500 lines because of X.\n */\n"
				+ "@Deprecated\npublic final class A {\n}\n";
		String explainedRecord = "package a;\n/**\n * Long. Its length is the field\n * list.\n */\n"
				+ "@JsonPropertyOrder({ \"a\", \"b\" })\npublic record A(int a, int b) {\n}\n";
		String elsewhere = "package a;\n/**\n * Long.\n */\npublic final class A {\n"
				+ "\t/** Field, above 500 lines. */\n\tint x;\n}\n";
		assertThat(explainsItsLength(explained)).isTrue();
		assertThat(explainsItsLength(explainedRecord)).isTrue();
		assertThat(explainsItsLength(elsewhere)).isFalse();
	}

	private static boolean explainsItsLength(String source) {
		Matcher matcher = TYPE_JAVADOC.matcher(source);
		if (!matcher.find()) {
			return false;
		}
		String javadoc = matcher.group(1).replaceAll("\\s*\\n\\s*\\*\\s*", " ");
		return REASON_MARKERS.stream().anyMatch(javadoc::contains);
	}

	private static List<Path> mainSources(Path root) throws IOException {
		try (Stream<Path> files = Files.walk(root)) {
			return files.filter((file) -> file.toString().endsWith(".java"))
				.filter((file) -> root.relativize(file).toString().contains("src/main/java/"))
				.filter((file) -> !root.relativize(file).toString().matches("(.*/)?target/.*"))
				.filter((file) -> !root.relativize(file).toString().contains("node_modules"))
				.sorted()
				.toList();
		}
	}

	private static Path repositoryRoot() {
		Path root = Path.of("").toAbsolutePath().getParent();
		assertThat(root.resolve("pom.xml")).as("the repository root above cohere-client").exists();
		assertThat(root.resolve("cohere-engine")).as("the engine module beside cohere-client").isDirectory();
		return root;
	}

}
