package dev.springcohere.benchmarks;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import com.cohere.api.Cohere;
import com.cohere.api.resources.v2.requests.V2ChatRequest;
import com.cohere.api.resources.v2.requests.V2ChatStreamRequest;
import com.cohere.api.resources.v2.types.V2ChatStreamResponse;
import com.cohere.api.types.ChatMessageV2;
import com.cohere.api.types.UserMessageV2;
import com.cohere.api.types.UserMessageV2Content;

import dev.springcohere.api.ChatRequest;
import dev.springcohere.api.ChatStreamAccumulator;
import dev.springcohere.api.StreamEvent;
import dev.springcohere.api.UserMessage;
import dev.springcohere.client.CohereClient;
import dev.springcohere.http.HttpSettings;
import dev.springcohere.http.HttpTransportType;

/**
 * A companion to {@link ChatClientBenchmark} for a machine shared with other work: JMH
 * runs one benchmark after the other, so a load that changes between them skews the
 * ratios; this runs the clients in alternating rounds (the official SDK, our client on
 * each engine: OkHttp, Reactor Netty, the JDK client) in one JVM and prints the median of
 * the per-round means of the last two thirds of the rounds and its ratio to the SDK's.
 * <p>
 * {@code java -cp benchmarks/target/benchmarks.jar dev.springcohere.benchmarks.InterleavedChatComparison [rounds] [calls-per-round]}
 */
public final class InterleavedChatComparison {

	private static final String MODEL = "command-a-03-2025";

	private static final String PROMPT = "Tell me about LLMs";

	private InterleavedChatComparison() {
	}

	/**
	 * Runs the comparison.
	 * @param args rounds (default 45) and calls per round (default 200; a tenth of it for
	 * streams)
	 * @throws IOException if the loopback server cannot bind
	 */
	public static void main(String[] args) throws IOException {
		int rounds = (args.length > 0) ? Integer.parseInt(args[0]) : 45;
		int calls = (args.length > 1) ? Integer.parseInt(args[1]) : 200;
		try (LoopbackCohereServer server = new LoopbackCohereServer(ChatClientBenchmark.STREAM_DELTAS);
				CohereClient okhttp = client(server, HttpTransportType.OKHTTP);
				CohereClient netty = client(server, HttpTransportType.REACTOR_NETTY);
				CohereClient jdk = client(server, HttpTransportType.JDK)) {
			Cohere sdk = Cohere.builder().token("bench-key").url(server.baseUrl()).build();
			ChatRequest request = ChatRequest.builder().model(MODEL).messages(UserMessage.of(PROMPT)).build();
			List<ChatMessageV2> sdkMessages = List
				.of(ChatMessageV2.user(UserMessageV2.builder().content(UserMessageV2Content.of(PROMPT)).build()));
			List<String> names = new ArrayList<>();
			List<Runnable> actions = new ArrayList<>();
			names.add("chat sdk");
			actions.add(() -> sdk.v2().chat(V2ChatRequest.builder().model(MODEL).messages(sdkMessages).build()));
			names.add("chat ours (okhttp)");
			actions.add(() -> okhttp.chat(request));
			names.add("chat ours (reactor-netty)");
			actions.add(() -> netty.chat(request));
			names.add("chat ours (jdk)");
			actions.add(() -> jdk.chat(request));
			int streamsFrom = actions.size();
			names.add("stream sdk");
			actions.add(() -> {
				for (V2ChatStreamResponse event : sdk.v2()
					.chatStream(V2ChatStreamRequest.builder().model(MODEL).messages(sdkMessages).build())) {
					event.hashCode();
				}
			});
			names.add("stream ours blocking (okhttp)");
			actions.add(() -> streamBlocking(okhttp, request));
			names.add("stream ours (okhttp)");
			actions.add(() -> stream(okhttp, request));
			names.add("stream ours (reactor-netty)");
			actions.add(() -> stream(netty, request));
			names.add("stream ours (jdk)");
			actions.add(() -> stream(jdk, request));
			List<List<Double>> means = new ArrayList<>();
			for (int i = 0; i < actions.size(); i++) {
				means.add(new ArrayList<>());
			}
			for (int round = 0; round < rounds; round++) {
				for (int i = 0; i < actions.size(); i++) {
					int n = (i < streamsFrom) ? calls : Math.max(1, calls / 10);
					long start = System.nanoTime();
					for (int call = 0; call < n; call++) {
						actions.get(i).run();
					}
					means.get(i).add((System.nanoTime() - start) / 1000.0 / n);
				}
			}
			double[] medians = new double[actions.size()];
			for (int i = 0; i < actions.size(); i++) {
				List<Double> measured = new ArrayList<>(means.get(i).subList(rounds / 3, rounds));
				Collections.sort(measured);
				medians[i] = measured.get(measured.size() / 2);
			}
			System.out.println(String.format(Locale.ROOT,
					"%d rounds of %d chat calls / %d streams of %d events; median of the per-round means of the last %d rounds",
					rounds, calls, Math.max(1, calls / 10), ChatClientBenchmark.STREAM_DELTAS + 4,
					rounds - rounds / 3));
			for (int i = 0; i < actions.size(); i++) {
				double sdkMedian = medians[(i < streamsFrom) ? 0 : streamsFrom];
				System.out.println(String.format(Locale.ROOT, "%-28s median %9.1f us  %.2fx the SDK", names.get(i),
						medians[i], medians[i] / sdkMedian));
			}
		}
	}

	private static CohereClient client(LoopbackCohereServer server, HttpTransportType transport) {
		return CohereClient.builder()
			.apiKey("bench-key")
			.baseUrl(server.baseUrl())
			.httpSettings(HttpSettings.builder().transport(transport).build())
			.build();
	}

	private static void streamBlocking(CohereClient client, ChatRequest request) {
		ChatStreamAccumulator accumulator = new ChatStreamAccumulator();
		try (Stream<StreamEvent> events = client.chatStreamBlocking(request)) {
			events.forEach(accumulator::accept);
		}
		accumulator.result();
	}

	private static void stream(CohereClient client, ChatRequest request) {
		ChatStreamAccumulator accumulator = new ChatStreamAccumulator();
		client.chatStream(request).doOnNext(accumulator::accept).blockLast();
		accumulator.result();
	}

}
