package dev.springcohere.benchmarks.jlama;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

import com.github.tjake.jlama.safetensors.DType;
import com.github.tjake.jlama.safetensors.SafeTensorSupport;

/**
 * How jlama holds the weights and activations of a run. jlama 0.8.4 quantizes a
 * checkpoint ahead of time ({@code jlama quantize},
 * {@link SafeTensorSupport#quantizeModel}: every tensor but those whose name holds one of
 * the skipped prefixes, by default {@code norm}); its quantize-on-load option leaves the
 * layer matrices as they are ("Quantizing sparse tensor is not supported"), so this
 * harness quantizes ahead of time as jlama's users do. Separately it quantizes the
 * activations it multiplies with ({@code workingQuantizationType}); its kernels pair only
 * f32 x f32, f32 x bf16, f32 x Q4, I8 x Q4 and bf16 x bf16.
 */
public enum JlamaFormat {

	/**
	 * jlama's own Q4 checkpoint ({@code jlama quantize} with its defaults): every matrix,
	 * the tied embedding / LM head included, in jlama's Q4 (blocks of 32 4-bit values and
	 * an f32 scale: 5 bits per weight), norms as written; activations quantized to I8
	 * blocks for the I8 x Q4 kernel.
	 */
	Q4(Optional.of(DType.Q4), new String[] { "norm" }, DType.I8),

	/**
	 * As {@link #Q4}, but the tied embedding / LM head kept in bf16
	 * ({@code --skip-layer norm --skip-layer embed_tokens}).
	 */
	Q4_BF16_HEAD(Optional.of(DType.Q4), new String[] { "norm", "embed_tokens" }, DType.I8),

	/**
	 * Everything in bf16 as written, activations in bf16 (jlama switches its working
	 * quantization to bf16 for a bf16 model).
	 */
	BF16(Optional.empty(), new String[0], DType.I8),

	/**
	 * Every matrix in jlama's 8-bit blocks (I8): jlama 0.8.4 writes them but has no
	 * kernel that multiplies them, so a forward pass fails; kept to show that.
	 */
	I8(Optional.of(DType.I8), new String[] { "norm" }, DType.I8);

	private static final String COMPLETE_MARKER = ".complete";

	private final Optional<DType> quantization;

	private final String[] skipped;

	private final DType workingQuantization;

	JlamaFormat(Optional<DType> quantization, String[] skipped, DType workingQuantization) {
		this.quantization = quantization;
		this.skipped = skipped;
		this.workingQuantization = workingQuantization;
	}

	/**
	 * The type the checkpoint is quantized to ahead of time, if any.
	 * @return the {@code --quantization} of {@code jlama quantize}
	 */
	public Optional<DType> quantization() {
		return this.quantization;
	}

	/**
	 * The type activations are quantized to before a matrix product.
	 * @return jlama's {@code workingQuantizationType}
	 */
	public DType workingQuantization() {
		return this.workingQuantization;
	}

	/**
	 * The checkpoint jlama loads for this format: the bf16 one itself, or its quantized
	 * copy next to it ({@code DIR-jq4}, ...), written on first use and reused after.
	 * @param bf16 the bf16 checkpoint ({@link SyntheticLlamaCheckpoint})
	 * @return the directory to load
	 * @throws IOException if the quantized copy cannot be written
	 */
	public Path checkpoint(Path bf16) throws IOException {
		if (this.quantization.isEmpty()) {
			return bf16;
		}
		Path dir = bf16.resolveSibling(bf16.getFileName() + "-j" + name().toLowerCase(Locale.ROOT));
		Path marker = dir.resolve(COMPLETE_MARKER);
		if (Files.exists(marker) && Files.getLastModifiedTime(marker)
			.compareTo(Files.getLastModifiedTime(bf16.resolve("model.safetensors"))) > 0) {
			return dir;
		}
		if (Files.exists(dir)) {
			try (Stream<Path> files = Files.walk(dir)) {
				for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
					Files.delete(p);
				}
			}
		}
		if (!Files.exists(bf16.resolve("README.md"))) {
			// jlama's quantizer copies the model card
			Files.writeString(bf16.resolve("README.md"), "Synthetic Llama checkpoint (random weights).\n");
		}
		SafeTensorSupport.quantizeModel(bf16, this.quantization.get(), this.skipped, null, Optional.of(dir));
		Files.writeString(marker, "");
		return dir;
	}

	/**
	 * Parses a name ({@code q4}, {@code q4_bf16_head}, {@code bf16}, {@code i8}, any
	 * case).
	 * @param name the name
	 * @return the format
	 * @throws IllegalArgumentException naming the accepted values
	 */
	public static JlamaFormat parse(String name) {
		for (JlamaFormat f : values()) {
			if (f.name().equalsIgnoreCase(name.trim())) {
				return f;
			}
		}
		throw new IllegalArgumentException("unknown jlama format '" + name + "'; use one of "
				+ Arrays.toString(values()).toLowerCase(Locale.ROOT));
	}

}
