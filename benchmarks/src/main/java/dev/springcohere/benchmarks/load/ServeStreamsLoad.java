package dev.springcohere.benchmarks.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Opens many concurrent streaming chats against the engine's {@code serve} and reports,
 * for each stream, how many scheduler steps passed between consecutive tokens (issue #16:
 * with 16 streams no stream should wait more than 2 steps). {@code serve} is started on a
 * synthetic checkpoint of a decoder config's shape ({@link SyntheticCheckpoint}); while
 * the streams run, {@code GET /engine/metrics} is polled every few milliseconds for the
 * step counter ({@code cohere.local.steps}), and each token (each {@code content-delta}
 * event) is given the step count first seen after it arrived, so the gap between two
 * tokens in steps is the difference of those counts. Wall-clock gaps and the median step
 * time are reported beside them. <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.springcohere.benchmarks.load.ServeStreamsLoad \
 *   --jar cohere-engine/target/cohere-engine-0.1.0-SNAPSHOT-cli.jar \
 *   --config cohere-engine/bench/cohere2-1b.json --tokenizer ../shared/fixtures/engine/tiny-tokenizer \
 *   --dir /tmp/cohere2-1b-synthetic --streams 16 --max-tokens 8
 * </pre> Options: {@code --jar} (the engine's CLI jar), {@code --config} (a decoder
 * {@code config.json}), {@code --tokenizer} (a directory with {@code tokenizer.json} and
 * {@code tokenizer_config.json}), {@code --dir} (where the checkpoint is written, reused
 * when it is already there), {@code --streams N} (also serve's {@code --pool-size}),
 * {@code --max-tokens N}, {@code --port P}, {@code --threads T} (serve's),
 * {@code --poll-ms}, {@code --warmup N} (requests sent one after the other before the
 * measured ones, 1 by default: they warm up the JIT and put the chat template's preamble
 * in the prefix cache, as on a server that has answered before). Run by hand; never part
 * of the build's tests.
 */
public final class ServeStreamsLoad {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String MODEL_NAME = "synthetic";

	private ServeStreamsLoad() {
	}

	/**
	 * Runs the measurement and prints one JSON line.
	 * @param args the options
	 * @throws Exception when serve cannot be started or a stream fails
	 */
	public static void main(String[] args) throws Exception {
		Map<String, String> options = options(args);
		int streams = Integer.parseInt(options.getOrDefault("streams", "16"));
		int maxTokens = Integer.parseInt(options.getOrDefault("max-tokens", "8"));
		int port = Integer.parseInt(options.getOrDefault("port", "18181"));
		long pollMillis = Long.parseLong(options.getOrDefault("poll-ms", "5"));
		int warmup = Integer.parseInt(options.getOrDefault("warmup", "1"));
		Path dir = Path.of(required(options, "dir"));
		SyntheticCheckpoint.write(Path.of(required(options, "config")), Path.of(required(options, "tokenizer")), dir,
				42);
		List<String> command = new ArrayList<>(List.of(javaCommand(), "--add-modules", "jdk.incubator.vector", "-jar",
				required(options, "jar"), "serve", "--model", dir.toString(), "--served-model-name", MODEL_NAME,
				"--port", String.valueOf(port), "--pool-size", String.valueOf(streams)));
		if (options.containsKey("threads")) {
			command.add("--threads");
			command.add(options.get("threads"));
		}
		Process serve = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(dir.resolve("serve.log").toFile())
			.start();
		String base = "http://127.0.0.1:" + port;
		HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		try {
			waitReady(client, base, serve);
			for (int i = 0; i < warmup; i++) {
				// caches the chat template's preamble blocks and warms up the JIT
				tokenTimes(
						client.send(chat(base, "Warm up " + i + ".", maxTokens), HttpResponse.BodyHandlers.ofLines()));
			}
			Report report = run(client, base, streams, maxTokens, pollMillis);
			System.out.println(JSON.writeValueAsString(report.summary(streams, maxTokens)));
		}
		finally {
			serve.destroy();
			serve.waitFor();
		}
	}

	private static Report run(HttpClient client, String base, int streams, int maxTokens, long pollMillis)
			throws Exception {
		List<long[]> samples = new CopyOnWriteArrayList<>();
		AtomicBoolean polling = new AtomicBoolean(true);
		Thread poller = Thread.ofPlatform().daemon().name("metrics-poller").start(() -> {
			while (polling.get()) {
				try {
					samples.add(new long[] { System.nanoTime(), steps(client, base) });
					Thread.sleep(pollMillis);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
				catch (IOException ex) {
					throw new IllegalStateException("GET /engine/metrics failed: " + ex.getMessage(), ex);
				}
			}
		});
		List<CompletableFuture<List<Long>>> futures = new ArrayList<>();
		long start = System.nanoTime();
		for (int i = 0; i < streams; i++) {
			futures.add(client
				.sendAsync(chat(base, "Tell story number " + i + ".", maxTokens), HttpResponse.BodyHandlers.ofLines())
				.thenApplyAsync(ServeStreamsLoad::tokenTimes));
		}
		List<List<Long>> times = new ArrayList<>();
		for (CompletableFuture<List<Long>> future : futures) {
			times.add(future.get());
		}
		long end = System.nanoTime();
		Thread.sleep(3 * pollMillis);
		polling.set(false);
		poller.join();
		return new Report(start, end, times, List.copyOf(samples));
	}

	private static HttpRequest chat(String base, String message, int maxTokens) {
		String body = JSON.writeValueAsString(Map.of("model", MODEL_NAME, "stream", true, "max_tokens", maxTokens,
				"messages", List.of(Map.of("role", "user", "content", message))));
		return HttpRequest.newBuilder(URI.create(base + "/v2/chat"))
			.header("Content-Type", "application/json")
			.header("Accept", "text/event-stream")
			.timeout(Duration.ofMinutes(30))
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
	}

	/** The arrival time of every content-delta event of one stream. */
	private static List<Long> tokenTimes(HttpResponse<Stream<String>> response) {
		if (response.statusCode() != 200) {
			throw new IllegalStateException("POST /v2/chat answered " + response.statusCode());
		}
		List<Long> arrivals = new ArrayList<>();
		String[] finish = { null };
		try (Stream<String> lines = response.body()) {
			lines.forEach((line) -> {
				if (!line.startsWith("data:")) {
					return;
				}
				long now = System.nanoTime();
				JsonNode event = JSON.readTree(line.substring(5));
				String type = event.path("type").asString();
				if ("content-delta".equals(type)) {
					arrivals.add(now);
				}
				else if ("message-end".equals(type)) {
					finish[0] = event.path("delta").path("finish_reason").asString();
				}
			});
		}
		if (finish[0] == null || "ERROR".equals(finish[0])) {
			throw new IllegalStateException("A stream ended without a clean message-end: " + finish[0]);
		}
		return arrivals;
	}

	private static long steps(HttpClient client, String base) throws IOException, InterruptedException {
		HttpResponse<String> response = client.send(
				HttpRequest.newBuilder(URI.create(base + "/engine/metrics")).build(),
				HttpResponse.BodyHandlers.ofString());
		for (JsonNode metric : JSON.readTree(response.body()).path("metrics")) {
			if ("cohere.local.steps".equals(metric.path("name").asString())) {
				return metric.path("value").asLong();
			}
		}
		throw new IllegalStateException("GET /engine/metrics has no cohere.local.steps: " + response.body());
	}

	private static void waitReady(HttpClient client, String base, Process serve) throws Exception {
		long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
		while (System.nanoTime() < deadline) {
			if (!serve.isAlive()) {
				throw new IllegalStateException("serve exited with " + serve.exitValue() + " (see serve.log)");
			}
			try {
				HttpResponse<Void> response = client.send(
						HttpRequest.newBuilder(URI.create(base + "/v1/models")).build(),
						HttpResponse.BodyHandlers.discarding());
				if (response.statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(500);
		}
		throw new IllegalStateException("serve did not answer GET /v1/models within 10 minutes");
	}

	private static String javaCommand() {
		return ProcessHandle.current().info().command().orElse("java");
	}

	private static String required(Map<String, String> options, String name) {
		String value = options.get(name);
		if (value == null) {
			throw new IllegalArgumentException("--" + name + " is required");
		}
		return value;
	}

	private static Map<String, String> options(String[] args) {
		Map<String, String> options = new LinkedHashMap<>();
		for (int i = 0; i < args.length; i++) {
			if (!args[i].startsWith("--") || i + 1 == args.length) {
				throw new IllegalArgumentException("Expected --name value pairs but got '" + args[i] + "'");
			}
			options.put(args[i].substring(2), args[++i]);
		}
		return options;
	}

	/**
	 * The token arrival times of every stream and the step counter samples.
	 */
	private record Report(long start, long end, List<List<Long>> times, List<long[]> samples) {

		/** The step count of the first sample taken at or after {@code time}. */
		long stepAfter(long time) {
			for (long[] sample : this.samples) {
				if (sample[0] >= time) {
					return sample[1];
				}
			}
			return this.samples.get(this.samples.size() - 1)[1];
		}

		Map<String, Object> summary(int streams, int maxTokens) {
			long maxStepGap = 0;
			double maxWallGap = 0;
			List<Long> perStreamMax = new ArrayList<>();
			int tokens = 0;
			for (List<Long> arrivals : this.times) {
				long streamMax = 0;
				tokens += arrivals.size();
				for (int i = 1; i < arrivals.size(); i++) {
					long gap = stepAfter(arrivals.get(i)) - stepAfter(arrivals.get(i - 1));
					streamMax = Math.max(streamMax, gap);
					maxWallGap = Math.max(maxWallGap, (arrivals.get(i) - arrivals.get(i - 1)) / 1e9);
				}
				perStreamMax.add(streamMax);
				maxStepGap = Math.max(maxStepGap, streamMax);
			}
			List<Double> stepSeconds = new ArrayList<>();
			long lastChange = -1;
			for (int i = 1; i < this.samples.size(); i++) {
				if (this.samples.get(i)[1] != this.samples.get(i - 1)[1]) {
					long at = this.samples.get(i)[0];
					long steps = this.samples.get(i)[1] - this.samples.get(i - 1)[1];
					if (lastChange >= 0) {
						stepSeconds.add((at - lastChange) / 1e9 / steps);
					}
					lastChange = at;
				}
			}
			Collections.sort(stepSeconds);
			Map<String, Object> summary = new LinkedHashMap<>();
			summary.put("streams", streams);
			summary.put("max_tokens", maxTokens);
			summary.put("tokens", tokens);
			summary.put("seconds", (this.end - this.start) / 1e9);
			summary.put("steps", this.samples.get(this.samples.size() - 1)[1] - this.samples.get(0)[1]);
			summary.put("max_gap_steps", maxStepGap);
			summary.put("max_gap_steps_per_stream", perStreamMax);
			summary.put("max_gap_seconds", maxWallGap);
			summary.put("median_step_seconds", stepSeconds.isEmpty() ? null : stepSeconds.get(stepSeconds.size() / 2));
			summary.put("max_step_seconds", stepSeconds.isEmpty() ? null : stepSeconds.get(stepSeconds.size() - 1));
			summary.put("metric_samples", this.samples.size());
			return summary;
		}

	}

}
