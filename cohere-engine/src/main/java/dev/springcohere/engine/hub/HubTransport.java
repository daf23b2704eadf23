package dev.springcohere.engine.hub;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.springcohere.api.error.CohereApiExceptions;
import dev.springcohere.http.CohereRetryPolicy;

/**
 * The HTTP side of the Hub protocol: the metadata {@code HEAD} (following only relative
 * redirects), the download {@code GET} (with {@code Range}, dropping
 * {@code Authorization} on other hosts), retries on 408/429/5xx honouring
 * {@code Retry-After}, and the translation of {@code X-Error-Code} into
 * {@link HubException}s.
 */
final class HubTransport {

	private static final Logger logger = LoggerFactory.getLogger(HubTransport.class);

	private static final int MAX_REDIRECTS = 10;

	private static final String SAFE_COMMIT = "[A-Za-z0-9]{1,128}";

	private static final String DISABLED_MESSAGE = "Access to this resource is disabled.";

	private final HttpClient http;

	private final HubSettings settings;

	private final RetrySleeper sleeper;

	private final CohereRetryPolicy retryPolicy;

	private final String userAgent;

	HubTransport(HttpClient http, HubSettings settings, RetrySleeper sleeper, int maxRetries, Duration initialBackoff,
			Duration maxWait) {
		this.http = http;
		this.settings = settings;
		this.sleeper = sleeper;
		this.retryPolicy = CohereRetryPolicy.builder()
			.maxAttempts(maxRetries + 1)
			.initialBackoff(initialBackoff)
			.maxBackoff(maxWait)
			.multiplier(2.0)
			.jitter(0)
			.build();
		this.userAgent = "springcohere-hub; java/" + Runtime.version().feature();
	}

	int maxRetries() {
		return this.retryPolicy.getMaxAttempts() - 1;
	}

