package dev.springcohere.sample.quickstart;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Runs one of the node scripts of {@code e2e/} (playwright-core driving headless
 * Chromium) and checks that it passed. When Chromium, node 20+ or the scripts'
 * {@code node_modules} are missing, the calling test is skipped, or failed when the
 * environment variable {@code SPRINGCOHERE_E2E_REQUIRED=true} (set by {@code .ci/run})
 * asks for the test to run.
 */
final class E2EScript {

	static final Path E2E = Path.of("e2e").toAbsolutePath();

	private static final Path CHROMIUM = Path
		.of(Optional.ofNullable(System.getenv("CHROMIUM")).orElse("/usr/bin/chromium"));

	private final String script;

	private final Path node;

	private final Path log;

	private E2EScript(String script, Path node) {
		this.script = script;
		this.node = node;
		this.log = Path.of("target", "e2e", script.replace(".mjs", ".log")).toAbsolutePath();
	}

	/**
	 * Finds what the script needs, skipping (or failing) the calling test when something
	 * is missing.
	 * @param script the script's file name in {@code e2e/}
	 * @return the script, ready to run
	 */
	static E2EScript require(String script) {
		Path node = requireTool(findOnPath("node").filter(E2EScript::isNode20OrLater),
				"node (Node.js 20 or later, as playwright-core asks) on the PATH");
		requireTool(Optional.of(CHROMIUM).filter(Files::isExecutable),
				"Chromium at " + CHROMIUM + " (Debian: apt-get install chromium; or set CHROMIUM)");
		requireTool(Optional.of(E2E.resolve("node_modules/playwright-core/package.json")).filter(Files::isRegularFile),
				"playwright-core in " + E2E + "/node_modules (run npm ci there)");
		return new E2EScript(script, node);
	}

	/**
	 * Runs the script and asserts that it exits with 0 after printing {@code E2E PASSED}.
	 * @param arguments the script's arguments
	 * @return the script's output (stdout and stderr), also kept in
	 * {@code target/e2e/<script>.log}
	 * @throws Exception when the script cannot be started or its output read
	 */
	String runAndAssertPassed(String... arguments) throws Exception {
		Files.createDirectories(this.log.getParent());
		List<String> command = new ArrayList<>(List.of(this.node.toString(), E2E.resolve(this.script).toString()));
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).directory(E2E.toFile())
			.redirectErrorStream(true)
			.redirectOutput(this.log.toFile())
			.start();
		if (!process.waitFor(3, TimeUnit.MINUTES)) {
			process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			fail(this.script + " did not finish within 3 minutes; its output so far:\n" + output());
		}
		String output = output();
		assertThat(process.exitValue()).as("exit code of %s; its output:%n%s", this.script, output).isZero();
		assertThat(output).contains("ok - the page logged no errors").contains("E2E PASSED");
		return output;
	}

	private String output() throws IOException {
		return Files.exists(this.log) ? Files.readString(this.log, StandardCharsets.UTF_8) : "";
	}

	private static Path requireTool(Optional<Path> tool, String what) {
		if (tool.isEmpty()) {
			String message = "The web UI's end-to-end test needs " + what;
			if ("true".equalsIgnoreCase(System.getenv("SPRINGCOHERE_E2E_REQUIRED"))) {
				fail(message + "; SPRINGCOHERE_E2E_REQUIRED=true does not allow skipping it");
			}
			Assumptions.abort(message + "; skipped");
		}
		return tool.get();
	}

	private static Optional<Path> findOnPath(String name) {
		String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
		return Stream.of(path.split(File.pathSeparator))
			.filter((dir) -> !dir.isEmpty())
			.map((dir) -> Path.of(dir, name))
			.filter(Files::isExecutable)
			.findFirst();
	}

	private static boolean isNode20OrLater(Path node) {
		try {
			Process process = new ProcessBuilder(node.toString(), "-p", "process.versions.node")
				.redirectErrorStream(true)
				.start();
			String version = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
			if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0 || version.indexOf('.') < 1) {
				return false;
			}
			return Integer.parseInt(version.substring(0, version.indexOf('.'))) >= 20;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not run " + node + " to read its version: " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while reading the version of " + node, ex);
		}
	}

}
