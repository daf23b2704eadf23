package dev.springcohere.engine.cuda;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link DeviceSelection}: the CPU in this build, {@code cuda} refused with what the
 * probe found, the probe asked only when it matters.
 */
class DeviceSelectionTests {

	private final AtomicInteger probes = new AtomicInteger();

	private Supplier<CudaAvailability> probe(boolean usable, String description) {
		return () -> {
			this.probes.incrementAndGet();
			return new CudaAvailability(usable, description);
		};
	}

	@Test
	void cpuNeedsNoProbe() {
		assertThat(DeviceSelection.resolve(" CPU ", "--device", probe(true, "H100"))).isEqualTo("cpu");
		assertThat(this.probes).hasValue(0);
	}

	@Test
	void autoRunsOnTheCpuWhateverTheProbeFinds() {
		assertThat(DeviceSelection.resolve("auto", "--device", probe(false, "Not found: libcuda.so.1")))
			.isEqualTo("cpu");
		assertThat(DeviceSelection.resolve("Auto", "--device", probe(true, "NVIDIA H100"))).isEqualTo("cpu");
		assertThat(this.probes).hasValue(2);
	}

	@Test
	void cudaSaysWhatIsMissingOrThatTheDecoderIsNotBuilt() {
		assertThatIllegalArgumentException().isThrownBy(
				() -> DeviceSelection.resolve("cuda", "cohere.local.device", probe(false, "Not found: libcuda.so.1")))
			.withMessage("cohere.local.device cuda: no usable GPU: Not found: libcuda.so.1; use 'auto' or 'cpu'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DeviceSelection.resolve("gpu", "--device", probe(true, "NVIDIA H100 (compute 9.0)")))
			.withMessageStartingWith("--device gpu: the GPU is usable (NVIDIA H100 (compute 9.0)) but this build")
			.withMessageContaining("no CUDA decoder yet");
	}

	@Test
	void unknownDevicesAreRefusedNamingTheChoices() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DeviceSelection.resolve("tpu", "--device", probe(true, "")))
			.withMessage("Unknown --device 'tpu'; use cpu, cuda or auto");
		assertThat(this.probes).hasValue(0);
	}

}
