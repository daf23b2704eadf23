package dev.springcohere.backend.aws;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Builds real AWS event-stream messages ({@code application/vnd.amazon.eventstream}) for
 * tests: a prelude with total and header lengths and its CRC32, string headers, the
 * payload and the message CRC32, as the AWS SDK expects them on the wire.
 */
public final class EventStreamFrames {

	private static final byte STRING_HEADER = 7;

	private final ByteArrayOutputStream stream = new ByteArrayOutputStream();

	/**
	 * Appends one message.
	 * @param headers string headers in order, such as {@code :event-type} to
	 * {@code chunk}
	 * @param payload the payload bytes
	 * @return this builder
	 */
	public EventStreamFrames message(Map<String, String> headers, byte[] payload) {
		this.stream.writeBytes(encode(headers, payload));
		return this;
	}

	/**
	 * Appends a Bedrock {@code InvokeModelWithResponseStream} chunk: an {@code event} of
	 * type {@code chunk} whose JSON payload carries the model's bytes base64-encoded.
	 * @param modelJson the JSON the model emitted in this chunk
	 * @return this builder
	 */
	public EventStreamFrames bedrockChunk(String modelJson) {
		String encoded = Base64.getEncoder().encodeToString(modelJson.getBytes(StandardCharsets.UTF_8));
		return message(eventHeaders("chunk", "application/json"),
				("{\"bytes\":\"" + encoded + "\"}").getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Appends a SageMaker {@code InvokeEndpointWithResponseStream} part: an {@code event}
	 * of type {@code PayloadPart} whose payload is the container's raw bytes (any slice
	 * of its output stream).
	 * @param bytes the bytes of this part
	 * @return this builder
	 */
	public EventStreamFrames sagemakerPart(byte[] bytes) {
		return message(eventHeaders("PayloadPart", "application/octet-stream"), bytes);
	}

	/**
	 * Appends a modelled exception message, such as Bedrock's
	 * {@code modelStreamErrorException}.
	 * @param exceptionType the exception type header
	 * @param json the JSON body of the exception
	 * @return this builder
	 */
	public EventStreamFrames exception(String exceptionType, String json) {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put(":message-type", "exception");
		headers.put(":exception-type", exceptionType);
		headers.put(":content-type", "application/json");
		return message(headers, json.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Returns every message appended so far, concatenated.
	 * @return the bytes of the stream
	 */
	public byte[] toByteArray() {
		return this.stream.toByteArray();
	}

	private static Map<String, String> eventHeaders(String eventType, String contentType) {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put(":event-type", eventType);
		headers.put(":content-type", contentType);
		headers.put(":message-type", "event");
		return headers;
	}

	/**
	 * Encodes one message.
	 * @param headers string headers
	 * @param payload the payload
	 * @return the message bytes
	 */
	public static byte[] encode(Map<String, String> headers, byte[] payload) {
		ByteArrayOutputStream headerBytes = new ByteArrayOutputStream();
		headers.forEach((name, value) -> {
			byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
			byte[] valueBytes = value.getBytes(StandardCharsets.UTF_8);
			headerBytes.write(nameBytes.length);
			headerBytes.writeBytes(nameBytes);
			headerBytes.write(STRING_HEADER);
			headerBytes.write((valueBytes.length >>> 8) & 0xFF);
			headerBytes.write(valueBytes.length & 0xFF);
			headerBytes.writeBytes(valueBytes);
		});
		byte[] headerArray = headerBytes.toByteArray();
		int total = 4 + 4 + 4 + headerArray.length + payload.length + 4;
		ByteBuffer buffer = ByteBuffer.allocate(total);
		buffer.putInt(total);
		buffer.putInt(headerArray.length);
		buffer.putInt((int) crc(buffer.array(), 0, 8));
		buffer.put(headerArray);
		buffer.put(payload);
		buffer.putInt((int) crc(buffer.array(), 0, total - 4));
		return buffer.array();
	}

	private static long crc(byte[] bytes, int offset, int length) {
		CRC32 crc = new CRC32();
		crc.update(bytes, offset, length);
		return crc.getValue();
	}

}
