package dev.springcohere.benchmarks;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a safetensors file of bf16 tensors, each filled with a constant or with values
 * drawn from one random generator in file order: the weights of the benchmarks' synthetic
 * checkpoints ({@link SyntheticEncoder} and the load tools' decoder checkpoint). The file
 * is written beside its final name and moved into place when complete, so an interrupted
 * run leaves no truncated file behind.
 */
public final class RandomBf16Safetensors {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private RandomBf16Safetensors() {
	}

	/**
	 * How the elements of one tensor are filled.
	 */
	@FunctionalInterface
	public interface Fill {

		/**
		 * Returns the next element.
		 * @param random the file's random generator (a constant does not draw from it)
		 * @return the value, rounded to bf16 when written
		 */
		float next(SplittableRandom random);

		/**
		 * Returns a fill with one value.
		 * @param value the value of every element
		 * @return the fill
		 */
		static Fill constant(float value) {
			return (random) -> value;
		}

		/**
		 * Returns a fill drawn uniformly from {@code [-bound, bound)}, times
		 * {@code scale}.
		 * @param bound the bound of the uniform draw
		 * @param scale the factor applied to each draw
		 * @return the fill
		 */
		static Fill uniform(double bound, double scale) {
			return (random) -> (float) (random.nextDouble(-bound, bound) * scale);
		}

	}

	/**
	 * One tensor of the file.
	 *
	 * @param name the tensor's name
	 * @param shape its dimensions
	 * @param fill how its elements are filled
	 */
	public record Tensor(String name, long[] shape, Fill fill) {

		long elements() {
			long n = 1;
			for (long dimension : this.shape) {
				n *= dimension;
			}
			return n;
		}

	}

	/**
	 * Writes the tensors, in order, into {@code file}.
	 * @param file the safetensors file (replaced if it exists)
	 * @param tensors the tensors
	 * @param seed the seed of the random generator
	 * @throws IOException if the file cannot be written
	 */
	public static void write(Path file, List<Tensor> tensors, long seed) throws IOException {
		Path partial = file.resolveSibling(file.getFileName() + ".partial");
		SplittableRandom random = new SplittableRandom(seed);
		try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
				StandardOpenOption.TRUNCATE_EXISTING)) {
			writeFully(channel, ByteBuffer.wrap(header(tensors)));
			ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
			for (Tensor tensor : tensors) {
				for (long left = tensor.elements(); left > 0;) {
					buffer.clear();
					int n = (int) Math.min(left, buffer.capacity() / 2);
					for (int i = 0; i < n; i++) {
						buffer.putShort((short) (Float.floatToRawIntBits(tensor.fill().next(random)) >>> 16));
					}
					writeFully(channel, buffer.flip());
					left -= n;
				}
			}
		}
		Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
	}

	/** The 8-byte length and the JSON header, padded with spaces to 8 bytes. */
	private static byte[] header(List<Tensor> tensors) {
		ObjectNode header = JSON.createObjectNode();
		long offset = 0;
		for (Tensor tensor : tensors) {
			long bytes = 2 * tensor.elements();
			ObjectNode entry = header.putObject(tensor.name());
			entry.put("dtype", "BF16");
			Arrays.stream(tensor.shape()).forEach(entry.putArray("shape")::add);
			entry.putArray("data_offsets").add(offset).add(offset + bytes);
			offset += bytes;
		}
		byte[] json = JSON.writeValueAsString(header).getBytes(StandardCharsets.UTF_8);
		int padded = (json.length + 7) / 8 * 8;
		ByteBuffer bytes = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
		bytes.putLong(padded).put(json);
		while (bytes.hasRemaining()) {
			bytes.put((byte) ' ');
		}
		return bytes.array();
	}

	private static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
		while (buffer.hasRemaining()) {
			channel.write(buffer);
		}
	}

}
