package dev.springcohere.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;

/**
 * A file to upload in a multipart request (a dataset, an audio file), read when the
 * request is sent and streamed in chunks, never loaded whole into memory. A file from a
 * {@link Path} can be sent again (so the call can be retried); one from an
 * {@link InputStream} once (so its call is not retried).
 *
 * @since 0.1.0
 */
public final class UploadFile {

	private final String filename;

	private final @Nullable String contentType;

	private final Opener opener;

	private final boolean repeatable;

	private final long length;

	private UploadFile(String filename, @Nullable String contentType, Opener opener, boolean repeatable, long length) {
		Objects.requireNonNull(filename, "'filename' must not be null");
		if (filename.isBlank()) {
			throw new IllegalArgumentException("An upload's file name must not be blank");
		}
		this.filename = filename;
		this.contentType = contentType;
		this.opener = opener;
		this.repeatable = repeatable;
		this.length = length;
	}

	/**
	 * Returns a file on disk, named by its file name.
	 * @param file the file
	 * @return the upload
	 * @throws IllegalArgumentException when the file is not a readable regular file
	 */
	public static UploadFile of(Path file) {
		return of(file, null);
	}

	/**
	 * Returns a file on disk, named by its file name, with a content type.
	 * @param file the file
	 * @param contentType the content type, or {@code null} for
	 * {@code application/octet-stream}
	 * @return the upload
	 * @throws IllegalArgumentException when the file is not a readable regular file
	 */
	public static UploadFile of(Path file, @Nullable String contentType) {
		Objects.requireNonNull(file, "'file' must not be null");
		if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
			throw new IllegalArgumentException("The file to upload is not a readable regular file: "
					+ file.toAbsolutePath() + "; check the path and its permissions");
		}
		Path name = file.getFileName();
		return new UploadFile((name != null) ? name.toString() : file.toString(), contentType,
				() -> Files.newInputStream(file), true, size(file));
	}

	/**
	 * Returns a stream to upload once; the upload closes it.
	 * @param filename the file name the server sees (its extension tells Cohere the
	 * format, such as {@code .jsonl}, {@code .csv} or {@code .mp3})
	 * @param stream the content
	 * @param contentType the content type, or {@code null} for
	 * {@code application/octet-stream}
	 * @return the upload
	 */
	public static UploadFile of(String filename, InputStream stream, @Nullable String contentType) {
		Objects.requireNonNull(stream, "'stream' must not be null");
		AtomicBoolean used = new AtomicBoolean();
		return new UploadFile(filename, contentType, () -> {
			if (used.getAndSet(true)) {
				throw new IllegalStateException("The upload '" + filename + "' comes from an InputStream and was "
						+ "already sent; give a Path to send it again");
			}
			return stream;
		}, false, -1);
	}

	/**
	 * Returns the file name the server sees.
	 * @return the file name
	 */
	public String filename() {
		return this.filename;
	}

	/**
	 * Returns the content type.
	 * @return the content type, or {@code null} for {@code application/octet-stream}
	 */
	public @Nullable String contentType() {
		return this.contentType;
	}

	/**
	 * Opens the content; the caller closes it.
	 * @return a new stream (for a stream upload: the stream, once)
	 * @throws IOException when the content cannot be opened
	 */
	public InputStream open() throws IOException {
		return this.opener.open();
	}

	/**
	 * Tells whether the content can be read more than once.
	 * @return {@code true} for a file on disk
	 */
	public boolean isRepeatable() {
		return this.repeatable;
	}

	/**
	 * Returns the length of the content, when known.
	 * @return the size of a file on disk, {@code -1} for a stream
	 */
	public long length() {
		return this.length;
	}

	private static long size(Path file) {
		try {
			return Files.size(file);
		}
		catch (IOException ex) {
			return -1;
		}
	}

	@Override
	public String toString() {
		return "UploadFile[" + this.filename + "]";
	}

	@FunctionalInterface
	private interface Opener {

		InputStream open() throws IOException;

	}

}
