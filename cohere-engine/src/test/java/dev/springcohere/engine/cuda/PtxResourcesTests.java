package dev.springcohere.engine.cuda;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The committed PTX matches the {@code .cu} sources: every kernel is there, for sm_80,
 * and where {@code nvcc} of the same release is on the PATH, compiling the sources again
 * gives the committed text byte for byte (so a source changed without running
 * {@code build-ptx.sh} fails the build).
 */
class PtxResourcesTests {

	private static final Path SOURCES = Path.of("src/main/cuda").toAbsolutePath();

	private static final Pattern KERNEL = Pattern.compile("__global__\\s+void\\s+(\\w+)\\s*\\(");

	private static final Pattern RELEASE = Pattern.compile("release (\\d+\\.\\d+), V([\\d.]+)");

	@Test
	void everyKernelOfTheSourcesIsInTheCommittedPtxForAmpereAndNewer() throws IOException {
		String source = Files.readString(SOURCES.resolve("decoder_kernels.cu"));
		List<String> kernels = new ArrayList<>();
		Matcher matcher = KERNEL.matcher(source);
		while (matcher.find()) {
			kernels.add(matcher.group(1));
		}
		String ptx = PtxModules.read(PtxModules.DECODER);
		assertThat(kernels).isNotEmpty();
		assertThat(PtxModules.entries(ptx)).containsExactlyElementsOf(kernels);
		assertThat(ptx).contains(".target sm_80").contains(".address_size 64");
	}

	@Test
	void theCommittedPtxIsWhatNvccMakesOfTheSources(@TempDir Path out) throws Exception {
		String nvcc = run(List.of("nvcc", "--version"), null);
		assumeTrue(nvcc != null, "nvcc is not on the PATH: the committed PTX was not compared with its sources");
		Matcher version = RELEASE.matcher(nvcc);
		assertThat(version.find()).as(nvcc).isTrue();
		String committed = PtxModules.read(PtxModules.DECODER);
		assumeTrue(committed.contains("release " + version.group(1) + ", V" + version.group(2)),
				"nvcc on the PATH is release " + version.group(1) + " (V" + version.group(2)
						+ "), not the one that made the committed PTX: not compared");
		try (Stream<Path> files = Files.list(SOURCES)) {
			for (Path cu : files.filter((p) -> p.toString().endsWith(".cu")).sorted().toList()) {
				String name = cu.getFileName().toString().replace(".cu", ".ptx");
				Path fresh = out.resolve(name);
				String log = run(
						List.of("nvcc", "--ptx", "-arch=compute_80", "-O3", "-o", fresh.toString(), cu.toString()),
						out);
				assertThat(log).as("nvcc on " + cu).isNotNull();
				assertThat(Files.readString(fresh))
					.as("%s is stale: run cohere-engine/src/main/cuda/build-ptx.sh and commit the PTX", name)
					.isEqualTo(PtxModules.read(name));
			}
		}
	}

	private static String run(List<String> command, Path dir) throws InterruptedException {
		try {
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
			if (dir != null) {
				builder.directory(dir.toFile());
			}
			Process process = builder.start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
				throw new AssertionError(command + " failed:\n" + output);
			}
			return output;
		}
		catch (IOException ex) {
			return null;
		}
	}

}
