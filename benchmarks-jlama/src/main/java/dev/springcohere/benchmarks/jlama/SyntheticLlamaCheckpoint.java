package dev.springcohere.benchmarks.jlama;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Writes a Llama checkpoint of random bf16 weights that jlama loads: {@code config.json},
 * {@code tokenizer.json} (a byte-level BPE vocabulary: the harness feeds token ids, so
 * the tokenizer only has to load) and one {@code model.safetensors}. The weights follow
 * the engine's synthetic ones ({@code bench --synthetic}): uniform in [-0.02, 0.02], norm
 * weights 1, a fixed seed, the embedding tied to the LM head.
 * <p>
 * A directory already holding the same checkpoint (same {@code config.json}, a complete
 * weights file) is reused, so reruns skip the 2.5 GB write of the 1B-class shape.
 */
public final class SyntheticLlamaCheckpoint {

	private static final float SCALE = 0.02f;

	private static final String COMPLETE_MARKER = ".complete";

	private final LlamaShape shape;

	private final long seed;

	/**
	 * A writer for one shape.
	 * @param shape the dimensions
	 * @param seed the random seed of the weights
	 */
	public SyntheticLlamaCheckpoint(LlamaShape shape, long seed) {
		this.shape = Objects.requireNonNull(shape, "'shape' must not be null");
		this.seed = seed;
	}

	/**
	 * Writes the checkpoint into a directory, unless it already holds it.
	 * @param dir the directory (created if missing)
	 * @return {@code true} if it was written, {@code false} if an identical one was
	 * reused
	 * @throws IOException if a file cannot be written
	 */
	public boolean writeTo(Path dir) throws IOException {
		Objects.requireNonNull(dir, "'dir' must not be null");
		ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
		Map<String, Object> config = new LinkedHashMap<>(this.shape.llamaConfig());
		config.put("synthetic_seed", this.seed);
		String configText = json.writeValueAsString(config);
		Path configFile = dir.resolve("config.json");
		Path marker = dir.resolve(COMPLETE_MARKER);
		if (Files.exists(marker) && Files.exists(configFile) && Files.readString(configFile).equals(configText)) {
			return false;
		}
		Files.createDirectories(dir);
		Files.deleteIfExists(marker);
		Files.writeString(configFile, configText);
		json.writeValue(dir.resolve("tokenizer.json").toFile(), tokenizer());
		writeWeights(dir.resolve("model.safetensors"), json);
		Files.writeString(marker, "");
		return true;
	}

	private static Map<String, Object> tokenizer() {
		Map<String, Long> vocab = new LinkedHashMap<>();
		vocab.put("<unk>", 0L);
		vocab.put("<s>", 1L);
		vocab.put("</s>", 2L);
		for (int b = 0; b < 256; b++) {
			vocab.put("<0x%02X>".formatted(b), 3L + b);
		}
		Map<String, Object> model = new LinkedHashMap<>();
		model.put("type", "BPE");
		model.put("unk_token", "<unk>");
		model.put("fuse_unk", true);
		model.put("byte_fallback", true);
		model.put("vocab", vocab);
		model.put("merges", List.of());
		List<Map<String, Object>> added = new ArrayList<>();
		for (int id = 0; id < 3; id++) {
			added.add(Map.of("id", id, "content", List.of("<unk>", "<s>", "</s>").get(id), "special", true));
		}
		Map<String, Object> tokenizer = new LinkedHashMap<>();
		tokenizer.put("version", "1.0");
		tokenizer.put("added_tokens", added);
		tokenizer.put("model", model);
		return tokenizer;
	}

	private List<TensorSpec> tensors() {
		LlamaShape s = this.shape;
		long h = s.hiddenSize();
		long q = (long) s.heads() * s.headDim();
		long kv = (long) s.kvHeads() * s.headDim();
		long inter = s.intermediateSize();
		List<TensorSpec> tensors = new ArrayList<>();
		tensors.add(new TensorSpec("model.embed_tokens.weight", false, s.vocabSize(), h));
		for (int i = 0; i < s.layers(); i++) {
			String p = "model.layers." + i + ".";
			tensors.add(new TensorSpec(p + "input_layernorm.weight", true, h));
			tensors.add(new TensorSpec(p + "self_attn.q_proj.weight", false, q, h));
			tensors.add(new TensorSpec(p + "self_attn.k_proj.weight", false, kv, h));
			tensors.add(new TensorSpec(p + "self_attn.v_proj.weight", false, kv, h));
			tensors.add(new TensorSpec(p + "self_attn.o_proj.weight", false, h, q));
			tensors.add(new TensorSpec(p + "post_attention_layernorm.weight", true, h));
			tensors.add(new TensorSpec(p + "mlp.gate_proj.weight", false, inter, h));
			tensors.add(new TensorSpec(p + "mlp.up_proj.weight", false, inter, h));
			tensors.add(new TensorSpec(p + "mlp.down_proj.weight", false, h, inter));
		}
		tensors.add(new TensorSpec("model.norm.weight", true, h));
		return tensors;
	}

	private void writeWeights(Path file, ObjectMapper json) throws IOException {
		List<TensorSpec> tensors = tensors();
		Map<String, Object> header = new LinkedHashMap<>();
		header.put("__metadata__", Map.of("format", "pt"));
		long offset = 0;
		for (TensorSpec t : tensors) {
			long bytes = t.elements() * 2;
			header.put(t.name(),
					Map.of("dtype", "BF16", "shape", t.shape(), "data_offsets", List.of(offset, offset + bytes)));
			offset += bytes;
		}
		byte[] headerBytes = json.writeValueAsString(header).getBytes(StandardCharsets.UTF_8);
		int padded = (headerBytes.length + 7) / 8 * 8;
		ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 22).order(ByteOrder.LITTLE_ENDIAN);
		SplittableRandom random = new SplittableRandom(this.seed);
		try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
				StandardOpenOption.TRUNCATE_EXISTING)) {
			buffer.putLong(padded);
			buffer.put(headerBytes);
			for (int i = headerBytes.length; i < padded; i++) {
				buffer.put((byte) ' ');
			}
			for (TensorSpec t : tensors) {
				for (long i = 0; i < t.elements(); i++) {
					if (buffer.remaining() < 2) {
						drain(buffer, out);
					}
					float v = t.ones() ? 1f : (float) ((random.nextDouble() * 2 - 1) * SCALE);
					buffer.putShort((short) (Float.floatToRawIntBits(v) >>> 16));
				}
			}
			drain(buffer, out);
		}
	}

	private static void drain(ByteBuffer buffer, FileChannel out) throws IOException {
		buffer.flip();
		while (buffer.hasRemaining()) {
			out.write(buffer);
		}
		buffer.clear();
	}

	private record TensorSpec(String name, boolean ones, long... dims) {

		long elements() {
			long n = 1;
			for (long d : this.dims) {
				n *= d;
			}
			return n;
		}

		List<Long> shape() {
			List<Long> shape = new ArrayList<>();
			for (long d : this.dims) {
				shape.add(d);
			}
			return shape;
		}

	}

}
