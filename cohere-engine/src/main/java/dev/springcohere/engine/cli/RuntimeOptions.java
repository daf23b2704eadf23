package dev.springcohere.engine.cli;

import dev.springcohere.engine.cuda.CudaAvailability;
import dev.springcohere.engine.cuda.DeviceSelection;
import dev.springcohere.engine.decode.KvCacheType;
import dev.springcohere.engine.model.QuantizationPlan;
import dev.springcohere.engine.model.WeightQuantization;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The options every command shares: where and how the model runs ({@code --device},
 * {@code --threads}, {@code --quantize}, {@code --quantize-output},
 * {@code --kv-cache-type}).
 */
final class RuntimeOptions {

	@Option(names = "--device", paramLabel = "cpu|cuda|auto", defaultValue = "auto",
			description = "Where the model runs (default: ${DEFAULT-VALUE}, which is the CPU in this build).")
	String device = "auto";

	@Option(names = "--threads", paramLabel = "T", description = "Compute threads (default: the available processors).")
	@Nullable Integer threads;

	@Option(names = "--quantize", paramLabel = "q8_0|q4_0",
			description = "Quantize a safetensors checkpoint's weights on load (off-heap).")
	@Nullable String quantize;

	@Option(names = "--quantize-output", paramLabel = "q8_0|q4_0|none",
			description = "The type of the token embedding / LM head when quantizing on load "
					+ "(default q8_0 with --quantize; none keeps the checkpoint's).")
	@Nullable String quantizeOutput;

	@Option(names = "--kv-cache-type", paramLabel = "bf16|f16|f32",
			description = "The number format of the KV cache (default bf16: half the memory of f32).")
	@Nullable String kvCacheType;

	private @Nullable String resolvedDevice;

	/**
	 * The device to run on, resolved once (for {@code auto}, one log line says why it is
	 * the CPU).
	 * @return {@code cpu}
	 * @throws CliException for {@code cuda} (no CUDA decoder in this build; the message
	 * says what the probe found) or an unknown device
	 */
	String device() {
		if (this.resolvedDevice == null) {
			try {
				this.resolvedDevice = DeviceSelection.resolve(this.device, "--device", CudaAvailability::probe);
			}
			catch (IllegalArgumentException ex) {
				throw new CliException(ex.getMessage());
			}
		}
		return this.resolvedDevice;
	}

	/**
	 * The number of compute threads.
	 * @return the threads, at least 1
	 */
	int threads() {
		int value = (this.threads != null) ? this.threads : Runtime.getRuntime().availableProcessors();
		if (value < 1) {
			throw new CliException("--threads must be at least 1");
		}
		return value;
	}

	/**
	 * The weight quantization.
	 * @return the plan, {@link QuantizationPlan#NONE} when neither option is set
	 */
	QuantizationPlan quantization() {
		WeightQuantization projections = parse("--quantize", this.quantize);
		WeightQuantization output = parse("--quantize-output", this.quantizeOutput);
		return QuantizationPlan.of((projections != null) ? projections : WeightQuantization.NONE, output);
	}

	private static @Nullable WeightQuantization parse(String option, @Nullable String value) {
		if (value == null) {
			return null;
		}
		try {
			return WeightQuantization.parse(value);
		}
		catch (IllegalArgumentException ex) {
			throw new CliException(option + ": " + ex.getMessage());
		}
	}

	/**
	 * The KV cache's number format.
	 * @return the type, {@link KvCacheType#DEFAULT} when unset
	 */
	KvCacheType kvCacheType() {
		if (this.kvCacheType == null) {
			return KvCacheType.DEFAULT;
		}
		try {
			return KvCacheType.of(this.kvCacheType);
		}
		catch (IllegalArgumentException ex) {
			throw new CliException("--kv-cache-type: " + ex.getMessage());
		}
	}

	/**
	 * Checks every option, so that a bad value fails before a model is loaded.
	 */
	void validate() {
		device();
		threads();
		quantization();
		kvCacheType();
	}

}
