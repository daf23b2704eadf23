package dev.springcohere.engine.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;
import dev.springcohere.api.CohereJson;
import dev.springcohere.backend.CohereBackend;
import org.jspecify.annotations.Nullable;

/**
 * Serves a {@link CohereBackend} over HTTP with the Cohere v2 API's routes, so that any
 * Cohere SDK, or this project's {@code CohereClient} with the {@code private} backend,
 * can call it:
 * <ul>
 * <li>{@code POST /v2/chat}: a JSON answer, or server-sent events when the body has
 * {@code "stream": true} ({@code event: <type>} and {@code data: <event>} frames in the
 * platform's wire shape, ending after {@code message-end}; a client that disconnects
 * cancels the generation, noticed when the next event fails to be written);</li>
 * <li>{@code POST /v2/embed}, {@code POST /v2/rerank}, {@code POST /v1/tokenize},
 * {@code POST /v1/detokenize};</li>
 * <li>{@code GET /v1/models} (optionally {@code ?endpoint=chat|embed|rerank}) and
 * {@code GET /v1/models/{model}}: the {@link ServedModels served models} in the
 * platform's format (name, endpoints, context length, features).</li>
 * </ul>
 * A request's {@code model} may be a served model's name or alias, or the name a Cohere
 * client sends when its user names none; another name is a 404, as on the platform.
 * Counts ({@code input_tokens}, {@code search_units}, …) are written as integers. Errors
 * use Cohere's body {@code {"message": "..."}}: 400 for an invalid body or request
 * (naming the field, or a prompt over the context limit), 401 for a missing or wrong API
 * key (when one is configured; compared in constant time, never logged), 404 for an
 * unknown path or model, 405 for a method the path does not take, 429 with
 * {@code Retry-After} for a request rejected for capacity, 501 for an operation the
 * backend does not offer, 500 for a backend failure (its message, never a stack trace).
 * Every response has an {@code X-Request-Id} header.
 * <p>
 * Each request runs on its own virtual thread. The server does not own the backend:
 * closing the server leaves it open.
 */
public final class CohereCompatibleServer implements AutoCloseable {

	private final HttpServer server;

	private final ExecutorService executor;

	private final boolean secured;

	private CohereCompatibleServer(HttpServer server, ExecutorService executor, boolean secured) {
		this.server = server;
		this.executor = executor;
		this.secured = secured;
	}

	/**
	 * Starts a server without an API-key check.
	 * @param backend the backend that answers (not closed by the server)
	 * @param address where to listen; port 0 picks a free port (see {@link #port()})
	 * @return the running server
	 * @throws UncheckedIOException if the address cannot be bound
	 */
	public static CohereCompatibleServer start(CohereBackend backend, InetSocketAddress address) {
		return start(backend, address, null);
	}

	/**
	 * Starts a server that, when an API key is given, answers only requests with
	 * {@code Authorization: Bearer <key>}, and lists and checks the models of the backend
	 * ({@link ServedModels#of(CohereBackend, List)} without extra names).
	 * @param backend the backend that answers (not closed by the server)
	 * @param address where to listen; port 0 picks a free port (see {@link #port()})
	 * @param apiKey the key clients must send, or {@code null} for none
	 * @return the running server
	 * @throws IllegalArgumentException if the key is blank
	 * @throws UncheckedIOException if the address cannot be bound
	 */
	public static CohereCompatibleServer start(CohereBackend backend, InetSocketAddress address,
			@Nullable String apiKey) {
		return start(backend, address, apiKey, ServedModels.of(backend, List.of()));
	}

	/**
	 * Starts a server that, when an API key is given, answers only requests with
	 * {@code Authorization: Bearer <key>}, and lists the given models on
	 * {@code GET /v1/models}, accepting their names (and aliases) in requests.
	 * @param backend the backend that answers (not closed by the server)
	 * @param address where to listen; port 0 picks a free port (see {@link #port()})
	 * @param apiKey the key clients must send, or {@code null} for none
	 * @param models the models named ({@link ServedModels#none()} for no listing and no
	 * name check)
	 * @return the running server
	 * @throws IllegalArgumentException if the key is blank
	 * @throws UncheckedIOException if the address cannot be bound
	 */
	public static CohereCompatibleServer start(CohereBackend backend, InetSocketAddress address,
			@Nullable String apiKey, ServedModels models) {
		Objects.requireNonNull(backend, "'backend' must not be null");
		Objects.requireNonNull(models, "'models' must not be null");
		Objects.requireNonNull(address, "'address' must not be null");
		if (apiKey != null && apiKey.isBlank()) {
			throw new IllegalArgumentException("'apiKey' must not be blank; pass null to serve without a key");
		}
		HttpServer server;
		try {
			server = HttpServer.create(address, 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(
					"Cannot listen on " + address + ": " + ex.getMessage() + "; pick another port (0 picks a free one)",
					ex);
		}
		ExecutorService executor = Executors
			.newThreadPerTaskExecutor(Thread.ofVirtual().name("cohere-server-", 0).factory());
		server.setExecutor(executor);
		server.createContext("/", new ApiRouter(backend, apiKey, CohereJson.createMapper(), models));
		server.start();
		return new CohereCompatibleServer(server, executor, apiKey != null);
	}

	/**
	 * The port listened on (the chosen one when the address had port 0).
	 * @return the port
	 */
	public int port() {
		return this.server.getAddress().getPort();
	}

	/**
	 * The address listened on.
	 * @return the address
	 */
	public InetSocketAddress address() {
		return this.server.getAddress();
	}

	/**
	 * The URL clients use, such as {@code http://127.0.0.1:8080} ({@code localhost} when
	 * listening on all interfaces).
	 * @return the base URL, without a trailing slash
	 */
	public String baseUrl() {
		InetAddress host = this.server.getAddress().getAddress();
		String name;
		if (host == null || host.isAnyLocalAddress()) {
			name = "localhost";
		}
		else {
			String literal = host.getHostAddress();
			name = literal.contains(":") ? "[" + literal + "]" : literal;
		}
		return "http://" + name + ":" + port();
	}

	/**
	 * Stops listening, closes open connections (cancelling streams in progress) and stops
	 * the request threads; the backend stays open.
	 */
	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
		try {
			this.executor.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public String toString() {
		return "CohereCompatibleServer[" + baseUrl() + ", apiKey=" + (this.secured ? "required" : "none") + "]";
	}

}
