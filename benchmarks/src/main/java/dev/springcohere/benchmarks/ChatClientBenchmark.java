package dev.springcohere.benchmarks;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.cohere.api.Cohere;
import com.cohere.api.resources.v2.requests.V2ChatRequest;
import com.cohere.api.resources.v2.requests.V2ChatStreamRequest;
import com.cohere.api.resources.v2.types.V2ChatResponse;
import com.cohere.api.resources.v2.types.V2ChatStreamResponse;
import com.cohere.api.types.ChatMessageV2;
import com.cohere.api.types.UserMessageV2;
import com.cohere.api.types.UserMessageV2Content;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import dev.springcohere.api.ChatRequest;
import dev.springcohere.api.ChatResponse;
import dev.springcohere.api.ChatStreamAccumulator;
import dev.springcohere.api.StreamEvent;
import dev.springcohere.api.UserMessage;
import dev.springcohere.client.CohereClient;
import dev.springcohere.http.HttpSettings;
import dev.springcohere.http.HttpTransportType;

/**
 * One chat call and one streamed answer of {@value #STREAM_DELTAS} text deltas against a
 * loopback server, with our {@link CohereClient} and the official
 * {@code com.cohere:cohere-java} SDK side by side in the same run.
 * <p>
 * Both clients parse the whole answer into typed objects: ours accumulates the stream
 * into a {@link ChatResponse}, the SDK's iterator yields one typed event per SSE frame;
 * each text delta is consumed by a {@link Blackhole}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = { "-Xms512m", "-Xmx512m", "-Dsun.net.httpserver.nodelay=true" })
public class ChatClientBenchmark {

	/**
	 * Text deltas in the streamed answer; with start, end and content events it makes 200
	 * SSE events.
	 */
	static final int STREAM_DELTAS = 196;

	private static final String MODEL = "command-a-03-2025";

	private static final String PROMPT = "Tell me about LLMs";

	private LoopbackCohereServer server;

	private CohereClient ours;

	private CohereClient oursJdk;

	private CohereClient oursNetty;

	private Cohere sdk;

	/**
	 * Starts the loopback server and both clients.
	 * @throws IOException if the server cannot bind
	 */
	@Setup(Level.Trial)
	public void setUp() throws IOException {
		this.server = new LoopbackCohereServer(STREAM_DELTAS);
		this.ours = CohereClient.builder().apiKey("bench-key").baseUrl(this.server.baseUrl()).build();
		this.oursJdk = CohereClient.builder()
			.apiKey("bench-key")
			.httpSettings(HttpSettings.builder().transport(HttpTransportType.JDK).build())
			.baseUrl(this.server.baseUrl())
			.build();
		this.oursNetty = CohereClient.builder()
			.apiKey("bench-key")
			.httpSettings(HttpSettings.builder().transport(HttpTransportType.REACTOR_NETTY).build())
			.baseUrl(this.server.baseUrl())
			.build();
		this.sdk = Cohere.builder().token("bench-key").url(this.server.baseUrl()).build();
	}

	/** Stops the server. */
	@TearDown(Level.Trial)
	public void tearDown() {
		this.ours.close();
		this.oursJdk.close();
		this.oursNetty.close();
		this.server.close();
	}

	/**
	 * One non-streamed chat call through our client with its default transport (OkHttp,
	 * which is on this module's class path, as the SDK needs it).
	 * @return the parsed response
	 */
	@Benchmark
	public ChatResponse chatOurs() {
		return this.ours.chat(ChatRequest.builder().model(MODEL).messages(UserMessage.of(PROMPT)).build());
	}

	/**
	 * One non-streamed chat call through our client on Reactor Netty.
	 * @return the parsed response
	 */
	@Benchmark
	public ChatResponse chatOursNetty() {
		return this.oursNetty.chat(ChatRequest.builder().model(MODEL).messages(UserMessage.of(PROMPT)).build());
	}

	/**
	 * One non-streamed chat call through our client on the JDK {@code HttpClient}.
	 * @return the parsed response
	 */
	@Benchmark
	public ChatResponse chatOursJdk() {
		return this.oursJdk.chat(ChatRequest.builder().model(MODEL).messages(UserMessage.of(PROMPT)).build());
	}

	/**
	 * One non-streamed chat call through the official SDK.
	 * @return the parsed response
	 */
	@Benchmark
	public V2ChatResponse chatSdk() {
		return this.sdk.v2().chat(V2ChatRequest.builder().model(MODEL).messages(List.of(sdkUserMessage())).build());
	}

	/**
	 * One streamed answer through our client with its default transport (OkHttp),
	 * accumulated into a response.
	 * @param blackhole sink for the events
	 * @return the accumulated response
	 */
	@Benchmark
	public ChatResponse streamOurs(Blackhole blackhole) {
		return stream(this.ours, blackhole);
	}

	/**
	 * One streamed answer through our client's blocking stream with its default transport
	 * (OkHttp, read on the calling thread), accumulated into a response: the same way of
	 * consuming a stream as the SDK's iterator.
	 * @param blackhole sink for the events
	 * @return the accumulated response
	 */
	@Benchmark
	public ChatResponse streamOursBlocking(Blackhole blackhole) {
		ChatStreamAccumulator accumulator = new ChatStreamAccumulator();
		try (Stream<StreamEvent> events = this.ours
			.chatStreamBlocking(ChatRequest.builder().model(MODEL).messages(UserMessage.of(PROMPT)).build())) {
			events.forEach((event) -> {
				blackhole.consume(event);
				accumulator.accept(event);
			});
		}
		return accumulator.result();
	}

	/**
	 * One streamed answer through our client on Reactor Netty, accumulated into a
	 * response.
	 * @param blackhole sink for the events
	 * @return the accumulated response
	 */
	@Benchmark
	public ChatResponse streamOursNetty(Blackhole blackhole) {
		return stream(this.oursNetty, blackhole);
	}

	/**
	 * One streamed answer through our client on the JDK {@code HttpClient}, accumulated
	 * into a response.
	 * @param blackhole sink for the events
	 * @return the accumulated response
	 */
	@Benchmark
	public ChatResponse streamOursJdk(Blackhole blackhole) {
		return stream(this.oursJdk, blackhole);
	}

	private static ChatResponse stream(CohereClient client, Blackhole blackhole) {
		ChatStreamAccumulator accumulator = new ChatStreamAccumulator();
		client.chatStream(ChatRequest.builder().model(MODEL).messages(UserMessage.of(PROMPT)).build())
			.doOnNext(blackhole::consume)
			.doOnNext(accumulator::accept)
			.blockLast();
		return accumulator.result();
	}

	/**
	 * One streamed answer through the official SDK.
	 * @param blackhole sink for the events
	 * @return the number of events seen
	 */
	@Benchmark
	public int streamSdk(Blackhole blackhole) {
		int events = 0;
		for (V2ChatStreamResponse event : this.sdk.v2()
			.chatStream(V2ChatStreamRequest.builder().model(MODEL).messages(List.of(sdkUserMessage())).build())) {
			blackhole.consume(event);
			events++;
		}
		return events;
	}

	private static ChatMessageV2 sdkUserMessage() {
		return ChatMessageV2.user(UserMessageV2.builder().content(UserMessageV2Content.of(PROMPT)).build());
	}

}
