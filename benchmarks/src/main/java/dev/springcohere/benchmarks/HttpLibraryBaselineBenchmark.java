package dev.springcohere.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
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

/**
 * The floor under {@link ChatClientBenchmark}: one bare POST of a chat request to the
 * same loopback server with the JDK {@link HttpClient} (what our client is built on) and
 * with OkHttp (what the official SDK is built on), without any JSON work. It shows how
 * much of a call's time is the HTTP library itself.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = { "-Xms512m", "-Xmx512m", "-Dsun.net.httpserver.nodelay=true" })
public class HttpLibraryBaselineBenchmark {

	private static final byte[] BODY = "{\"model\":\"command-a-03-2025\",\"messages\":[{\"role\":\"user\",\"content\":\"Tell me about LLMs\"}]}"
		.getBytes(StandardCharsets.UTF_8);

	private LoopbackCohereServer server;

	private URI chatUri;

	private HttpClient jdk;

	private HttpClient jdkDirect;

	private OkHttpClient okhttp;

	private reactor.netty.http.client.HttpClient netty;

	/**
	 * Starts the loopback server and both HTTP clients.
	 * @throws IOException if the server cannot bind
	 */
	@Setup(Level.Trial)
	public void setUp() throws IOException {
		this.server = new LoopbackCohereServer(ChatClientBenchmark.STREAM_DELTAS);
		this.chatUri = URI.create(this.server.baseUrl() + "/v2/chat");
		this.jdk = HttpClient.newHttpClient();
		this.jdkDirect = HttpClient.newBuilder().executor(Runnable::run).build();
		this.okhttp = new OkHttpClient();
		this.netty = reactor.netty.http.client.HttpClient.create()
			.headers((headers) -> headers.set("Content-Type", "application/json"));
	}

	/** Stops the server. */
	@TearDown(Level.Trial)
	public void tearDown() {
		this.server.close();
	}

	/**
	 * One POST with the JDK client.
	 * @return the response body
	 * @throws Exception if the call fails
	 */
	@Benchmark
	public byte[] jdkHttpClient() throws Exception {
		HttpRequest request = HttpRequest.newBuilder(this.chatUri)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(BODY))
			.build();
		return this.jdk.send(request, HttpResponse.BodyHandlers.ofByteArray()).body();
	}

	/**
	 * One POST with a JDK client whose executor runs its tasks on the thread that submits
	 * them (the selector thread): no hand-off to an executor thread before the caller.
	 * @return the response body
	 * @throws Exception if the call fails
	 */
	@Benchmark
	public byte[] jdkHttpClientDirectExecutor() throws Exception {
		HttpRequest request = HttpRequest.newBuilder(this.chatUri)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(BODY))
			.build();
		return this.jdkDirect.send(request, HttpResponse.BodyHandlers.ofByteArray()).body();
	}

	/**
	 * One POST with Reactor Netty (what WebFlux applications have on the class path).
	 * @return the response body
	 */
	@Benchmark
	public byte[] reactorNetty() {
		return this.netty.post()
			.uri(this.chatUri)
			.send(reactor.netty.ByteBufFlux.fromInbound(reactor.core.publisher.Mono.just(BODY)))
			.responseSingle((response, body) -> body.asByteArray())
			.block();
	}

	/**
	 * One POST with the JDK's {@link java.net.HttpURLConnection} (blocking I/O on the
	 * calling thread, keep-alive).
	 * @return the response body
	 * @throws Exception if the call fails
	 */
	@Benchmark
	public byte[] urlConnection() throws Exception {
		java.net.HttpURLConnection connection = (java.net.HttpURLConnection) this.chatUri.toURL().openConnection();
		connection.setRequestMethod("POST");
		connection.setDoOutput(true);
		connection.setRequestProperty("Content-Type", "application/json");
		connection.setFixedLengthStreamingMode(BODY.length);
		try (java.io.OutputStream out = connection.getOutputStream()) {
			out.write(BODY);
		}
		try (java.io.InputStream in = connection.getInputStream()) {
			return in.readAllBytes();
		}
	}

	/**
	 * One POST with OkHttp.
	 * @return the response body
	 * @throws Exception if the call fails
	 */
	@Benchmark
	public byte[] okhttp() throws Exception {
		Request request = new Request.Builder().url(this.chatUri.toString())
			.post(RequestBody.create(BODY, MediaType.get("application/json")))
			.build();
		try (Response response = this.okhttp.newCall(request).execute()) {
			return response.body().bytes();
		}
	}

}
