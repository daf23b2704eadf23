package dev.springcohere.engine.hub;

import java.io.Console;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Objects;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progress shown to a person: on a terminal, a one-line bar redrawn on standard error
 * (file, bytes, total, percent, MB/s); without a terminal, a log line at a coarse
 * interval and one when a file is done.
 */
public final class ConsoleDownloadProgress implements DownloadProgress {

	private static final Logger logger = LoggerFactory.getLogger(ConsoleDownloadProgress.class);

	private static final long REDRAW_NANOS = 100_000_000L;

	private static final long LOG_NANOS = 10_000_000_000L;

	private static final int BAR_WIDTH = 30;

	private final PrintStream out;

	private final boolean terminal;

	private final LongSupplier nanoClock;

	private long startNanos;

	private long startBytes;

	private long lastReportNanos;

	/**
	 * Creates a progress display.
	 * @param out where the bar is drawn (standard error for a console)
	 * @param terminal {@code true} to draw the bar, {@code false} to log at a coarse
	 * interval instead
	 * @param nanoClock a monotonic clock in nanoseconds, e.g. {@code System::nanoTime}
	 */
	public ConsoleDownloadProgress(PrintStream out, boolean terminal, LongSupplier nanoClock) {
		this.out = Objects.requireNonNull(out, "'out' must not be null");
		this.terminal = terminal;
		this.nanoClock = Objects.requireNonNull(nanoClock, "'nanoClock' must not be null");
	}

	/**
	 * Returns a display on {@code System.err} that draws a bar when a terminal is
	 * attached and logs otherwise.
	 * @return the progress display
	 */
	public static ConsoleDownloadProgress forConsole() {
		Console console = System.console();
		return new ConsoleDownloadProgress(System.err, console != null && console.isTerminal(), System::nanoTime);
	}

	@Override
	public synchronized void started(String filename, long bytesDone, long totalBytes) {
		this.startNanos = this.nanoClock.getAsLong();
		this.startBytes = bytesDone;
		this.lastReportNanos = this.startNanos;
		if (this.terminal) {
			draw(filename, bytesDone, totalBytes);
		}
		else if (bytesDone > 0) {
			logger.info("Resuming download of {} at {} of {}", filename, megabytes(bytesDone), megabytes(totalBytes));
		}
		else {
			logger.info("Downloading {} ({})", filename, megabytes(totalBytes));
		}
	}

	@Override
	public synchronized void advanced(String filename, long bytesDone, long totalBytes) {
		long now = this.nanoClock.getAsLong();
		long interval = this.terminal ? REDRAW_NANOS : LOG_NANOS;
		if (now - this.lastReportNanos < interval) {
			return;
		}
		this.lastReportNanos = now;
		if (this.terminal) {
			draw(filename, bytesDone, totalBytes);
		}
		else {
			logger.info("Downloading {}: {}", filename, line(bytesDone, totalBytes, now));
		}
	}

	@Override
	public synchronized void finished(String filename, long totalBytes) {
		if (this.terminal) {
			draw(filename, totalBytes, totalBytes);
			this.out.println();
			this.out.flush();
		}
		else {
			logger.info("Downloaded {} ({})", filename, megabytes(totalBytes));
		}
	}

	/**
	 * Formats the status of a transfer, e.g. {@code 12.5/50.0 MB  25%  3.1 MB/s}.
	 * @param bytesDone bytes on disk
	 * @param totalBytes the file size, or {@code -1}
	 * @param nowNanos the current clock value
	 * @return the status text
	 */
	String line(long bytesDone, long totalBytes, long nowNanos) {
		double seconds = Math.max(1e-9, (nowNanos - this.startNanos) / 1e9);
		double rate = (bytesDone - this.startBytes) / 1e6 / seconds;
		if (totalBytes > 0) {
			return String.format(Locale.ROOT, "%.1f/%.1f MB %3d%% %.1f MB/s", bytesDone / 1e6, totalBytes / 1e6,
					percent(bytesDone, totalBytes), rate);
		}
		return String.format(Locale.ROOT, "%.1f MB %.1f MB/s", bytesDone / 1e6, rate);
	}

	private void draw(String filename, long bytesDone, long totalBytes) {
		StringBuilder bar = new StringBuilder(BAR_WIDTH + 2).append('[');
		int filled = (totalBytes > 0) ? (int) (percent(bytesDone, totalBytes) * BAR_WIDTH / 100) : 0;
		for (int i = 0; i < BAR_WIDTH; i++) {
			bar.append((i < filled) ? '#' : '.');
		}
		bar.append(']');
		this.out
			.print("\r" + filename + " " + bar + " " + line(bytesDone, totalBytes, this.nanoClock.getAsLong()) + "   ");
		this.out.flush();
	}

	private static int percent(long done, long total) {
		return (int) Math.min(100, done * 100 / Math.max(1, total));
	}

	private static String megabytes(long bytes) {
		return (bytes < 0) ? "size unknown" : String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
	}

}
