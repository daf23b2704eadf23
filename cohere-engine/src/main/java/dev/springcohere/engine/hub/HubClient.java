package dev.springcohere.engine.hub;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Downloads files of Hugging Face model repositories into the standard Hugging Face
 * cache, so that other tools sharing the cache (Python's {@code huggingface_hub},
 * {@code transformers}) see the same files.
 * <p>
 * A download asks the Hub for the file's commit and ETag ({@code HEAD}), skips the
 * transfer when the blob is already cached, otherwise fetches it (resuming a partial
 * download), checks its size and checksum, and links {@code snapshots/{commit}/{file}} to
 * it. Offline, or when the Hub cannot be reached (network error, 5xx, 401/403), files are
 * served from the cache. Failures are {@link HubException}s.
 * <p>
 * A transfer that receives no byte for the download timeout is treated as broken and
 * resumed. Instances are thread-safe; threads and processes downloading the same blob
 * wait for each other.
 */
public final class HubClient {

	private static final Logger logger = LoggerFactory.getLogger(HubClient.class);

	/** The revision used when none is given. */
	public static final String DEFAULT_REVISION = "main";

	/** Model files that must exist (besides the weights). */
	static final List<String> MODEL_REQUIRED_FILES = List.of("config.json", "tokenizer.json", "tokenizer_config.json");

	/** Model files downloaded when they exist. */
	static final List<String> MODEL_OPTIONAL_FILES = List.of("special_tokens_map.json", "generation_config.json",
			"modules.json", "1_Pooling/config.json", "model.safetensors.index.json");

	private static final String WEIGHTS = "model.safetensors";

	private static final String WEIGHTS_INDEX = "model.safetensors.index.json";

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private final HubSettings settings;

	private final HubCache cache;

	private final HubTransport transport;

	private final BlobDownloader downloader;

	private final BlobLocks locks = new BlobLocks();

	private HubClient(Builder builder, HubSettings settings) {
		this.settings = settings;
		this.cache = new HubCache(this.settings.cacheDir());
		HttpClient http = (builder.httpClient != null) ? builder.httpClient
				: HttpClient.newBuilder()
					.followRedirects(HttpClient.Redirect.NEVER)
					.connectTimeout(this.settings.etagTimeout())
					.build();
		this.transport = new HubTransport(http, this.settings, builder.sleeper, builder.maxRetries,
				builder.initialBackoff, builder.maxRetryWait);
		this.downloader = new BlobDownloader(this.transport, builder.progress, this.settings.downloadTimeout());
	}

	/**
	 * Returns a builder; {@link Builder#settings(HubSettings)} defaults to
	 * {@code HubSettings.fromEnvironment(System.getenv())}.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Returns the settings this client uses.
	 * @return the settings
	 */
	public HubSettings settings() {
		return this.settings;
	}

	/**
	 * Downloads one file of a model repository (or finds it in the cache).
	 * @param repoId the repository id, e.g. {@code CohereLabs/aya-expanse-8b}
	 * @param revision a branch, tag, commit hash or {@code refs/pr/N}; {@code null} means
	 * {@code main}
	 * @param filename the file path inside the repository, e.g.
	 * {@code 1_Pooling/config.json}
	 * @return the file in {@code snapshots/{commit}/}
	 * @throws HubException when the file cannot be obtained
	 * @throws IllegalArgumentException when an argument is malformed
	 */
	public Path download(String repoId, @Nullable String revision, String filename) {
		return fetch(repoId, revisionOrDefault(revision), filename).path();
	}

