package dev.springcohere.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import tools.jackson.databind.json.JsonMapper;

/**
 * A BERT embedding checkpoint of all-MiniLM-L6-v2's shape (6 layers, hidden 384, 12
 * heads, intermediate 1536, vocabulary 30522, 512 positions) with random bf16 weights,
 * for the encoder benchmarks (no tokenizer: they embed token ids).
 */
final class SyntheticEncoder {

	static final int HIDDEN = 384;

	static final int LAYERS = 6;

	static final int INTERMEDIATE = 1536;

	static final int VOCAB = 30522;

	static final int MAX_POSITIONS = 512;

	private SyntheticEncoder() {
	}

	/**
	 * Writes {@code config.json} and {@code model.safetensors} (random bf16 weights, unit
	 * LayerNorm weights, zero biases) into a folder.
	 * @param dir the folder
	 * @throws IOException if a file cannot be written
	 */
	static void write(Path dir) throws IOException {
		Map<String, Object> config = new LinkedHashMap<>();
		config.put("architectures", List.of("BertModel"));
		config.put("model_type", "bert");
		config.put("hidden_act", "gelu");
		config.put("hidden_size", HIDDEN);
		config.put("intermediate_size", INTERMEDIATE);
		config.put("num_attention_heads", 12);
		config.put("num_hidden_layers", LAYERS);
		config.put("max_position_embeddings", MAX_POSITIONS);
		config.put("vocab_size", VOCAB);
		config.put("type_vocab_size", 2);
		config.put("layer_norm_eps", 1e-12);
		config.put("pad_token_id", 0);
		config.put("dtype", "bfloat16");
		JsonMapper json = JsonMapper.builder().build();
		Files.writeString(dir.resolve("config.json"), json.writeValueAsString(config));
		Map<String, int[]> shapes = new LinkedHashMap<>();
		shapes.put("embeddings.word_embeddings.weight", new int[] { VOCAB, HIDDEN });
		shapes.put("embeddings.position_embeddings.weight", new int[] { MAX_POSITIONS, HIDDEN });
		shapes.put("embeddings.token_type_embeddings.weight", new int[] { 2, HIDDEN });
		shapes.put("embeddings.LayerNorm.weight", new int[] { HIDDEN });
		shapes.put("embeddings.LayerNorm.bias", new int[] { HIDDEN });
		for (int layer = 0; layer < LAYERS; layer++) {
			String p = "encoder.layer." + layer + ".";
			for (String name : List.of("query", "key", "value")) {
				shapes.put(p + "attention.self." + name + ".weight", new int[] { HIDDEN, HIDDEN });
				shapes.put(p + "attention.self." + name + ".bias", new int[] { HIDDEN });
			}
			shapes.put(p + "attention.output.dense.weight", new int[] { HIDDEN, HIDDEN });
			shapes.put(p + "attention.output.dense.bias", new int[] { HIDDEN });
			shapes.put(p + "attention.output.LayerNorm.weight", new int[] { HIDDEN });
			shapes.put(p + "attention.output.LayerNorm.bias", new int[] { HIDDEN });
			shapes.put(p + "intermediate.dense.weight", new int[] { INTERMEDIATE, HIDDEN });
			shapes.put(p + "intermediate.dense.bias", new int[] { INTERMEDIATE });
			shapes.put(p + "output.dense.weight", new int[] { HIDDEN, INTERMEDIATE });
			shapes.put(p + "output.dense.bias", new int[] { HIDDEN });
			shapes.put(p + "output.LayerNorm.weight", new int[] { HIDDEN });
			shapes.put(p + "output.LayerNorm.bias", new int[] { HIDDEN });
		}
		Map<String, Object> header = new LinkedHashMap<>();
		long offset = 0;
		for (Map.Entry<String, int[]> entry : shapes.entrySet()) {
			long bytes = 2L * elements(entry.getValue());
			header.put(entry.getKey(), Map.of("dtype", "BF16", "shape", entry.getValue(), "data_offsets",
					List.of(offset, offset + bytes)));
			offset += bytes;
		}
		byte[] headerBytes = json.writeValueAsString(header).getBytes(StandardCharsets.UTF_8);
		int padded = (headerBytes.length + 7) & ~7;
		SplittableRandom random = new SplittableRandom(42);
		try (FileChannel channel = FileChannel.open(dir.resolve("model.safetensors"), StandardOpenOption.CREATE_NEW,
				StandardOpenOption.WRITE)) {
			ByteBuffer head = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
			head.putLong(padded).put(headerBytes);
			while (head.hasRemaining()) {
				head.put((byte) ' ');
			}
			write(channel, head.flip());
			for (Map.Entry<String, int[]> entry : shapes.entrySet()) {
				boolean norm = entry.getKey().contains("LayerNorm.weight");
				boolean bias = entry.getKey().endsWith(".bias");
				int n = Math.toIntExact(elements(entry.getValue()));
				ByteBuffer data = ByteBuffer.allocate(2 * n).order(ByteOrder.LITTLE_ENDIAN);
				for (int i = 0; i < n; i++) {
					float value = norm ? 1.0f : bias ? 0.0f : (float) (random.nextDouble(-1, 1) * 0.05);
					data.putShort((short) (Float.floatToRawIntBits(value) >>> 16));
				}
				write(channel, data.flip());
			}
		}
	}

	private static long elements(int[] shape) {
		long n = 1;
		for (int dimension : shape) {
			n *= dimension;
		}
		return n;
	}

	private static void write(FileChannel channel, ByteBuffer buffer) {
		try {
			while (buffer.hasRemaining()) {
				channel.write(buffer);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
