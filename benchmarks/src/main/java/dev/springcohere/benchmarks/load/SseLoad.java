package dev.springcohere.benchmarks.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient.ResponseReceiver;
import reactor.netty.resources.ConnectionProvider;

/**
 * Holds many server-sent-event streams open against an application for a while and
 * reports what the application added over its upstream: each stream is replaced by a new
 * one as soon as it ends (a closed loop of {@code --streams} at once); the time to the
 * first text and to the end of each stream are compared with what the stand-in upstream
 * takes by itself; the application's process is sampled for resident memory, heap and
 * threads. <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.springcohere.benchmarks.load.SseLoad \
 *   --launch "java -jar sample-apps/quickstart/target/quickstart-0.1.0-SNAPSHOT.jar --server.port={port} \
 *     --cohere.base-url={standin} --cohere.api-key=load" \
 *   --target "http://127.0.0.1:{port}/api/chat/stream?message=hi" --streams 1000 --duration 60s
 * </pre> Options: {@code --target URL} (GET, or POST with {@code --body JSON}),
 * {@code --launch CMD} (started, waited for until {@code --ready URL} answers 200, and
 * stopped at the end; {@code {port}} and {@code {standin}} are filled in),
 * {@code --streams N}, {@code --duration D}, {@code --deltas N} and {@code --interval D}
 * (the stand-in's pace), {@code --first-marker TEXT} (what counts as the first text,
 * {@code data:} by default).
 */
public final class SseLoad {

	private SseLoad() {
	}

	/**
	 * Runs the harness.
	 * @param args the options
	 * @throws Exception when the application cannot be started or a sample fails
	 */
	public static void main(String[] args) throws Exception {
		Map<String, String> options = options(args);
		int streams = Integer.parseInt(options.getOrDefault("streams", "100"));
		Duration duration = Duration.parse("PT" + options.getOrDefault("duration", "30s").toUpperCase());
		int deltas = Integer.parseInt(options.getOrDefault("deltas", "40"));
		Duration interval = Duration.parse("PT" + options.getOrDefault("interval", "0.05s").toUpperCase());
		String marker = options.getOrDefault("first-marker", "data:");
		try (StreamingStandIn standIn = new StreamingStandIn(0, deltas, interval)) {
			int port = Integer.parseInt(options.getOrDefault("port", "18080"));
			String target = fill(required(options, "target"), port, standIn);
			Process app = null;
			if (options.containsKey("launch")) {
				app = launch(fill(options.get("launch"), port, standIn));
				waitReady(fill(options.getOrDefault("ready", target), port, standIn), app);
			}
			try {
				long pid = (app != null) ? app.pid() : Long.parseLong(options.getOrDefault("pid", "-1"));
				Duration warmup = Duration.parse("PT" + options.getOrDefault("warmup", "15s").toUpperCase());
				run(target, options.get("body"), streams, warmup, marker, -1);
				long upstreamBefore = standIn.streams();
				Report report = run(target, options.get("body"), streams, duration, marker, pid);
				boolean compare = Boolean.parseBoolean(options.getOrDefault("compare-upstream", "true"));
				report.print(streams, duration, deltas, interval, standIn.streams() - upstreamBefore, compare);
			}
			finally {
				if (app != null) {
					app.destroy();
					app.waitFor();
				}
			}
		}
	}

	private static Report run(String target, String body, int streams, Duration duration, String marker, long pid)
			throws InterruptedException {
		ConnectionProvider connections = ConnectionProvider.builder("load")
			.maxConnections(streams + 16)
			.pendingAcquireMaxCount(-1)
			.build();
		reactor.netty.http.client.HttpClient client = reactor.netty.http.client.HttpClient.create(connections)
			.headers((headers) -> headers.set("Accept", "text/event-stream").set("Content-Type", "application/json"));
		Report report = new Report();
		ResourceSampler sampler = (pid > 0) ? new ResourceSampler(pid) : null;
		long end = System.nanoTime() + duration.toNanos();
		CountDownLatch done = new CountDownLatch(streams);
		for (int i = 0; i < streams; i++) {
			loop(client, target, body, marker, end, report, done);
		}
		done.await();
		if (sampler != null) {
			sampler.stop();
			report.peakRssKb = sampler.peakRssKb;
			report.peakThreads = sampler.peakThreads;
			report.peakHeapKb = sampler.peakHeapKb;
		}
		connections.disposeLater().block();
		return report;
	}

