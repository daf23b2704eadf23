package dev.springcohere.engine.model;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes (possibly corrupt) safetensors files for tests.
 */
final class SafetensorsBytes {

	private SafetensorsBytes() {
	}

	static Path write(Path file, String header, int dataBytes) throws IOException {
		return write(file, header.getBytes(StandardCharsets.UTF_8).length, header, dataBytes);
	}

	static Path write(Path file, long declaredHeaderLength, String header, int dataBytes) throws IOException {
		byte[] h = header.getBytes(StandardCharsets.UTF_8);
		ByteBuffer buffer = ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
		buffer.putLong(declaredHeaderLength);
		buffer.put(h);
		Files.write(file, buffer.array());
		return file;
	}

}
