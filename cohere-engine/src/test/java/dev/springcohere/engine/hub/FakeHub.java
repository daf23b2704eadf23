package dev.springcohere.engine.hub;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;

/**
 * A local imitation of the Hugging Face Hub's resolve endpoint ({@code HEAD}/{@code GET}
 * {@code /{org}/{name}/resolve/{revision}/{file}}) plus a second server standing for the
 * CDN that LFS files are redirected to. It records every request.
 */
public final class FakeHub implements AutoCloseable {

	/** One recorded request. */
	record Request(String server, String method, String rawPath, @Nullable String authorization,
			@Nullable String range) {
	}

	/** A file of a commit. */
	public record HubFile(byte[] bytes, boolean lfs) {

		String etag() {
			return this.lfs ? sha256(this.bytes) : gitSha1(this.bytes);
		}

	}

	private final HttpServer hub;

	private final HttpServer cdn;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	final List<Request> requests = new CopyOnWriteArrayList<>();

	/** repo → revision → commit. */
	private final Map<String, Map<String, String>> refs = new ConcurrentHashMap<>();

	/** commit → path → file. */
	private final Map<String, Map<String, HubFile>> commits = new ConcurrentHashMap<>();

	/** blob sha256 → bytes, served by the CDN. */
	private final Map<String, byte[]> cdnBlobs = new ConcurrentHashMap<>();

	final Set<String> gatedRepos = ConcurrentHashMap.newKeySet();

	final Set<String> disabledRepos = ConcurrentHashMap.newKeySet();

	/** old repo id → new repo id, answered with a relative redirect. */
	final Map<String, String> renamedRepos = new ConcurrentHashMap<>();

	volatile @Nullable String acceptedToken;

	/** When set, every HEAD gets this status (with no other headers than those below). */
	volatile int headStatus;

	volatile @Nullable String headRetryAfter;

	/** Number of next HEADs answered with 503 before working normally. */
	final AtomicInteger headFailuresLeft = new AtomicInteger();

	/**
	 * When positive, the next download GET sends only this many bytes, then cuts the
	 * connection.
	 */
	final AtomicInteger cutNextBodyAfter = new AtomicInteger(-1);

	/**
	 * When positive, the next download GET sends this many bytes, then stalls for
	 * {@link #stallMillis}.
	 */
	final AtomicInteger stallNextBodyAfter = new AtomicInteger(-1);

	volatile long stallMillis = 3000;

	volatile boolean ignoreRange;

	/**
	 * When set, the CDN serves this many changed bytes (same length) instead of the true
	 * content.
	 */
	volatile boolean corruptCdn;

	/**
	 * Starts the hub and CDN servers on loopback ports.
	 * @throws IOException if a server cannot bind
	 */
	public FakeHub() throws IOException {
		InetAddress loopback = InetAddress.getLoopbackAddress();
		this.hub = HttpServer.create(new InetSocketAddress(loopback, 0), 0);
		this.cdn = HttpServer.create(new InetSocketAddress(loopback, 0), 0);
		this.hub.setExecutor(this.executor);
		this.cdn.setExecutor(this.executor);
		this.hub.createContext("/", this::handleHub);
		this.cdn.createContext("/", this::handleCdn);
		this.hub.start();
		this.cdn.start();
	}

	/**
	 * The hub's endpoint, for {@code HF_ENDPOINT}.
	 * @return the endpoint URI
	 */
	public URI endpoint() {
		return URI.create("http://" + this.hub.getAddress().getHostString() + ":" + this.hub.getAddress().getPort());
	}

	/**
	 * Publishes files as a commit of a repository, reachable through the given revisions.
	 */
	public void publish(String repoId, String commit, Map<String, HubFile> files, String... revisions) {
		this.commits.put(commit, Map.copyOf(files));
		Map<String, String> repoRefs = this.refs.computeIfAbsent(repoId, (k) -> new ConcurrentHashMap<>());
		repoRefs.put(commit, commit);
		for (String revision : revisions) {
			repoRefs.put(revision, commit);
		}
		for (HubFile file : files.values()) {
			if (file.lfs()) {
				this.cdnBlobs.put(file.etag(), file.bytes());
			}
		}
	}

