package dev.springcohere.engine.cuda;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;

/**
 * Whether this machine can run the CUDA backend, and why not: the libraries found, the
 * driver initialized, a GPU of compute capability 8.0 (Ampere) or newer present.
 *
 * @param usable whether everything the backend needs is there
 * @param description the GPU, driver and libraries when usable; otherwise what is
 * missing, said so that the user knows what to install or set
 */
public record CudaAvailability(boolean usable, String description) {

	/** The lowest compute capability the PTX targets (sm_80), as 10 * major + minor. */
	public static final int MIN_COMPUTE_CAPABILITY = 80;

	/**
	 * Probes this machine.
	 * @return the availability
	 */
	public static CudaAvailability probe() {
		return probe(CudaLibraries.locate(), FfmCudaDriver::load);
	}

	/**
	 * Probes with the given libraries, loading the driver with the given loader.
	 * @param libraries the libraries found
	 * @param loader binds a driver library
	 * @return the availability
	 */
	public static CudaAvailability probe(CudaLibraries libraries, Function<Path, ? extends CudaDriver> loader) {
		Objects.requireNonNull(libraries, "'libraries' must not be null");
		if (libraries.driver().isEmpty()) {
			return new CudaAvailability(false, Objects.requireNonNull(libraries.missing()));
		}
		Path driverPath = libraries.driver().get();
		String gpu;
		try {
			CudaDriver driver = loader.apply(driverPath);
			driver.init();
			int count = driver.deviceCount();
			if (count == 0) {
				return new CudaAvailability(false, "The CUDA driver at " + driverPath + " sees no GPU");
			}
			int device = driver.device(0);
			int capability = 10 * driver.attribute(device, CudaDriver.COMPUTE_CAPABILITY_MAJOR)
					+ driver.attribute(device, CudaDriver.COMPUTE_CAPABILITY_MINOR);
			String name = driver.deviceName(device);
			if (capability < MIN_COMPUTE_CAPABILITY) {
				return new CudaAvailability(false, "GPU 0 (" + name + ") has compute capability " + capability / 10
						+ "." + capability % 10 + "; the engine's kernels need 8.0 (Ampere) or newer");
			}
			int version = driver.driverVersion();
			gpu = name + " (compute " + capability / 10 + "." + capability % 10 + ", "
					+ String.format(java.util.Locale.ROOT, "%.1f", driver.totalMemory(device) / (double) (1L << 30))
					+ " GiB), driver " + version / 1000 + "." + (version % 1000) / 10 + " at " + driverPath;
		}
		catch (CudaException ex) {
			return new CudaAvailability(false,
					"The CUDA driver at " + driverPath + " is not usable: " + ex.getMessage());
		}
		if (libraries.cublasLt().isEmpty()) {
			return new CudaAvailability(false, gpu + "; but " + libraries.missing());
		}
		return new CudaAvailability(true, gpu + ", cuBLASLt at " + libraries.cublasLt().get());
	}

}
