package dev.springcohere.engine.cuda;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Where the CUDA libraries of this machine are: the driver ({@code libcuda.so.1}) and
 * cuBLASLt ({@code libcublasLt.so.13} or {@code .12}). Searched, in order: the folders of
 * {@code CUDA_PATH} ({@code lib64}, {@code lib}), of {@code LD_LIBRARY_PATH}, the
 * {@code nvidia/*}{@code /lib} folders of the Python environment named by
 * {@code VIRTUAL_ENV} or {@code CONDA_PREFIX} (where CUDA wheels put their libraries),
 * and the standard system folders.
 *
 * @param driver the driver library, if found
 * @param cublasLt the cuBLASLt library, if found
 * @param searched every folder looked in, in order (for messages)
 */
public record CudaLibraries(Optional<Path> driver, Optional<Path> cublasLt, List<Path> searched) {

	/** The driver library's file name. */
	public static final String DRIVER = "libcuda.so.1";

	/** The cuBLASLt file names looked for, newest first. */
	public static final List<String> CUBLAS_LT = List.of("libcublasLt.so.13", "libcublasLt.so.12");

	/** The system folders searched last. */
	public static final List<Path> SYSTEM_FOLDERS = List.of(Path.of("/usr/lib/x86_64-linux-gnu"),
			Path.of("/usr/lib/aarch64-linux-gnu"), Path.of("/usr/lib64"), Path.of("/usr/lib/wsl/lib"),
			Path.of("/usr/local/cuda/lib64"), Path.of("/usr/local/cuda/targets/x86_64-linux/lib"));

	/**
	 * Searches this machine (its environment variables and system folders).
	 * @return what was found
	 */
	public static CudaLibraries locate() {
		return locate(System.getenv(), SYSTEM_FOLDERS);
	}

	/**
	 * Searches the folders the given environment names, then the system folders.
	 * @param environment the environment variables
	 * @param systemFolders the folders searched last
	 * @return what was found
	 */
	public static CudaLibraries locate(Map<String, String> environment, List<Path> systemFolders) {
		List<Path> folders = folders(environment, systemFolders);
		return new CudaLibraries(find(folders, List.of(DRIVER)), find(folders, CUBLAS_LT), folders);
	}

	private static List<Path> folders(Map<String, String> environment, List<Path> systemFolders) {
		Set<Path> folders = new LinkedHashSet<>();
		String cudaPath = environment.get("CUDA_PATH");
		if (cudaPath != null && !cudaPath.isBlank()) {
			folders.add(Path.of(cudaPath, "lib64"));
			folders.add(Path.of(cudaPath, "lib"));
		}
		String libraryPath = environment.get("LD_LIBRARY_PATH");
		if (libraryPath != null) {
			for (String folder : libraryPath.split(":")) {
				if (!folder.isBlank()) {
					folders.add(Path.of(folder));
				}
			}
		}
		for (String variable : List.of("VIRTUAL_ENV", "CONDA_PREFIX")) {
			String prefix = environment.get(variable);
			if (prefix != null && !prefix.isBlank()) {
				folders.addAll(wheelFolders(Path.of(prefix)));
			}
		}
		folders.addAll(systemFolders);
		return List.copyOf(folders);
	}

	/** {@code PREFIX/lib/python3.*}{@code /site-packages/nvidia/*}{@code /lib}. */
	private static List<Path> wheelFolders(Path prefix) {
		List<Path> found = new ArrayList<>();
		for (Path python : children(prefix.resolve("lib"), "python3*")) {
			for (Path nvidia : children(python.resolve("site-packages").resolve("nvidia"), "*")) {
				Path lib = nvidia.resolve("lib");
				if (Files.isDirectory(lib)) {
					found.add(lib);
				}
			}
		}
		return found;
	}

	private static List<Path> children(Path folder, String glob) {
		if (!Files.isDirectory(folder)) {
			return List.of();
		}
		List<Path> children = new ArrayList<>();
		try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder, glob)) {
			stream.forEach(children::add);
		}
		catch (IOException ex) {
			return List.of();
		}
		children.sort(null);
		return children;
	}

	private static Optional<Path> find(List<Path> folders, List<String> names) {
		for (String name : names) {
			for (Path folder : folders) {
				Path candidate = folder.resolve(name);
				if (Files.isRegularFile(candidate)) {
					return Optional.of(candidate);
				}
			}
		}
		return Optional.empty();
	}

	/**
	 * What is missing for the CUDA backend, for an error or log line.
	 * @return a sentence naming the missing libraries and where they were looked for, or
	 * {@code null} when both were found
	 */
	public @Nullable String missing() {
		List<String> missing = new ArrayList<>();
		if (this.driver.isEmpty()) {
			missing.add(DRIVER + " (the NVIDIA driver)");
		}
		if (this.cublasLt.isEmpty()) {
			missing.add(String.join(" or ", CUBLAS_LT) + " (cuBLASLt, from the CUDA toolkit or the "
					+ "nvidia-cublas wheel)");
		}
		if (missing.isEmpty()) {
			return null;
		}
		return "Not found: " + String.join("; ", missing) + ". Searched " + this.searched
				+ " (set CUDA_PATH or LD_LIBRARY_PATH to the folder that has them)";
	}

}
