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
 * {@link CudaAvailability#probe}: what it says on machines without a driver, without a
 * GPU, with too old a GPU, without cuBLASLt, and with everything (the fake driver).
 */
class CudaAvailabilityTests {

	@Test
	void withoutADriverItNamesTheLibraryAndWhereItLooked(@TempDir Path empty) {
		CudaLibraries libraries = CudaLibraries.locate(Map.of("LD_LIBRARY_PATH", empty.toString()), List.of());
		CudaAvailability availability = CudaAvailability.probe(libraries, FfmCudaDriver::load);
		assertThat(availability.usable()).isFalse();
		assertThat(availability.description())
			.startsWith("Not found: libcuda.so.1 (the NVIDIA driver); " + "libcublasLt.so.13 or libcublasLt.so.12")
			.contains("Searched [" + empty + "]")
			.contains("set CUDA_PATH or LD_LIBRARY_PATH");
	}

	@Test
	void aDriverThatSeesNoGpu() {
		FakeDriverLibrary.configure(0, 9, 0, 1L << 30);
		CudaAvailability availability = CudaAvailability.probe(fakeOnly(), FfmCudaDriver::load);
		assertThat(availability.usable()).isFalse();
		assertThat(availability.description()).contains("is not usable: cuInit failed with CUDA_ERROR_NO_DEVICE");
	}

	@Test
	void aGpuOlderThanAmpere() {
		FakeDriverLibrary.configure(1, 7, 5, 1L << 30);
		CudaAvailability availability = CudaAvailability.probe(fakeOnly(), FfmCudaDriver::load);
		assertThat(availability.usable()).isFalse();
		assertThat(availability.description())
			.isEqualTo("GPU 0 (Fake CUDA Device) has compute capability 7.5; the engine's kernels need 8.0 "
					+ "(Ampere) or newer");
	}

	@Test
	void aGpuWithoutCublasLt() {
		FakeDriverLibrary.configure(1, 9, 0, 80L << 30);
		CudaAvailability availability = CudaAvailability.probe(fakeOnly(), FfmCudaDriver::load);
		assertThat(availability.usable()).isFalse();
		assertThat(availability.description()).startsWith("Fake CUDA Device (compute 9.0, 80.0 GiB), driver 13.0")
			.contains("but Not found: libcublasLt.so.13 or libcublasLt.so.12");
	}

	@Test
	void everythingPresent(@TempDir Path cuda) throws IOException {
		FakeDriverLibrary.configure(1, 8, 0, 40L << 30);
		Files.createDirectories(cuda.resolve("lib64"));
		Path cublas = Files.createFile(cuda.resolve("lib64").resolve("libcublasLt.so.13"));
		Path driverFolder = FakeDriverLibrary.path().getParent();
		CudaLibraries libraries = CudaLibraries
			.locate(Map.of("CUDA_PATH", cuda.toString(), "LD_LIBRARY_PATH", driverFolder.toString()), List.of());
		CudaAvailability availability = CudaAvailability.probe(libraries, FfmCudaDriver::load);
		assertThat(availability.usable()).isTrue();
		assertThat(availability.description()).isEqualTo("Fake CUDA Device (compute 8.0, 40.0 GiB), driver 13.0 at "
				+ FakeDriverLibrary.path() + ", cuBLASLt at " + cublas);
	}

	private static CudaLibraries fakeOnly() {
		return CudaLibraries.locate(Map.of("LD_LIBRARY_PATH", FakeDriverLibrary.path().getParent().toString()),
				List.of());
	}

}