	private static void loop(reactor.netty.http.client.HttpClient client, String target, String body, String marker,
			long end, Report report, CountDownLatch done) {
		if (System.nanoTime() >= end) {
			done.countDown();
			return;
		}
		long start = System.nanoTime();
		AtomicLong first = new AtomicLong();
		ResponseReceiver<?> request = (body != null)
				? client.post().uri(target).send(ByteBufFlux.fromString(Mono.just(body))) : client.get().uri(target);
		request.response((response, content) -> {
			if (response.status().code() != 200) {
				report.statuses.merge(response.status().code(), 1, Integer::sum);
			}
			return content.asString(StandardCharsets.UTF_8).doOnNext((text) -> {
				if (first.get() == 0 && text.contains(marker)) {
					first.set(System.nanoTime());
				}
			});
		}).then().subscribe(null, (ex) -> {
			report.statuses.merge(-1, 1, Integer::sum);
			report.errors.incrementAndGet();
			loop(client, target, body, marker, end, report, done);
		}, () -> {
			long now = System.nanoTime();
			if (first.get() != 0) {
				report.firstText.add((first.get() - start) / 1_000_000.0);
				report.total.add((now - start) / 1_000_000.0);
				report.completed.incrementAndGet();
			}
			else {
				report.errors.incrementAndGet();
			}
			loop(client, target, body, marker, end, report, done);
		});
	}

	private static Process launch(String command) throws IOException {
		ProcessBuilder builder = new ProcessBuilder("bash", "-c", "exec " + command);
		builder.redirectErrorStream(true).redirectOutput(Path.of("target", "load-app.log").toFile());
		Files.createDirectories(Path.of("target"));
		return builder.start();
	}

	private static void waitReady(String url, Process app) throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
		while (System.nanoTime() < deadline) {
			if (!app.isAlive()) {
				throw new IllegalStateException("The application exited with " + app.exitValue()
						+ " before it was ready; see target/load-app.log");
			}
			try {
				HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
						HttpResponse.BodyHandlers.discarding());
				if (response.statusCode() < 500) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(250);
		}
		throw new IllegalStateException("The application was not ready within 2 minutes at " + url);
	}

	private static String fill(String text, int port, StreamingStandIn standIn) {
		return text.replace("{port}", Integer.toString(port)).replace("{standin}", standIn.baseUrl());
	}

	private static String required(Map<String, String> options, String name) {
		String value = options.get(name);
		if (value == null) {
			throw new IllegalArgumentException(
					"--" + name + " is required; see the Javadoc of SseLoad for the options");
		}
		return value;
	}

	private static Map<String, String> options(String[] args) {
		Map<String, String> options = new LinkedHashMap<>();
		for (int i = 0; i < args.length; i += 2) {
			if (!args[i].startsWith("--") || i + 1 >= args.length) {
				throw new IllegalArgumentException("Expected '--name value' pairs but got '" + args[i] + "'");
			}
			options.put(args[i].substring(2), args[i + 1]);
		}
		return options;
	}

	/** What the streams measured. */
	private static final class Report {

		final ConcurrentLinkedQueue<Double> firstText = new ConcurrentLinkedQueue<>();

		final ConcurrentLinkedQueue<Double> total = new ConcurrentLinkedQueue<>();

		final AtomicInteger completed = new AtomicInteger();

		final AtomicInteger errors = new AtomicInteger();

		/** Failed streams by HTTP status (-1: the connection failed). */
		final java.util.concurrent.ConcurrentMap<Integer, Integer> statuses = new java.util.concurrent.ConcurrentHashMap<>();

		long peakRssKb;

		long peakThreads;

		long peakHeapKb;

		void print(int streams, Duration duration, int deltas, Duration interval, long upstreamStreams,
				boolean compare) {
			double upstreamFirst = compare ? interval.toNanos() / 1e6 : 0;
			double upstreamTotal = upstreamFirst * deltas;
			List<Double> first = sorted(this.firstText);
			List<Double> all = sorted(this.total);
			System.out.printf("streams held %d for %s: %d completed, %d errors %s, %d upstream streams%n", streams,
					duration, this.completed.get(), this.errors.get(), this.statuses, upstreamStreams);
			if (compare) {
				System.out.printf("upstream: first text after %.1f ms, end after %.1f ms (%d deltas every %s)%n",
						upstreamFirst, upstreamTotal, deltas, interval);
			}
			System.out.printf("first text ms: p50 %.1f p99 %.1f max %.1f%s%n", percentile(first, 50),
					percentile(first, 99), percentile(first, 100),
					compare ? String.format(" -> added p50 %.1f p99 %.1f", percentile(first, 50) - upstreamFirst,
							percentile(first, 99) - upstreamFirst) : "");
			System.out.printf("whole stream ms: p50 %.1f p99 %.1f max %.1f%s%n", percentile(all, 50),
					percentile(all, 99), percentile(all, 100), compare ? String.format(" -> added p50 %.1f p99 %.1f",
							percentile(all, 50) - upstreamTotal, percentile(all, 99) - upstreamTotal) : "");
			System.out.printf("application at peak: RSS %d MiB, heap used %d MiB, threads %d%n", this.peakRssKb / 1024,
					this.peakHeapKb / 1024, this.peakThreads);
		}

		private static List<Double> sorted(ConcurrentLinkedQueue<Double> values) {
			List<Double> list = new ArrayList<>(values);
			Collections.sort(list);
			return list;
		}

		private static double percentile(List<Double> sorted, int p) {
			if (sorted.isEmpty()) {
				return Double.NaN;
			}
			int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
			return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
		}

	}

}
