package dev.springcohere.engine.cuda;

import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves the device a user asks for ({@code cpu}, {@code cuda}, {@code auto}) to the
 * one the engine runs on. This build computes on the CPU: the CUDA driver bindings and
 * kernels exist, the CUDA decoder does not yet. So {@code cuda} fails, saying what the
 * probe found (what is missing, or that the GPU is usable but the decoder is not built),
 * and {@code auto} runs on the CPU with one INFO line saying why.
 */
public final class DeviceSelection {

	private static final Logger logger = LoggerFactory.getLogger(DeviceSelection.class);

	/** The device the engine computes on. */
	public static final String CPU = "cpu";

	private DeviceSelection() {
	}

	/**
	 * Resolves a requested device.
	 * @param requested {@code cpu}, {@code cuda} (or {@code gpu}) or {@code auto}, any
	 * case
	 * @param option how the user set it, for messages (e.g. {@code --device} or
	 * {@code cohere.local.device})
	 * @param probe what this machine's CUDA setup is, asked only for {@code cuda} and
	 * {@code auto}
	 * @return {@link #CPU}
	 * @throws IllegalArgumentException for {@code cuda}, or an unknown device
	 */
	public static String resolve(String requested, String option, Supplier<CudaAvailability> probe) {
		Objects.requireNonNull(requested, "'requested' must not be null");
		String device = requested.strip().toLowerCase(Locale.ROOT);
		return switch (device) {
			case "cpu" -> CPU;
			case "auto" -> {
				logger.info("Running on the CPU ({} auto): {}", option, reason(probe.get()));
				yield CPU;
			}
			case "cuda", "gpu" -> throw new IllegalArgumentException(
					option + " " + device + ": " + reason(probe.get()) + "; use 'auto' or 'cpu'");
			default ->
				throw new IllegalArgumentException("Unknown " + option + " '" + requested + "'; use cpu, cuda or auto");
		};
	}

	private static String reason(CudaAvailability availability) {
		if (availability.usable()) {
			return "the GPU is usable (" + availability.description()
					+ ") but this build of the engine has no CUDA decoder yet (its driver bindings and kernels exist)";
		}
		return "no usable GPU: " + availability.description();
	}

}