	List<Request> requests(String server, String method) {
		return this.requests.stream().filter((r) -> r.server().equals(server) && r.method().equals(method)).toList();
	}

	/**
	 * Counts the download GETs received so far.
	 * @return the number of GET requests
	 */
	public long downloads() {
		return this.requests.stream().filter((r) -> r.method().equals("GET")).count();
	}

	private void handleHub(HttpExchange exchange) throws IOException {
		try (exchange) {
			record(exchange, "hub");
			String rawPath = exchange.getRequestURI().getRawPath();
			String[] parts = rawPath.substring(1).split("/", 5);
			if (parts.length < 5 || !parts[2].equals("resolve")) {
				send(exchange, 404, null);
				return;
			}
			String repoId = parts[0] + "/" + parts[1];
			String revision = URLDecoder.decode(parts[3], StandardCharsets.UTF_8);
			String file = URLDecoder.decode(parts[4], StandardCharsets.UTF_8);
			boolean head = exchange.getRequestMethod().equals("HEAD");
			if (head && this.headStatus != 0) {
				if (this.headRetryAfter != null) {
					exchange.getResponseHeaders().set("Retry-After", this.headRetryAfter);
				}
				send(exchange, this.headStatus, null);
				return;
			}
			if (head && this.headFailuresLeft.getAndUpdate((n) -> Math.max(0, n - 1)) > 0) {
				exchange.getResponseHeaders().set("Retry-After", "1");
				send(exchange, 503, null);
				return;
			}
			String renamed = this.renamedRepos.get(repoId);
			if (renamed != null) {
				exchange.getResponseHeaders().set("Location", "/" + renamed + "/resolve/" + parts[3] + "/" + parts[4]);
				send(exchange, 307, null);
				return;
			}
			if (this.disabledRepos.contains(repoId)) {
				exchange.getResponseHeaders().set("X-Error-Message", "Access to this resource is disabled.");
				send(exchange, 403, null);
				return;
			}
			Map<String, String> repoRefs = this.refs.get(repoId);
			if (repoRefs == null) {
				exchange.getResponseHeaders().set("X-Error-Code", "RepoNotFound");
				send(exchange, 401, null);
				return;
			}
			if (this.gatedRepos.contains(repoId)) {
				String auth = exchange.getRequestHeaders().getFirst("Authorization");
				if (this.acceptedToken == null || !("Bearer " + this.acceptedToken).equals(auth)) {
					exchange.getResponseHeaders().set("X-Error-Code", "GatedRepo");
					exchange.getResponseHeaders()
						.set("X-Error-Message", "Access to model " + repoId + " is restricted.");
					send(exchange, 401, null);
					return;
				}
			}
			String commit = repoRefs.get(revision);
			if (commit == null) {
				exchange.getResponseHeaders().set("X-Error-Code", "RevisionNotFound");
				send(exchange, 404, null);
				return;
			}
			exchange.getResponseHeaders().set("X-Repo-Commit", commit);
			HubFile hubFile = this.commits.get(commit).get(file);
			if (hubFile == null) {
				exchange.getResponseHeaders().set("X-Error-Code", "EntryNotFound");
				send(exchange, 404, null);
				return;
			}
			if (hubFile.lfs()) {
				exchange.getResponseHeaders().set("X-Linked-Etag", "\"" + hubFile.etag() + "\"");
				exchange.getResponseHeaders().set("X-Linked-Size", Long.toString(hubFile.bytes().length));
				exchange.getResponseHeaders().set("ETag", "W/\"not-the-blob-etag\"");
				exchange.getResponseHeaders()
					.set("Location", "http://" + this.cdn.getAddress().getHostString() + ":"
							+ this.cdn.getAddress().getPort() + "/blobs/" + hubFile.etag() + "?signature=abc");
				send(exchange, 302, null);
				return;
			}
			exchange.getResponseHeaders().set("ETag", "\"" + hubFile.etag() + "\"");
			if (head) {
				exchange.getResponseHeaders().set("Content-Length", Long.toString(hubFile.bytes().length));
				send(exchange, 200, null);
				return;
			}
			sendRanged(exchange, hubFile.bytes());
		}
	}

