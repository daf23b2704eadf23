package dev.springcohere.engine.cuda;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link CudaLibraries#locate}: the folders searched and their order.
 */
class CudaLibrariesTests {

	@TempDir
	Path root;

	private Path library(String folder, String name) throws IOException {
		Path dir = Files.createDirectories(this.root.resolve(folder));
		return Files.writeString(dir.resolve(name), "");
	}

	@Test
	void cudaPathComesFirstThenTheLibraryPathThenPythonWheelsThenTheSystem() throws IOException {
		Path fromCudaPath = library("cuda/lib64", "libcublasLt.so.12");
		Path fromLibraryPath = library("ld", "libcuda.so.1");
		library("ld", "libcublasLt.so.12");
		library("system", "libcuda.so.1");
		Path wheel = library("venv/lib/python3.12/site-packages/nvidia/cublas/lib", "libcublasLt.so.13");
		Map<String, String> env = Map.of("CUDA_PATH", this.root.resolve("cuda").toString(), "LD_LIBRARY_PATH",
				"::" + this.root.resolve("ld"), "VIRTUAL_ENV", this.root.resolve("venv").toString());
		CudaLibraries found = CudaLibraries.locate(env, List.of(this.root.resolve("system")));
		assertThat(found.driver()).contains(fromLibraryPath);
		assertThat(found.cublasLt()).as("the newer soname wins wherever it is").contains(wheel);
		assertThat(found.searched()).containsExactly(this.root.resolve("cuda/lib64"), this.root.resolve("cuda/lib"),
				this.root.resolve("ld"), wheel.getParent(), this.root.resolve("system"));
		assertThat(found.missing()).isNull();
		Files.delete(wheel);
		assertThat(CudaLibraries.locate(env, List.of()).cublasLt()).contains(fromCudaPath);
	}

	@Test
	void condaEnvironmentsAreSearchedLikeVirtualEnvironments() throws IOException {
		Path wheel = library("conda/lib/python3.11/site-packages/nvidia/cuda_nvrtc/lib", "libcuda.so.1");
		CudaLibraries found = CudaLibraries.locate(Map.of("CONDA_PREFIX", this.root.resolve("conda").toString()),
				List.of());
		assertThat(found.driver()).contains(wheel);
		assertThat(found.missing()).startsWith("Not found: libcublasLt.so.13 or libcublasLt.so.12");
	}

}