	/** Reads a file's metadata with {@code HEAD}, following relative redirects only. */
	FileMetadata head(Target target) {
		URI url = HubPaths.resolveUrl(this.settings.endpoint(), target.repoId(), target.revision(), target.filename());
		for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
			HttpRequest request = request(url, this.settings.etagTimeout())
				.method("HEAD", HttpRequest.BodyPublishers.noBody())
				.build();
			HttpResponse<Void> response = send(request, HttpResponse.BodyHandlers.discarding(), target);
			int status = response.statusCode();
			Optional<String> location = response.headers().firstValue("Location");
			if (status >= 300 && status < 400 && location.isPresent()) {
				URI next = parseLocation(location.get(), target);
				if (next.getHost() == null) {
					url = url.resolve(next);
					continue;
				}
				return metadata(response.headers(), url.resolve(next), false, target);
			}
			if (status >= 200 && status < 300) {
				return metadata(response.headers(), url, true, target);
			}
			throw error(status, response.headers(), target);
		}
		throw new HubException(HubException.Kind.INVALID_RESPONSE,
				"More than " + MAX_REDIRECTS + " redirects while resolving " + target.describe(), target.repoId(),
				target.revision(), target.filename(), -1, null);
	}

	/**
	 * Sends the download {@code GET}, following redirects (absolute ones too) and
	 * retrying 408/429/5xx. The caller closes the body.
	 */
	HttpResponse<InputStream> get(URI location, long rangeStart, Target target) {
		URI url = location;
		for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
			HttpRequest.Builder builder = request(url, this.settings.downloadTimeout()).GET();
			if (rangeStart > 0) {
				builder.header("Range", "bytes=" + rangeStart + "-");
			}
			HttpResponse<InputStream> response = send(builder.build(), HttpResponse.BodyHandlers.ofInputStream(),
					target);
			int status = response.statusCode();
			Optional<String> next = response.headers().firstValue("Location");
			if (status >= 300 && status < 400 && next.isPresent()) {
				closeQuietly(response.body());
				url = url.resolve(parseLocation(next.get(), target));
				continue;
			}
			return response;
		}
		throw new HubException(HubException.Kind.INVALID_RESPONSE,
				"More than " + MAX_REDIRECTS + " redirects while downloading " + target.describe(), target.repoId(),
				target.revision(), target.filename(), -1, null);
	}

	/** Waits before retry number {@code attempt} (0-based) of a broken transfer. */
	void backoff(int attempt, Target target) {
		pause(this.retryPolicy.backoffBeforeRetry(attempt + 1, (Duration) null), target);
	}

	HubException error(int status, HttpHeaders headers, Target target) {
		String code = headers.firstValue("X-Error-Code").orElse("");
		String serverMessage = headers.firstValue("X-Error-Message").orElse("");
		String commitHint = headers.firstValue("X-Repo-Commit")
			.map(String::strip)
			.filter((commit) -> commit.matches(SAFE_COMMIT))
			.orElse(null);
		String repoId = target.repoId();
		String what = target.describe();
		HubException.Kind kind;
		String message;
		if (DISABLED_MESSAGE.equals(serverMessage)) {
			kind = HubException.Kind.DISABLED_REPO;
			message = "Repository '" + repoId + "' is disabled on " + this.settings.endpoint() + " (HTTP " + status
					+ "): its files cannot be downloaded (" + what + ")";
		}
		else if (code.equals("GatedRepo")) {
			kind = HubException.Kind.GATED_REPO;
			message = "Cannot download " + what + ": the repository is gated (HTTP " + status + "). Accept its "
					+ "terms at " + this.settings.endpoint() + "/" + repoId + " while logged in, then set HF_TOKEN "
					+ "to an access token of that account (" + this.settings.endpoint() + "/settings/tokens)"
					+ ((this.settings.token() != null) ? "; the token that was sent has no access to it"
							: "; no token is configured");
		}
		else if (code.equals("RepoNotFound")) {
			kind = HubException.Kind.REPO_NOT_FOUND;
			message = "Repository '" + repoId + "' was not found on " + this.settings.endpoint() + " (HTTP " + status
					+ ") while downloading " + what + ". Check the id; for a private repository set HF_TOKEN to a "
					+ "token with access" + ((this.settings.token() != null) ? " (the token sent has none)" : "");
		}
		else if (code.equals("RevisionNotFound")) {
			kind = HubException.Kind.REVISION_NOT_FOUND;
			message = "Revision '" + target.revision() + "' was not found in repository '" + repoId + "' (HTTP "
					+ status + "). Use an existing branch, tag, commit hash or refs/pr/N";
		}
		else if (code.equals("EntryNotFound") || (status == 404 && code.isEmpty())) {
			kind = HubException.Kind.ENTRY_NOT_FOUND;
			message = "File '" + target.filename() + "' does not exist in repository '" + repoId + "' at revision '"
					+ target.revision() + "' (HTTP " + status + ")";
		}
		else if (status == 401 || status == 403) {
			kind = HubException.Kind.UNAUTHORIZED;
			message = "The Hub refused access (HTTP " + status + ") to " + what + ". If the repository is private "
					+ "or gated, set HF_TOKEN to an access token that can read it"
					+ ((this.settings.token() != null) ? " (the token sent was refused)" : "");
		}
		else {
			kind = HubException.Kind.HTTP_ERROR;
			message = "The Hub answered HTTP " + status + " for " + what;
		}
		if (!serverMessage.isEmpty() && kind != HubException.Kind.DISABLED_REPO) {
			message += " [server: " + serverMessage + "]";
		}
		return new HubException(kind, message, repoId, target.revision(), target.filename(), status, null, commitHint);
	}

	private FileMetadata metadata(HttpHeaders headers, URI location, boolean sizeFromContentLength, Target target) {
		String commit = headers.firstValue("X-Repo-Commit").map(String::strip).orElse("");
		Optional<String> rawEtag = headers.firstValue("X-Linked-Etag").or(() -> headers.firstValue("ETag"));
		String etag = rawEtag.map(HubPaths::normalizeEtag).orElse("");
		if (commit.isEmpty() || etag.isEmpty()) {
			throw new HubException(HubException.Kind.INVALID_RESPONSE,
					"The server at " + this.settings.endpoint() + " did not send "
							+ (commit.isEmpty() ? "X-Repo-Commit" : "an ETag") + " for " + target.describe()
							+ "; is HF_ENDPOINT a Hugging Face Hub (or a mirror of one)?",
					target.repoId(), target.revision(), target.filename(), -1, null);
		}
		if (!commit.matches(SAFE_COMMIT) || !HubPaths.isSafeEtag(etag)) {
			throw new HubException(HubException.Kind.INVALID_RESPONSE,
					"The server sent a commit or ETag that cannot name a cache file for " + target.describe(),
					target.repoId(), target.revision(), target.filename(), -1, null);
		}
		OptionalLong size = longHeader(headers, "X-Linked-Size");
		if (size.isEmpty() && sizeFromContentLength) {
			size = longHeader(headers, "Content-Length");
		}
		return new FileMetadata(commit, etag, size.orElse(-1), location);
	}

	private HttpRequest.Builder request(URI url, Duration timeout) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(url)
			.timeout(timeout)
			.header("User-Agent", this.userAgent)
			.header("Accept-Encoding", "identity");
		String token = this.settings.token();
		if (token != null && sameOrigin(url, this.settings.endpoint())) {
			builder.header("Authorization", "Bearer " + token);
		}
		return builder;
	}

	private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler, Target target) {
		for (int attempt = 0;; attempt++) {
			HttpResponse<T> response;
			try {
				response = this.http.send(request, handler);
			}
			catch (IOException ex) {
				throw new HubException(HubException.Kind.NETWORK_ERROR,
						"Cannot reach " + request.uri().getScheme() + "://" + request.uri().getAuthority() + " (" + ex
								+ ") while fetching " + target.describe(),
						target.repoId(), target.revision(), target.filename(), -1, ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw interrupted(target, ex);
			}
			int status = response.statusCode();
			if (!CohereRetryPolicy.isRetryableStatus(status) || attempt >= maxRetries()) {
				return response;
			}
			if (response.body() instanceof InputStream body) {
				closeQuietly(body);
			}
			Duration wait = this.retryPolicy.backoffBeforeRetry(attempt + 1,
					CohereApiExceptions.retryAfter(response.headers(), Clock.systemUTC()));
			logger.debug("HTTP {} from {} {}; retry {} of {} in {}", status, request.method(), request.uri().getPath(),
					attempt + 1, maxRetries(), wait);
			pause(wait, target);
		}
	}

	private void pause(Duration wait, Target target) {
		try {
			this.sleeper.sleep(wait);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw interrupted(target, ex);
		}
	}

	private URI parseLocation(String location, Target target) {
		try {
			return URI.create(location.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new HubException(HubException.Kind.INVALID_RESPONSE,
					"The server sent an invalid redirect Location for " + target.describe(), target.repoId(),
					target.revision(), target.filename(), -1, ex);
		}
	}

	static boolean sameOrigin(URI a, URI b) {
		return Objects.equals(lower(a.getScheme()), lower(b.getScheme()))
				&& Objects.equals(lower(a.getHost()), lower(b.getHost())) && port(a) == port(b);
	}

	private static @Nullable String lower(@Nullable String value) {
		return (value != null) ? value.toLowerCase(Locale.ROOT) : null;
	}

	private static int port(URI uri) {
		if (uri.getPort() != -1) {
			return uri.getPort();
		}
		return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
	}

	private static OptionalLong longHeader(HttpHeaders headers, String name) {
		Optional<String> value = headers.firstValue(name);
		if (value.isEmpty()) {
			return OptionalLong.empty();
		}
		try {
			long parsed = Long.parseLong(value.get().strip());
			return (parsed >= 0) ? OptionalLong.of(parsed) : OptionalLong.empty();
		}
		catch (NumberFormatException ex) {
			return OptionalLong.empty();
		}
	}

	static HubException interrupted(Target target, InterruptedException cause) {
		return new HubException(HubException.Kind.INTERRUPTED, "Interrupted while fetching " + target.describe(),
				target.repoId(), target.revision(), target.filename(), -1, cause);
	}

	static void closeQuietly(InputStream in) {
		try {
			in.close();
		}
		catch (IOException ex) {
			// nothing left to do
		}
	}

	/**
	 * The file a request is about.
	 *
	 * @param repoId the repository id
	 * @param revision the requested revision
	 * @param filename the file path inside the repository
	 */
	record Target(String repoId, String revision, String filename) {

		String describe() {
			return "'" + this.filename + "' of repository '" + this.repoId + "' at revision '" + this.revision + "'";
		}

	}

}
