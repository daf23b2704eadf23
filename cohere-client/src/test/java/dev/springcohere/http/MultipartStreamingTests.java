package dev.springcohere.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.test.StepVerifier;

import dev.springcohere.api.RequestOptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves that multipart uploads stream on both engines: a 64 MiB file part generated on
 * the fly (never in memory) reaches a real HTTP server intact, the source is read in
 * chunks of at most {@link MultipartBody#CHUNK_SIZE} bytes, and when the server has
 * received its first megabyte the client has read only a small part of the source, so the
 * body was not buffered before sending.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(value = HttpTransportType.class, names = { "JDK", "REACTOR_NETTY", "OKHTTP" })
class MultipartStreamingTests {

	private static final long SIZE = 64L * 1024 * 1024;

	@Parameter
	HttpTransportType transportType;

	private HttpServer server;

	private final AtomicLong receivedBytes = new AtomicLong();

	private final AtomicLong sourceReadWhenServerHadOneMegabyte = new AtomicLong(-1);

	private final AtomicLong receivedCrc = new AtomicLong();

	private volatile CountingStream source;

	@BeforeEach
	void startServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/v1/datasets", (exchange) -> {
			CRC32 crc = new CRC32();
			byte[] buffer = new byte[8192];
			long total = 0;
			try (InputStream body = exchange.getRequestBody()) {
				int read;
				while ((read = body.read(buffer)) >= 0) {
					crc.update(buffer, 0, read);
					total += read;
					if (total >= 1024 * 1024 && this.sourceReadWhenServerHadOneMegabyte.get() < 0) {
						this.sourceReadWhenServerHadOneMegabyte.set(this.source.read.get());
					}
				}
			}
			this.receivedBytes.set(total);
			this.receivedCrc.set(crc.getValue());
			byte[] answer = "{\"id\":\"big\"}".getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, answer.length);
			exchange.getResponseBody().write(answer);
			exchange.close();
		});
		this.server.start();
	}

	@AfterEach
	void stopServer() {
		this.server.stop(0);
	}

	@Test
	void largeUploadIsStreamedInChunks() {
		this.source = new CountingStream(SIZE);
		MultipartBody body = MultipartBody.builder()
			.boundary("test-boundary")
			.text("name", "big")
			.part(new MultipartBody.Part("data", "big.jsonl", "application/jsonl",
					MultipartBody.Source.once(this.source)))
			.build();
		assertThat(body.isRepeatable()).isFalse();
		assertThat(body.contentLength()).isEqualTo(-1);
		try (CohereHttpTransport transport = CohereHttpTransport.builder()
			.settings(HttpSettings.builder()
				.transport(this.transportType)
				.baseUrl("http://127.0.0.1:" + this.server.getAddress().getPort())
				.readTimeout(Duration.ofSeconds(60))
				.build())
			.build()) {
			HttpTransportEngine.Response response = transport
				.execute(new HttpCall("POST", "/v1/datasets?name=big", null, body, RequestOptions.none()));
			assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{\"id\":\"big\"}");
		}
		String head = "--test-boundary\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nbig\r\n"
				+ "--test-boundary\r\nContent-Disposition: form-data; name=\"data\"; filename=\"big.jsonl\"\r\n"
				+ "Content-Type: application/jsonl\r\n\r\n";
		String tail = "\r\n--test-boundary--\r\n";
		assertThat(this.receivedBytes.get()).isEqualTo(head.length() + SIZE + tail.length());
		assertThat(this.receivedCrc.get()).isEqualTo(expectedCrc(head, tail));
		assertThat(this.source.largestRead.get()).isLessThanOrEqualTo(MultipartBody.CHUNK_SIZE);
		assertThat(this.source.closed).isTrue();
		// at most a few megabytes in flight (socket buffers, prefetch): never the whole
		// file
		assertThat(this.sourceReadWhenServerHadOneMegabyte.get()).isBetween(1L, 16L * 1024 * 1024);
	}

	@Test
	void chunksAreReadOnlyAsTheyAreRequested() {
		CountingStream stream = new CountingStream(SIZE);
		MultipartBody body = MultipartBody.builder()
			.part(new MultipartBody.Part("data", "big.jsonl", null, MultipartBody.Source.once(stream)))
			.build();
		StepVerifier.create(body.chunks(), 2)
			.expectNextCount(2)
			.then(() -> assertThat(stream.read.get()).isLessThanOrEqualTo(2L * MultipartBody.CHUNK_SIZE))
			.thenCancel()
			.verify(Duration.ofSeconds(10));
		assertThat(stream.closed).isTrue();
	}

	@Test
	void repeatableBodyHasItsLengthAndEncodesTheSameTwice() {
		MultipartBody body = MultipartBody.builder()
			.boundary("b")
			.text("model", "cohere-transcribe-03-2026")
			.part(new MultipartBody.Part("file", "a \"quoted\".wav", "audio/wav",
					MultipartBody.Source.of("RIFF".getBytes(StandardCharsets.US_ASCII))))
			.build();
		String first = text(body.chunks().collectList().block());
		String second = text(body.chunks().collectList().block());
		assertThat(first).isEqualTo(second)
			.isEqualTo("--b\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\ncohere-transcribe-03-2026\r\n"
					+ "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a %22quoted%22.wav\"\r\n"
					+ "Content-Type: audio/wav\r\n\r\nRIFF\r\n--b--\r\n");
		assertThat(body.contentLength()).isEqualTo(first.getBytes(StandardCharsets.UTF_8).length);
		assertThat(body.isRepeatable()).isTrue();
	}

	private static String text(List<ByteBuffer> chunks) {
		StringBuilder text = new StringBuilder();
		for (ByteBuffer chunk : chunks) {
			text.append(StandardCharsets.UTF_8.decode(chunk));
		}
		return text.toString();
	}

	private static long expectedCrc(String head, String tail) {
		CRC32 crc = new CRC32();
		crc.update(head.getBytes(StandardCharsets.UTF_8));
		CountingStream content = new CountingStream(SIZE);
		byte[] buffer = new byte[65536];
		int read;
		while ((read = content.read(buffer, 0, buffer.length)) >= 0) {
			crc.update(buffer, 0, read);
		}
		crc.update(tail.getBytes(StandardCharsets.UTF_8));
		return crc.getValue();
	}

	/**
	 * A stream of generated bytes that counts what was read and the largest read.
	 */
	static final class CountingStream extends InputStream {

		private final long size;

		final AtomicLong read = new AtomicLong();

		final AtomicLong largestRead = new AtomicLong();

		volatile boolean closed;

		CountingStream(long size) {
			this.size = size;
		}

		@Override
		public int read() {
			byte[] one = new byte[1];
			return (read(one, 0, 1) < 0) ? -1 : (one[0] & 0xff);
		}

		@Override
		public int read(byte[] buffer, int offset, int length) {
			long position = this.read.get();
			if (position >= this.size) {
				return -1;
			}
			int count = (int) Math.min(length, this.size - position);
			for (int i = 0; i < count; i++) {
				buffer[offset + i] = (byte) ('a' + ((position + i) % 26));
			}
			this.read.addAndGet(count);
			this.largestRead.accumulateAndGet(count, Math::max);
			return count;
		}

		@Override
		public void close() {
			this.closed = true;
		}

	}

}
