package dev.springcohere.benchmarks.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Samples a process's resident memory and threads ({@code /proc/PID/status}, twice a
 * second) and its used Java heap ({@code jcmd PID GC.heap_info}, every two seconds),
 * keeping the peaks.
 */
final class ResourceSampler {

	private static final Pattern HEAP_USED = Pattern.compile("heap .*?used (\\d+)K");

	private final long pid;

	private final Thread thread;

	private volatile boolean running = true;

	volatile long peakRssKb;

	volatile long peakThreads;

	volatile long peakHeapKb;

	ResourceSampler(long pid) {
		this.pid = pid;
		this.thread = Thread.ofPlatform().daemon().name("load-sampler").start(this::sample);
	}

	private void sample() {
		int tick = 0;
		while (this.running) {
			try {
				for (String line : Files.readAllLines(Path.of("/proc", Long.toString(this.pid), "status"))) {
					if (line.startsWith("VmRSS:")) {
						this.peakRssKb = Math.max(this.peakRssKb, number(line));
					}
					else if (line.startsWith("Threads:")) {
						this.peakThreads = Math.max(this.peakThreads, number(line));
					}
				}
				if (tick++ % 4 == 0) {
					this.peakHeapKb = Math.max(this.peakHeapKb, heapUsedKb());
				}
				Thread.sleep(500);
			}
			catch (IOException ex) {
				return;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	private long heapUsedKb() throws IOException, InterruptedException {
		Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
				Long.toString(this.pid), "GC.heap_info")
			.redirectErrorStream(true)
			.start();
		String output = new String(jcmd.getInputStream().readAllBytes());
		jcmd.waitFor();
		long used = 0;
		Matcher matcher = HEAP_USED.matcher(output);
		while (matcher.find()) {
			used = Math.max(used, Long.parseLong(matcher.group(1)));
		}
		return used;
	}

	private static long number(String line) {
		return Long.parseLong(line.replaceAll("[^0-9]", ""));
	}

	void stop() throws InterruptedException {
		this.running = false;
		this.thread.interrupt();
		this.thread.join();
	}

}