	/**
	 * Downloads a set of files of one commit and returns the snapshot folder holding
	 * them. The revision is resolved once, by the first file; the others are fetched at
	 * that commit.
	 * @param repoId the repository id
	 * @param revision a branch, tag, commit hash or {@code refs/pr/N}; {@code null} means
	 * {@code main}
	 * @param requiredFiles files that must exist
	 * @param optionalFiles files downloaded when they exist (skipped when the Hub says
	 * they do not)
	 * @return the folder {@code snapshots/{commit}}
	 * @throws HubException when a required file cannot be obtained
	 */
	public Path snapshotDownload(String repoId, @Nullable String revision, List<String> requiredFiles,
			List<String> optionalFiles) {
		Objects.requireNonNull(requiredFiles, "'requiredFiles' must not be null");
		Objects.requireNonNull(optionalFiles, "'optionalFiles' must not be null");
		String requested = revisionOrDefault(revision);
		HubPaths.requireRepoId(repoId);
		HubPaths.requireRevision(requested);
		Set<String> required = new LinkedHashSet<>(requiredFiles);
		Set<String> optional = new LinkedHashSet<>(optionalFiles);
		optional.removeAll(required);
		if (required.isEmpty() && optional.isEmpty()) {
			throw new IllegalArgumentException("Name at least one file to download from '" + repoId + "'");
		}
		String commit = null;
		for (String file : required) {
			try {
				commit = fetch(repoId, (commit != null) ? commit : requested, file).commit();
			}
			catch (HubException ex) {
				if (ex.kind() == HubException.Kind.ENTRY_NOT_FOUND) {
					throw new HubException(ex.kind(), ex.getMessage() + "; this file is required", repoId, requested,
							file, ex.httpStatus(), ex);
				}
				throw ex;
			}
		}
		for (String file : optional) {
			try {
				commit = fetch(repoId, (commit != null) ? commit : requested, file).commit();
			}
			catch (HubException ex) {
				if (ex.kind() != HubException.Kind.ENTRY_NOT_FOUND) {
					throw ex;
				}
				logger.debug("Optional file {} not in {}@{}", file, repoId, requested);
				if (commit == null) {
					commit = ex.commitHint();
				}
			}
		}
		if (commit == null) {
			throw new HubException(HubException.Kind.ENTRY_NOT_FOUND, "None of the files " + optional
					+ " exists in repository '" + repoId + "' at revision '" + requested + "'", repoId, requested, null,
					-1, null);
		}
		return this.cache.snapshotDir(repoId, commit);
	}

	/**
	 * Downloads what the engine needs of a model: {@code config.json},
	 * {@code tokenizer.json}, {@code tokenizer_config.json}; when present
	 * {@code special_tokens_map.json}, {@code generation_config.json},
	 * {@code modules.json} and {@code 1_Pooling/config.json}; and the weights,
	 * {@code model.safetensors} or {@code model.safetensors.index.json} with every shard
	 * it lists.
	 * @param repoId the repository id
	 * @param revision a branch, tag, commit hash or {@code refs/pr/N}; {@code null} means
	 * {@code main}
	 * @return the checkpoint folder {@code snapshots/{commit}}
	 * @throws HubException when a required file cannot be obtained or the index is
	 * malformed
	 */
	public Path downloadModel(String repoId, @Nullable String revision) {
		Path snapshot = snapshotDownload(repoId, revision, MODEL_REQUIRED_FILES, MODEL_OPTIONAL_FILES);
		String commit = snapshot.getFileName().toString();
		Path index = snapshot.resolve(WEIGHTS_INDEX);
		List<String> weights = Files.isRegularFile(index) ? shards(repoId, commit, index) : List.of(WEIGHTS);
		return snapshotDownload(repoId, commit, weights, List.of());
	}

	private List<String> shards(String repoId, String commit, Path index) {
		JsonNode weightMap;
		try {
			weightMap = MAPPER.readTree(Files.readString(index)).get("weight_map");
		}
		catch (IOException | JacksonException ex) {
			throw new HubException(HubException.Kind.INVALID_RESPONSE, "Cannot read " + WEIGHTS_INDEX
					+ " of repository '" + repoId + "' at " + commit + ": " + ex.getMessage(), repoId, commit,
					WEIGHTS_INDEX, -1, ex);
		}
		if (weightMap == null || !weightMap.isObject() || weightMap.isEmpty()) {
			throw new HubException(HubException.Kind.INVALID_RESPONSE,
					WEIGHTS_INDEX + " of repository '" + repoId + "' at " + commit
							+ " has no \"weight_map\" object naming the shards",
					repoId, commit, WEIGHTS_INDEX, -1, null);
		}
		Set<String> shards = new TreeSet<>();
		for (Map.Entry<String, JsonNode> entry : weightMap.properties()) {
			String shard = entry.getValue().isString() ? entry.getValue().asString() : "";
			try {
				shards.add(HubPaths.requireFilename(shard));
			}
			catch (IllegalArgumentException ex) {
				throw new HubException(
						HubException.Kind.INVALID_RESPONSE, WEIGHTS_INDEX + " of repository '" + repoId
								+ "' maps tensor '" + entry.getKey() + "' to an invalid shard: " + ex.getMessage(),
						repoId, commit, WEIGHTS_INDEX, -1, ex);
			}
		}
		return new ArrayList<>(shards);
	}

