package dev.springcohere.engine.hub;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads one blob into {@code blobs/{etag}.incomplete}, resuming with {@code Range}
 * from what is already there (and restarting when the server ignores the range), verifies
 * its size and checksum, then renames it atomically to {@code blobs/{etag}}. The caller
 * holds the blob's lock.
 */
final class BlobDownloader {

	private static final Logger logger = LoggerFactory.getLogger(BlobDownloader.class);

	private final HubTransport transport;

	private final DownloadProgress progress;

	private final Duration stallTimeout;

	BlobDownloader(HubTransport transport, DownloadProgress progress, Duration stallTimeout) {
		this.transport = transport;
		this.progress = progress;
		this.stallTimeout = stallTimeout;
	}

	void download(FileMetadata meta, Path incomplete, Path blob, HubTransport.Target target) throws IOException {
		Files.createDirectories(incomplete.getParent());
		long expected = meta.size();
		int failures = 0;
		while (true) {
			long have = Files.exists(incomplete) ? Files.size(incomplete) : 0;
			if (expected >= 0 && have > expected) {
				Files.delete(incomplete);
				have = 0;
			}
			if (expected >= 0 && have == expected && have > 0) {
				break;
			}
			HttpResponse<InputStream> response = this.transport.get(meta.location(), have, target);
			int status = response.statusCode();
			boolean append;
			if (status == 206 && have > 0) {
				if (rangeStart(response) != have) {
					HubTransport.closeQuietly(response.body());
					logger.debug("Server answered a different range for {}; restarting from zero", target.filename());
					Files.delete(incomplete);
					continue;
				}
				append = true;
			}
			else if (status == 200 || status == 206) {
				if (have > 0) {
					logger.debug("Server ignored the Range request for {}; restarting from zero", target.filename());
				}
				append = false;
				have = 0;
			}
			else if (status == 416 && have > 0) {
				HubTransport.closeQuietly(response.body());
				if (expected < 0) {
					break;
				}
				Files.delete(incomplete);
				continue;
			}
			else {
				HubTransport.closeQuietly(response.body());
				throw this.transport.error(status, response.headers(), target);
			}
			this.progress.started(target.filename(), have, expected);
			try {
				have = copy(response.body(), incomplete, append, have, expected, target);
				if (expected >= 0 && have < expected) {
					throw new IOException("the body ended after " + have + " of " + expected + " bytes");
				}
				break;
			}
			catch (IOException ex) {
				if (failures >= this.transport.maxRetries()) {
					throw new HubException(HubException.Kind.NETWORK_ERROR,
							"The download of " + target.describe() + " broke off " + (failures + 1) + " times (last: "
									+ ex + "); " + Files.size(incomplete) + " bytes are kept in " + incomplete
									+ " and the next attempt resumes from there",
							target.repoId(), target.revision(), target.filename(), -1, ex);
				}
				logger.debug("Download of {} broke off ({}); resuming", target.filename(), ex.toString());
				this.transport.backoff(failures, target);
				failures++;
			}
		}
		verify(meta, incomplete, target);
		HubCache.move(incomplete, blob);
		this.progress.finished(target.filename(), Files.size(blob));
	}

	/**
	 * Appends the body to the file. A watchdog closes the body when no byte arrives for
	 * the stall timeout (the JDK client has no read timeout), which turns a stalled
	 * transfer into a broken one that the caller resumes.
	 */
	private long copy(InputStream body, Path incomplete, boolean append, long start, long expected,
			HubTransport.Target target) throws IOException {
		long done = start;
		AtomicLong lastData = new AtomicLong(System.nanoTime());
		AtomicBoolean stalled = new AtomicBoolean();
		long stallNanos = this.stallTimeout.toNanos();
		Thread watchdog = Thread.ofVirtual().name("hub-download-watchdog").start(() -> {
			try {
				while (true) {
					Thread.sleep(Math.max(10, this.stallTimeout.toMillis() / 4));
					if (System.nanoTime() - lastData.get() > stallNanos) {
						stalled.set(true);
						HubTransport.closeQuietly(body);
						return;
					}
				}
			}
			catch (InterruptedException ex) {
				// transfer over
			}
		});
		try (InputStream in = body;
				FileChannel out = FileChannel.open(incomplete, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
						append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
			byte[] buffer = new byte[1 << 16];
			int n;
			while ((n = in.read(buffer)) > 0) {
				lastData.set(System.nanoTime());
				ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
				while (chunk.hasRemaining()) {
					out.write(chunk);
				}
				done += n;
				this.progress.advanced(target.filename(), done, expected);
			}
		}
		catch (IOException ex) {
			if (stalled.get()) {
				throw new IOException("no data for " + this.stallTimeout.toMillis() + " ms", ex);
			}
			throw ex;
		}
		finally {
			watchdog.interrupt();
		}
		if (stalled.get()) {
			throw new IOException("no data for " + this.stallTimeout.toMillis() + " ms");
		}
		return done;
	}

	private static long rangeStart(HttpResponse<?> response) {
		String contentRange = response.headers().firstValue("Content-Range").orElse("").strip();
		if (!contentRange.startsWith("bytes ")) {
			return -1;
		}
		int dash = contentRange.indexOf('-');
		try {
			return (dash > 6) ? Long.parseLong(contentRange.substring(6, dash).strip()) : -1;
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	private static void verify(FileMetadata meta, Path incomplete, HubTransport.Target target) throws IOException {
		long size = Files.size(incomplete);
		if (meta.size() >= 0 && size != meta.size()) {
			Files.deleteIfExists(incomplete);
			throw new HubException(HubException.Kind.CHECKSUM_MISMATCH,
					"Downloaded " + size + " bytes of " + target.describe() + " but the Hub announced " + meta.size()
							+ "; the partial file was removed, try again",
					target.repoId(), target.revision(), target.filename(), -1, null);
		}
		String digest = Checksums.digestFor(meta.etag(), incomplete);
		if (digest != null && !digest.equals(meta.etag())) {
			Files.deleteIfExists(incomplete);
			throw new HubException(HubException.Kind.CHECKSUM_MISMATCH,
					"Checksum mismatch for " + target.describe() + ": expected " + meta.etag() + " but the "
							+ "downloaded bytes hash to " + digest + "; the file was removed, try again",
					target.repoId(), target.revision(), target.filename(), -1, null);
		}
	}

}
