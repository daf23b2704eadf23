package dev.springcohere.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A {@code multipart/form-data} request body (RFC 7578) whose file parts are streamed:
 * {@link #chunks()} reads each file in chunks of {@value #CHUNK_SIZE} bytes as the
 * connection asks for them, so an upload never holds a whole file in memory. Both
 * {@link HttpTransportEngine}s send the same chunks; the encoding is written here rather
 * than taken from an HTTP library because neither the JDK client nor the dependencies of
 * this module have a streaming multipart encoder (Reactor Netty's form encoder copies a
 * stream into memory or a temporary file first).
 * <p>
 * A body whose parts all come from files or bytes is repeatable (it can be sent again, so
 * the call can be retried); a part read from an {@link InputStream} can be sent once, so
 * such a body is never retried.
 *
 * @since 0.1.0
 */
public final class MultipartBody {

	/** The size of the chunks a file is read in. */
	public static final int CHUNK_SIZE = 64 * 1024;

	private static final byte[] CRLF = { '\r', '\n' };

	private final String boundary;

	private final List<Part> parts;

	private MultipartBody(String boundary, List<Part> parts) {
		this.boundary = boundary;
		this.parts = List.copyOf(parts);
	}

	/**
	 * Starts a builder with a random boundary.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Returns the value of the {@code Content-Type} header, with the boundary.
	 * @return the content type
	 */
	public String contentType() {
		return "multipart/form-data; boundary=" + this.boundary;
	}

	/**
	 * Returns the boundary between the parts.
	 * @return the boundary
	 */
	public String boundary() {
		return this.boundary;
	}

	/**
	 * Returns the parts, in order.
	 * @return the parts
	 */
	public List<Part> parts() {
		return this.parts;
	}

	/**
	 * Tells whether the body can be sent more than once (no part reads a one-time
	 * {@link InputStream}).
	 * @return {@code true} when every part can be read again
	 */
	public boolean isRepeatable() {
		return this.parts.stream().allMatch((part) -> part.source().isRepeatable());
	}

	/**
	 * Returns the length of the encoded body when every part knows its length (files on
	 * disk, bytes, text), so the engines can send a {@code Content-Length} instead of a
	 * chunked (HTTP/1.1) or open-ended (HTTP/2) body.
	 * @return the length in bytes, or {@code -1} when a part's length is unknown
	 */
	public long contentLength() {
		long length = 0;
		for (Part part : this.parts) {
			long content = part.source().length();
			if (content < 0) {
				return -1;
			}
			length += header(part).length + content + CRLF.length;
		}
		return length + ascii("--" + this.boundary + "--\r\n").length;
	}

	/**
	 * Returns the encoded body as chunks, read lazily: a file part is opened when the
	 * connection reaches it, read {@value #CHUNK_SIZE} bytes at a time as chunks are
	 * requested (on Reactor's bounded-elastic scheduler, since file reads block) and
	 * closed at its end, on cancellation or on failure. Each subscription encodes the
	 * body again.
	 * @return a cold {@code Flux} of chunks, each a new buffer
	 */
	public Flux<ByteBuffer> chunks() {
		return Flux.fromIterable(this.parts)
			.concatMap((part) -> Flux.concat(Mono.fromCallable(() -> ByteBuffer.wrap(header(part))),
					content(part.source()), Mono.fromCallable(() -> ByteBuffer.wrap(CRLF))))
			.concatWith(Mono.fromCallable(() -> ByteBuffer.wrap(ascii("--" + this.boundary + "--\r\n"))))
			.subscribeOn(Schedulers.boundedElastic());
	}

	private byte[] header(Part part) {
		StringBuilder header = new StringBuilder();
		header.append("--").append(this.boundary).append("\r\n");
		header.append("Content-Disposition: form-data; name=\"").append(escape(part.name())).append('"');
		if (part.filename() != null) {
			header.append("; filename=\"").append(escape(part.filename())).append('"');
		}
		header.append("\r\n");
		if (part.contentType() != null) {
			header.append("Content-Type: ").append(part.contentType()).append("\r\n");
		}
		header.append("\r\n");
		return header.toString().getBytes(StandardCharsets.UTF_8);
	}

	private static Flux<ByteBuffer> content(Source source) {
		return Flux.using(() -> source.open(), (stream) -> Flux.<ByteBuffer>generate((sink) -> {
			try {
				byte[] chunk = stream.readNBytes(CHUNK_SIZE);
				if (chunk.length == 0) {
					sink.complete();
				}
				else {
					sink.next(ByteBuffer.wrap(chunk));
				}
			}
			catch (IOException ex) {
				sink.error(new UncheckedIOException("Could not read a part of a multipart upload", ex));
			}
		}), (stream) -> {
			try {
				stream.close();
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not close a part of a multipart upload", ex);
			}
		});
	}

	/** Quotes a name the way browsers do (RFC 7578 section 4.2 and the HTML standard). */
	private static String escape(String value) {
		return value.replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

	@Override
	public String toString() {
		return "MultipartBody[parts=" + this.parts.stream().map(Part::name).toList() + "]";
	}

	/**
	 * Opens the content of a part.
	 */
	public interface Source {

		/**
		 * Opens a new stream of the content; the body closes it.
		 * @return the stream
		 * @throws IOException when the content cannot be opened
		 */
		InputStream open() throws IOException;

		/**
		 * Tells whether {@link #open()} may be called more than once.
		 * @return {@code true} by default
		 */
		default boolean isRepeatable() {
			return true;
		}

		/**
		 * Returns the length of the content, when known.
		 * @return the length in bytes, or {@code -1} (the default) when unknown
		 */
		default long length() {
			return -1;
		}

		/**
		 * Returns a source of a file, opened on each send.
		 * @param file the file
		 * @return the source
		 */
		static Source of(Path file) {
			Objects.requireNonNull(file, "'file' must not be null");
			return new Source() {

				@Override
				public InputStream open() throws IOException {
					return Files.newInputStream(file);
				}

				@Override
				public long length() {
					try {
						return Files.size(file);
					}
					catch (IOException ex) {
						return -1;
					}
				}

			};
		}

		/**
		 * Returns a source of bytes.
		 * @param bytes the bytes (not copied)
		 * @return the source
		 */
		static Source of(byte[] bytes) {
			Objects.requireNonNull(bytes, "'bytes' must not be null");
			return new Source() {

				@Override
				public InputStream open() {
					return new ByteArrayInputStream(bytes);
				}

				@Override
				public long length() {
					return bytes.length;
				}

			};
		}

		/**
		 * Returns a source that hands out a stream once: the body can be sent once, so
		 * its call is not retried.
		 * @param stream the stream (closed by the body once sent)
		 * @return the source
		 */
		static Source once(InputStream stream) {
			Objects.requireNonNull(stream, "'stream' must not be null");
			AtomicBoolean used = new AtomicBoolean();
			return new Source() {

				@Override
				public InputStream open() {
					if (used.getAndSet(true)) {
						throw new IllegalStateException("A multipart part read from an InputStream can be sent once; "
								+ "give a Path (or bytes) to send it again");
					}
					return stream;
				}

				@Override
				public boolean isRepeatable() {
					return false;
				}

			};
		}

	}

	/**
	 * One part of the body.
	 *
	 * @param name the form field name
	 * @param filename the file name, or {@code null} for a plain field
	 * @param contentType the part's content type, or {@code null} for none
	 * @param source the content
	 */
	public record Part(String name, @Nullable String filename, @Nullable String contentType, Source source) {

		/**
		 * Checks the components.
		 */
		public Part {
			Objects.requireNonNull(name, "'name' must not be null");
			Objects.requireNonNull(source, "'source' must not be null");
			if (name.isBlank()) {
				throw new IllegalArgumentException("A multipart part name must not be blank");
			}
		}

	}

	/**
	 * Builds a {@link MultipartBody}.
	 */
	public static final class Builder {

		private final List<Part> parts = new ArrayList<>();

		private String boundary = "springcohere-" + UUID.randomUUID();

		private Builder() {
		}

		/**
		 * Sets the boundary (random by default).
		 * @param boundary 1 to 70 characters of letters, digits and {@code '()+_,-./:=?}
		 * @return this builder
		 * @throws IllegalArgumentException when the boundary is not valid
		 */
		public Builder boundary(String boundary) {
			Objects.requireNonNull(boundary, "'boundary' must not be null");
			if (!boundary.matches("[0-9A-Za-z'()+_,\\-./:=?]{1,70}")) {
				throw new IllegalArgumentException("A multipart boundary must be 1 to 70 characters of letters, "
						+ "digits and '()+_,-./:=? but was '" + boundary + "'");
			}
			this.boundary = boundary;
			return this;
		}

		/**
		 * Adds a text field (UTF-8).
		 * @param name the field name
		 * @param value the value
		 * @return this builder
		 */
		public Builder text(String name, String value) {
			Objects.requireNonNull(value, "'value' must not be null");
			this.parts.add(new Part(name, null, null, Source.of(value.getBytes(StandardCharsets.UTF_8))));
			return this;
		}

		/**
		 * Adds a file, named by its file name, streamed from disk on each send.
		 * @param name the field name
		 * @param file the file
		 * @param contentType its content type, or {@code null} for
		 * {@code application/octet-stream}
		 * @return this builder
		 * @throws IllegalArgumentException when the file is not a readable regular file
		 */
		public Builder file(String name, Path file, @Nullable String contentType) {
			Objects.requireNonNull(file, "'file' must not be null");
			if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
				throw new IllegalArgumentException("The file to upload as '" + name
						+ "' is not a readable regular file: " + file.toAbsolutePath());
			}
			Path fileName = file.getFileName();
			return part(new Part(name, (fileName != null) ? fileName.toString() : name,
					(contentType != null) ? contentType : "application/octet-stream", Source.of(file)));
		}

		/**
		 * Adds a part.
		 * @param part the part
		 * @return this builder
		 */
		public Builder part(Part part) {
			this.parts.add(Objects.requireNonNull(part, "'part' must not be null"));
			return this;
		}

		/**
		 * Builds the body.
		 * @return the body
		 * @throws IllegalStateException when there is no part
		 */
		public MultipartBody build() {
			if (this.parts.isEmpty()) {
				throw new IllegalStateException("A multipart body needs at least one part");
			}
			return new MultipartBody(this.boundary, this.parts);
		}

	}

}