	private Fetched fetch(String repoId, String revision, String filename) {
		Objects.requireNonNull(repoId, "'repoId' must not be null");
		Objects.requireNonNull(filename, "'filename' must not be null");
		HubPaths.requireRepoId(repoId);
		HubPaths.requireRevision(revision);
		HubPaths.requireFilename(filename);
		HubTransport.Target target = new HubTransport.Target(repoId, revision, filename);
		try {
			if (HubPaths.COMMIT_HASH.matcher(revision).matches()) {
				Path pointer = this.cache.snapshotFile(repoId, revision, filename);
				if (Files.exists(pointer)) {
					return new Fetched(pointer, revision);
				}
				if (Files.exists(this.cache.noExistMarker(repoId, revision, filename))) {
					throw knownAbsent(target, revision);
				}
			}
			if (this.settings.offline()) {
				return fromCache(target, null);
			}
			FileMetadata meta;
			try {
				meta = this.transport.head(target);
			}
			catch (HubException ex) {
				String absentAt = ex.commitHint();
				if (ex.kind() == HubException.Kind.ENTRY_NOT_FOUND && absentAt != null) {
					this.cache.markAbsent(repoId, absentAt, filename);
				}
				if (!fallsBackToCache(ex)) {
					throw ex;
				}
				return fromCache(target, ex);
			}
			return store(target, meta);
		}
		catch (IOException ex) {
			throw new HubException(HubException.Kind.CACHE_IO,
					"Cannot write " + target.describe() + " to the cache " + this.cache.root() + ": " + ex, repoId,
					revision, filename, -1, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw HubTransport.interrupted(target, ex);
		}
	}

	private Fetched store(HubTransport.Target target, FileMetadata meta) throws IOException, InterruptedException {
		String repoId = target.repoId();
		this.cache.ensureCachedirTag();
		if (!target.revision().equals(meta.commit())) {
			this.cache.writeRef(repoId, target.revision(), meta.commit());
		}
		Path pointer = this.cache.snapshotFile(repoId, meta.commit(), target.filename());
		if (Files.exists(pointer)) {
			return new Fetched(pointer, meta.commit());
		}
		Path blob = this.cache.blob(repoId, meta.etag());
		this.locks.withLock(this.cache.lockFile(repoId, meta.etag()), () -> {
			if (!Files.exists(blob)) {
				this.downloader.download(meta, this.cache.incompleteBlob(repoId, meta.etag()), blob, target);
			}
			this.cache.linkSnapshot(blob, pointer, this.settings.symlinksDisabled());
		});
		return new Fetched(pointer, meta.commit());
	}

	private Fetched fromCache(HubTransport.Target target, @Nullable HubException headError) throws IOException {
		String commit = this.cache.cachedCommit(target.repoId(), target.revision());
		if (commit != null) {
			Path pointer = this.cache.snapshotFile(target.repoId(), commit, target.filename());
			if (Files.exists(pointer)) {
				if (headError != null) {
					logger.warn("Using the cached {} because the Hub could not be asked: {}", target.describe(),
							headError.getMessage());
				}
				return new Fetched(pointer, commit);
			}
			if (Files.exists(this.cache.noExistMarker(target.repoId(), commit, target.filename()))) {
				throw knownAbsent(target, commit);
			}
		}
		if (headError == null) {
			throw new HubException(HubException.Kind.NOT_IN_CACHE,
					"Offline mode is on (HF_HUB_OFFLINE) and " + target.describe() + " is not in the cache "
							+ this.cache.root() + ". Download it once while " + "online, or turn offline mode off",
					target.repoId(), target.revision(), target.filename(), -1, null);
		}
		if (headError.kind() == HubException.Kind.NETWORK_ERROR) {
			throw new HubException(HubException.Kind.NOT_IN_CACHE,
					headError.getMessage() + "; and the file is not " + "in the cache " + this.cache.root()
							+ " either. Check the connection or HF_ENDPOINT",
					target.repoId(), target.revision(), target.filename(), -1, headError);
		}
		throw headError;
	}

	private static HubException knownAbsent(HubTransport.Target target, String commit) {
		return new HubException(HubException.Kind.ENTRY_NOT_FOUND,
				"File '" + target.filename() + "' does not exist in repository '" + target.repoId() + "' at revision '"
						+ target.revision() + "' (commit " + commit + ", known from the cache)",
				target.repoId(), target.revision(), target.filename(), -1, null);
	}

	private static boolean fallsBackToCache(HubException ex) {
		return switch (ex.kind()) {
			case NETWORK_ERROR, UNAUTHORIZED, GATED_REPO, INVALID_RESPONSE -> true;
			case HTTP_ERROR -> ex.httpStatus() >= 500 || ex.httpStatus() == 408 || ex.httpStatus() == 429;
			default -> false;
		};
	}

	private static String revisionOrDefault(@Nullable String revision) {
		return (revision == null || revision.isBlank()) ? DEFAULT_REVISION : revision.strip();
	}

	private record Fetched(Path path, String commit) {
	}

	/** Builder of {@link HubClient}. */
	public static final class Builder {

		private @Nullable HubSettings settings;

		private @Nullable HttpClient httpClient;

		private DownloadProgress progress = DownloadProgress.none();

		private RetrySleeper sleeper = RetrySleeper.system();

		private int maxRetries = 3;

		private Duration initialBackoff = Duration.ofSeconds(1);

		private Duration maxRetryWait = Duration.ofSeconds(30);

		private Builder() {
		}

		/**
		 * Sets the settings.
		 * @param settings the settings
		 * @return this builder
		 */
		public Builder settings(HubSettings settings) {
			this.settings = Objects.requireNonNull(settings, "'settings' must not be null");
			return this;
		}

		/**
		 * Sets the HTTP client; it must not follow redirects by itself
		 * ({@link HttpClient.Redirect#NEVER}), so that the {@code Authorization} header
		 * is never sent to another host.
		 * @param httpClient the client
		 * @return this builder
		 */
		public Builder httpClient(HttpClient httpClient) {
			Objects.requireNonNull(httpClient, "'httpClient' must not be null");
			if (httpClient.followRedirects() != HttpClient.Redirect.NEVER) {
				throw new IllegalArgumentException(
						"The HttpClient must use HttpClient.Redirect.NEVER; HubClient " + "follows redirects itself");
			}
			this.httpClient = httpClient;
			return this;
		}

		/**
		 * Sets the progress listener (default: none).
		 * @param progress the listener, e.g. {@link ConsoleDownloadProgress#forConsole()}
		 * @return this builder
		 */
		public Builder progress(DownloadProgress progress) {
			this.progress = Objects.requireNonNull(progress, "'progress' must not be null");
			return this;
		}

		/**
		 * Sets how the client waits between retries (default:
		 * {@link RetrySleeper#system()}).
		 * @param sleeper the sleeper
		 * @return this builder
		 */
		public Builder sleeper(RetrySleeper sleeper) {
			this.sleeper = Objects.requireNonNull(sleeper, "'sleeper' must not be null");
			return this;
		}

		/**
		 * Sets how many times a request answered 408/429/5xx, or a broken transfer, is
		 * retried (default 3).
		 * @param maxRetries zero or more
		 * @return this builder
		 */
		public Builder maxRetries(int maxRetries) {
			if (maxRetries < 0 || maxRetries > 20) {
				throw new IllegalArgumentException("'maxRetries' must be between 0 and 20, but was " + maxRetries);
			}
			this.maxRetries = maxRetries;
			return this;
		}

		/**
		 * Sets the first wait between retries when the server sends no
		 * {@code Retry-After}; it doubles each time (default 1 s).
		 * @param initialBackoff a positive duration
		 * @return this builder
		 */
		public Builder initialBackoff(Duration initialBackoff) {
			Objects.requireNonNull(initialBackoff, "'initialBackoff' must not be null");
			if (initialBackoff.isNegative() || initialBackoff.isZero()) {
				throw new IllegalArgumentException("'initialBackoff' must be positive, but was " + initialBackoff);
			}
			this.initialBackoff = initialBackoff;
			return this;
		}

		/**
		 * Sets the longest wait between retries, capping {@code Retry-After} too (default
		 * 30 s).
		 * @param maxRetryWait a positive duration
		 * @return this builder
		 */
		public Builder maxRetryWait(Duration maxRetryWait) {
			Objects.requireNonNull(maxRetryWait, "'maxRetryWait' must not be null");
			if (maxRetryWait.isNegative() || maxRetryWait.isZero()) {
				throw new IllegalArgumentException("'maxRetryWait' must be positive, but was " + maxRetryWait);
			}
			this.maxRetryWait = maxRetryWait;
			return this;
		}

		/**
		 * Builds the client.
		 * @return the client
		 */
		public HubClient build() {
			HubSettings resolved = (this.settings != null) ? this.settings
					: HubSettings.fromEnvironment(System.getenv());
			return new HubClient(this, resolved);
		}

	}

}