	private void handleCdn(HttpExchange exchange) throws IOException {
		try (exchange) {
			record(exchange, "cdn");
			String path = exchange.getRequestURI().getPath();
			byte[] bytes = path.startsWith("/blobs/") ? this.cdnBlobs.get(path.substring("/blobs/".length())) : null;
			if (bytes == null || !exchange.getRequestMethod().equals("GET")) {
				send(exchange, 404, null);
				return;
			}
			if (this.corruptCdn) {
				bytes = bytes.clone();
				bytes[bytes.length / 2] ^= 0x5A;
			}
			sendRanged(exchange, bytes);
		}
	}

	private void sendRanged(HttpExchange exchange, byte[] bytes) throws IOException {
		String range = exchange.getRequestHeaders().getFirst("Range");
		int start = 0;
		int status = 200;
		if (range != null && !this.ignoreRange && range.startsWith("bytes=") && range.endsWith("-")) {
			start = Integer.parseInt(range.substring(6, range.length() - 1));
			if (start >= bytes.length) {
				exchange.getResponseHeaders().set("Content-Range", "bytes */" + bytes.length);
				send(exchange, 416, null);
				return;
			}
			status = 206;
			exchange.getResponseHeaders()
				.set("Content-Range", "bytes " + start + "-" + (bytes.length - 1) + "/" + bytes.length);
		}
		int length = bytes.length - start;
		int cut = this.cutNextBodyAfter.getAndSet(-1);
		int stall = this.stallNextBodyAfter.getAndSet(-1);
		exchange.sendResponseHeaders(status, length);
		OutputStream out = exchange.getResponseBody();
		if (stall >= 0 && stall < length) {
			out.write(bytes, start, stall);
			out.flush();
			try {
				Thread.sleep(this.stallMillis);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return;
		}
		if (cut >= 0 && cut < length) {
			out.write(bytes, start, cut);
			out.flush();
			// closing with fewer bytes than announced makes the server drop the
			// connection
			return;
		}
		out.write(bytes, start, length);
	}

	private void record(HttpExchange exchange, String server) {
		this.requests.add(new Request(server, exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
				exchange.getRequestHeaders().getFirst("Authorization"),
				exchange.getRequestHeaders().getFirst("Range")));
	}

	private static void send(HttpExchange exchange, int status, byte @Nullable [] body) throws IOException {
		exchange.sendResponseHeaders(status, (body == null || body.length == 0) ? -1 : body.length);
		if (body != null && body.length > 0) {
			exchange.getResponseBody().write(body);
		}
	}

	@Override
	public void close() {
		this.hub.stop(0);
		this.cdn.stop(0);
		this.executor.shutdownNow();
	}

	static String sha256(byte[] bytes) {
		return HexFormat.of().formatHex(digest("SHA-256", new byte[0], bytes));
	}

	static String gitSha1(byte[] bytes) {
		return HexFormat.of()
			.formatHex(digest("SHA-1", ("blob " + bytes.length + "\0").getBytes(StandardCharsets.US_ASCII), bytes));
	}

	private static byte[] digest(String algorithm, byte[] prefix, byte[] bytes) {
		try {
			MessageDigest digest = MessageDigest.getInstance(algorithm);
			digest.update(prefix);
			return digest.digest(bytes);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
