package dev.springcohere.engine.hub;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class HubClientTests {

	private static final String REPO = "acme/tiny-model";

	private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

	private static final String NEW_COMMIT = "fedcba9876543210fedcba9876543210fedcba98";

	@TempDir
	Path cacheDir;

	private FakeHub hub;

	private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

	private final byte[] weights = randomBytes(300_000, 1);

	private final byte[] config = "{\"model_type\":\"cohere\"}\n".getBytes(StandardCharsets.UTF_8);

	private final byte[] pooling = "{\"pooling_mode_mean_tokens\":true}".getBytes(StandardCharsets.UTF_8);

	@BeforeEach
	void startHub() throws IOException {
		this.hub = new FakeHub();
		this.hub.publish(REPO, COMMIT,
				Map.of("config.json", new FakeHub.HubFile(this.config, false), "model.safetensors",
						new FakeHub.HubFile(this.weights, true), "1_Pooling/config.json",
						new FakeHub.HubFile(this.pooling, false)),
				"main", "refs/pr/1");
	}

	@AfterEach
	void stopHub() {
		this.hub.close();
	}

	@Test
	void freshDownloadLaysOutBlobsSnapshotsAndRefs() throws IOException {
		HubClient client = client((s) -> {
		});
		Path weightsPath = client.download(REPO, "main", "model.safetensors");
		Path configPath = client.download(REPO, null, "config.json");
		Path poolingPath = client.download(REPO, "main", "1_Pooling/config.json");

		Path repo = this.cacheDir.resolve("models--acme--tiny-model");
		String weightsEtag = FakeHub.sha256(this.weights);
		String configEtag = FakeHub.gitSha1(this.config);
		assertThat(weightsPath).isEqualTo(repo.resolve("snapshots").resolve(COMMIT).resolve("model.safetensors"));
		assertThat(Files.readSymbolicLink(weightsPath)).isEqualTo(Path.of("..", "..", "blobs", weightsEtag));
		assertThat(Files.readSymbolicLink(configPath)).isEqualTo(Path.of("..", "..", "blobs", configEtag));
		assertThat(Files.readSymbolicLink(poolingPath))
			.isEqualTo(Path.of("..", "..", "..", "blobs", FakeHub.gitSha1(this.pooling)));
		assertThat(Files.readAllBytes(weightsPath)).isEqualTo(this.weights);
		assertThat(Files.readAllBytes(poolingPath)).isEqualTo(this.pooling);
		assertThat(Files.readAllBytes(repo.resolve("blobs").resolve(configEtag))).isEqualTo(this.config);
		try (var blobs = Files.list(repo.resolve("blobs"))) {
			assertThat(blobs.map((p) -> p.getFileName().toString())).containsExactlyInAnyOrder(weightsEtag, configEtag,
					FakeHub.gitSha1(this.pooling));
		}
		assertThat(Files.readString(repo.resolve("refs").resolve("main"))).isEqualTo(COMMIT);
		assertThat(Files.readString(this.cacheDir.resolve("CACHEDIR.TAG")))
			.startsWith("Signature: 8a477f597d28d172789f06886806bc55");
		assertThat(this.cacheDir.resolve(".locks").resolve("models--acme--tiny-model").resolve(weightsEtag + ".lock"))
			.exists();
		assertThat(this.hub.requests("hub", "HEAD")).hasSize(3);
	}

	@Test
	void secondCallWithSameEtagDoesNotDownloadAgain() {
		HubClient client = client((s) -> {
		});
		Path first = client.download(REPO, "main", "model.safetensors");
		long gets = this.hub.downloads();
		Path second = client.download(REPO, "main", "model.safetensors");
		assertThat(second).isEqualTo(first);
		assertThat(this.hub.downloads()).isEqualTo(gets).isEqualTo(1);
		assertThat(this.hub.requests("hub", "HEAD")).hasSize(2);
	}

	@Test
	void commitRevisionAlreadyCachedNeedsNoRequestAtAll() {
		HubClient client = client((s) -> {
		});
		client.download(REPO, "main", "config.json");
		int before = this.hub.requests.size();
		assertThat(client.download(REPO, COMMIT, "config.json")).hasBinaryContent(this.config);
		assertThat(this.hub.requests).hasSize(before);
		assertThat(this.cacheDir.resolve("models--acme--tiny-model/refs/" + COMMIT)).doesNotExist();
	}

	@Test
	void newCommitOnBranchUpdatesRefAndReusesUnchangedBlob() {
		HubClient client = client((s) -> {
		});
		client.download(REPO, "main", "model.safetensors");
		this.hub.publish(REPO, NEW_COMMIT, Map.of("model.safetensors", new FakeHub.HubFile(this.weights, true)),
				"main");
		Path path = client.download(REPO, "main", "model.safetensors");
		assertThat(path.toString()).contains(NEW_COMMIT);
		assertThat(path).hasBinaryContent(this.weights);
		assertThat(this.hub.downloads()).isEqualTo(1);
		assertThat(this.cacheDir.resolve("models--acme--tiny-model/refs/main")).hasContent(NEW_COMMIT);
	}

	@Test
	void truncatedBodyIsResumedWithRange() throws IOException {
		RecordingProgress progress = new RecordingProgress();
		HubClient client = client((b) -> b.progress(progress));
		this.hub.cutNextBodyAfter.set(100_000);
		Path path = client.download(REPO, "main", "model.safetensors");
		assertThat(Files.readAllBytes(path)).isEqualTo(this.weights);
		List<FakeHub.Request> gets = this.hub.requests("cdn", "GET");
		assertThat(gets).hasSize(2);
		assertThat(gets.get(0).range()).isNull();
		// the server sent 100000 bytes before dropping the connection; bytes still in
		// flight when it dropped may be
		// lost, so the client resumes from what it actually wrote, at most 100000
		String range = gets.get(1).range();
		assertThat(range).matches("bytes=\\d+-");
		long resumedAt = Long.parseLong(range.substring("bytes=".length(), range.length() - 1));
		assertThat(resumedAt).isPositive().isLessThanOrEqualTo(100_000);
		assertThat(this.sleeps).hasSize(1);
		assertThat(progress.events).contains("started model.safetensors 0/300000",
				"started model.safetensors " + resumedAt + "/300000", "finished model.safetensors 300000");
	}

	@Test
	@Timeout(20)
	void stalledBodyIsAbandonedAndResumed() throws IOException {
		this.hub.stallMillis = 120_000;
		this.hub.stallNextBodyAfter.set(70_000);
		HubClient client = HubClient.builder()
			.settings(settings().downloadTimeout(Duration.ofMillis(300)).build())
			.sleeper(this.sleeps::add)
			.build();
		Path path = client.download(REPO, "main", "model.safetensors");
		assertThat(Files.readAllBytes(path)).isEqualTo(this.weights);
		assertThat(this.hub.requests("cdn", "GET")).extracting(FakeHub.Request::range)
			.containsExactly(null, "bytes=70000-");
	}

	@Test
	void twoClientsSharingTheCacheTransferTheBlobOnce() throws Exception {
		HubClient first = client((s) -> {
		});
		HubClient second = client((s) -> {
		});
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			Future<Path> a = pool.submit(() -> first.download(REPO, "main", "model.safetensors"));
			Future<Path> b = pool.submit(() -> second.download(REPO, "main", "model.safetensors"));
			assertThat(a.get()).isEqualTo(b.get()).hasBinaryContent(this.weights);
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(this.hub.requests("cdn", "GET")).hasSize(1);
	}

	@Test
	void partialFileFromAnEarlierRunIsResumed() throws IOException {
		String etag = FakeHub.sha256(this.weights);
		Path incomplete = this.cacheDir.resolve("models--acme--tiny-model/blobs/" + etag + ".incomplete");
		Files.createDirectories(incomplete.getParent());
		Files.write(incomplete, Arrays.copyOf(this.weights, 123_456));
		Path path = client((s) -> {
		}).download(REPO, "main", "model.safetensors");
		assertThat(Files.readAllBytes(path)).isEqualTo(this.weights);
		assertThat(this.hub.requests("cdn", "GET")).singleElement()
			.extracting(FakeHub.Request::range)
			.isEqualTo("bytes=123456-");
		assertThat(incomplete).doesNotExist();
	}

	@Test
	void completeButUnrenamedPartialFileIsVerifiedWithoutDownloading() throws IOException {
		String etag = FakeHub.sha256(this.weights);
		Path incomplete = this.cacheDir.resolve("models--acme--tiny-model/blobs/" + etag + ".incomplete");
		Files.createDirectories(incomplete.getParent());
		Files.write(incomplete, this.weights);
		Path path = client((s) -> {
		}).download(REPO, "main", "model.safetensors");
		assertThat(path).hasBinaryContent(this.weights);
		assertThat(this.hub.downloads()).isZero();
		assertThat(incomplete).doesNotExist();
	}

	@Test
	void serverIgnoringRangeRestartsFromZero() throws IOException {
		String etag = FakeHub.sha256(this.weights);
		Path incomplete = this.cacheDir.resolve("models--acme--tiny-model/blobs/" + etag + ".incomplete");
		Files.createDirectories(incomplete.getParent());
		Files.write(incomplete, randomBytes(50_000, 99));
		this.hub.ignoreRange = true;
		Path path = client((s) -> {
		}).download(REPO, "main", "model.safetensors");
		assertThat(Files.readAllBytes(path)).isEqualTo(this.weights);
		assertThat(this.hub.requests("cdn", "GET")).singleElement()
			.extracting(FakeHub.Request::range)
			.isEqualTo("bytes=50000-");
	}

	@Test
	void checksumMismatchFailsAndLeavesNoBlob() throws IOException {
		this.hub.corruptCdn = true;
		HubClient client = client((s) -> {
		});
		assertThatExceptionOfType(HubException.class)
			.isThrownBy(() -> client.download(REPO, "main", "model.safetensors"))
			.satisfies((ex) -> {
				assertThat(ex.kind()).isEqualTo(HubException.Kind.CHECKSUM_MISMATCH);
				assertThat(ex.getMessage()).contains("model.safetensors", REPO, FakeHub.sha256(this.weights));
			});
		Path repo = this.cacheDir.resolve("models--acme--tiny-model");
		try (var blobs = Files.list(repo.resolve("blobs"))) {
			assertThat(blobs).isEmpty();
		}
		assertThat(repo.resolve("snapshots").resolve(COMMIT).resolve("model.safetensors")).doesNotExist();
	}

	@Test
	void gatedRepoWithoutTokenExplainsHowToGetAccess() {
		this.hub.gatedRepos.add(REPO);
		HubClient client = client((s) -> {
		});
		assertThatExceptionOfType(HubException.class).isThrownBy(() -> client.download(REPO, "main", "config.json"))
			.satisfies((ex) -> {
				assertThat(ex.kind()).isEqualTo(HubException.Kind.GATED_REPO);
				assertThat(ex.httpStatus()).isEqualTo(401);
				assertThat(ex.getMessage()).contains("gated", "HF_TOKEN", REPO, "config.json", "main",
						"Accept its terms", "no token is configured");
			});
	}

	@Test
	void tokenGoesAsBearerToTheHubButNotToTheCdn() {
		String token = "hf_secretTokenValue123";
		this.hub.gatedRepos.add(REPO);
		this.hub.acceptedToken = token;
		HubClient client = HubClient.builder()
			.settings(settings().token(token).build())
			.sleeper(this.sleeps::add)
			.build();
		assertThat(client.download(REPO, "main", "model.safetensors")).hasBinaryContent(this.weights);
		assertThat(client.download(REPO, "main", "config.json")).hasBinaryContent(this.config);
		assertThat(this.hub.requests("hub", "HEAD")).hasSize(2)
			.extracting(FakeHub.Request::authorization)
			.containsOnly("Bearer " + token);
		assertThat(this.hub.requests("hub", "GET")).singleElement()
			.extracting(FakeHub.Request::authorization)
			.isEqualTo("Bearer " + token);
		assertThat(this.hub.requests("cdn", "GET")).hasSize(1)
			.extracting(FakeHub.Request::authorization)
			.containsOnlyNulls();
		assertThat(client.settings().toString()).doesNotContain(token).contains("token=<set>");
	}

	@Test
	void refusedTokenIsNotRepeatedInTheMessage() {
		String token = "hf_wrongTokenValue456";
		this.hub.gatedRepos.add(REPO);
		this.hub.acceptedToken = "hf_other";
		HubClient client = HubClient.builder().settings(settings().token(token).build()).build();
		assertThatExceptionOfType(HubException.class).isThrownBy(() -> client.download(REPO, "main", "config.json"))
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain(token).contains("has no access"));
	}

	@Test
	void offlineModeServesFromCacheWithoutAnyRequest() {
		Path online = client((s) -> {
		}).download(REPO, "main", "config.json");
		int before = this.hub.requests.size();
		HubClient offline = HubClient.builder().settings(settings().offline(true).build()).build();
		assertThat(offline.download(REPO, "main", "config.json")).isEqualTo(online);
		assertThatExceptionOfType(HubException.class)
			.isThrownBy(() -> offline.download(REPO, "main", "model.safetensors"))
			.satisfies((ex) -> {
				assertThat(ex.kind()).isEqualTo(HubException.Kind.NOT_IN_CACHE);
				assertThat(ex.getMessage()).contains("HF_HUB_OFFLINE", "model.safetensors", REPO, "main",
						this.cacheDir.toString());
			});
		assertThatExceptionOfType(HubException.class).isThrownBy(() -> offline.download(REPO, "dev", "config.json"))
			.extracting(HubException::kind)
			.isEqualTo(HubException.Kind.NOT_IN_CACHE);
		assertThat(this.hub.requests).hasSize(before);
	}

	@Test
	void headServerErrorFallsBackToCacheAfterBoundedRetries() {
		HubClient client = client((b) -> b.maxRetries(2));
		Path cached = client.download(REPO, "main", "config.json");
		this.hub.headStatus = 500;
		this.hub.headRetryAfter = "2";
		assertThat(client.download(REPO, "main", "config.json")).isEqualTo(cached);
		assertThat(this.sleeps).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2));
		assertThat(this.hub.requests("hub", "HEAD")).hasSize(1 + 3);
	}

	@Test
	void refusedHeadFallsBackToCache() {
		Path cached = client((s) -> {
		}).download(REPO, "main", "config.json");
		this.hub.gatedRepos.add(REPO);
		assertThat(client((s) -> {
		}).download(REPO, "main", "config.json")).isEqualTo(cached);
		assertThatExceptionOfType(HubException.class).isThrownBy(() -> client((s) -> {
		}).download(REPO, "main", "model.safetensors"))
			.extracting(HubException::kind)
			.isEqualTo(HubException.Kind.GATED_REPO);
	}

	@Test
	void headServerErrorWithoutCacheFailsWithStatus() {
		this.hub.headStatus = 502;
		HubClient client = client((b) -> b.maxRetries(1));
		assertThatExceptionOfType(HubException.class).isThrownBy(() -> client.download(REPO, "main", "config.json"))
			.satisfies((ex) -> {
				assertThat(ex.kind()).isEqualTo(HubException.Kind.HTTP_ERROR);
				assertThat(ex.httpStatus()).isEqualTo(502);
				assertThat(ex.getMessage()).contains("502", "config.json", REPO);
			});
		assertThat(this.sleeps).containsExactly(Duration.ofMillis(10));
	}

	@Test
	void unreachableHubFallsBackToCacheOrFailsClearly() {
		Path cached = client((s) -> {
		}).download(REPO, "main", "config.json");
		URI deadEndpoint = this.hub.endpoint();
		this.hub.close();
		HubClient client = HubClient.builder().settings(settings().endpoint(deadEndpoint).build()).build();
		assertThat(client.download(REPO, "main", "config.json")).isEqualTo(cached);
		assertThatExceptionOfType(HubException.class)
			.isThrownBy(() -> client.download(REPO, "main", "model.safetensors"))
			.satisfies((ex) -> {
				assertThat(ex.kind()).isEqualTo(HubException.Kind.NOT_IN_CACHE);
				assertThat(ex.getMessage()).contains("Cannot reach", "not in the cache");
			});
	}

	@Test
	void transientHeadFailureIsRetriedHonouringRetryAfter() {
		this.hub.headFailuresLeft.set(1);
		Path path = client((s) -> {
		}).download(REPO, "main", "config.json");
		assertThat(path).hasBinaryContent(this.config);
		assertThat(this.sleeps).containsExactly(Duration.ofSeconds(1));
	}

	@Test
	void pullRequestRevisionIsEncodedAndItsRefStored() {
		Path path = client((s) -> {
		}).download(REPO, "refs/pr/1", "config.json");
		assertThat(path).hasBinaryContent(this.config);
		assertThat(this.hub.requests("hub", "HEAD")).singleElement()
			.extracting(FakeHub.Request::rawPath)
			.isEqualTo("/acme/tiny-model/resolve/refs%2Fpr%2F1/config.json");
		assertThat(this.cacheDir.resolve("models--acme--tiny-model/refs/refs/pr/1")).hasContent(COMMIT);
	}

	@Test
	void relativeRedirectIsFollowedButCdnRedirectIsNotProbedWithHead() {
		this.hub.renamedRepos.put("acme/old-name", REPO);
		Path path = client((s) -> {
		}).download("acme/old-name", "main", "model.safetensors");
		assertThat(path).hasBinaryContent(this.weights);
		assertThat(path.toString()).contains("models--acme--old-name");
		assertThat(this.hub.requests("hub", "HEAD")).extracting(FakeHub.Request::rawPath)
			.containsExactly("/acme/old-name/resolve/main/model.safetensors",
					"/acme/tiny-model/resolve/main/model.safetensors");
		assertThat(this.hub.requests("cdn", "HEAD")).isEmpty();
	}

	@Test
	void missingEntryIsReportedAndRememberedInNoExist() {
		HubClient client = client((s) -> {
		});
		assertThatExceptionOfType(HubException.class)
			.isThrownBy(() -> client.download(REPO, "main", "generation_config.json"))
			.satisfies((ex) -> {
				assertThat(ex.kind()).isEqualTo(HubException.Kind.ENTRY_NOT_FOUND);
				assertThat(ex.getMessage()).contains("generation_config.json", REPO, "main");
			});
		assertThat(this.cacheDir.resolve("models--acme--tiny-model/.no_exist/" + COMMIT + "/generation_config.json"))
			.exists();
		int before = this.hub.requests.size();
		assertThatExceptionOfType(HubException.class)
			.isThrownBy(() -> client.download(REPO, COMMIT, "generation_config.json"))
			.extracting(HubException::kind)
			.isEqualTo(HubException.Kind.ENTRY_NOT_FOUND);
		assertThat(this.hub.requests).hasSize(before);
	}

	@Test
	void unknownRepoRevisionAndDisabledRepoGetTheirOwnKinds() {
		this.hub.publish("acme/disabled", NEW_COMMIT, Map.of(), "main");
		this.hub.disabledRepos.add("acme/disabled");
		HubClient client = client((s) -> {
		});
		assertThatExceptionOfType(HubException.class)
			.isThrownBy(() -> client.download("acme/nothing-here", "main", "config.json"))
			.satisfies((ex) -> {
				assertThat(ex.kind()).isEqualTo(HubException.Kind.REPO_NOT_FOUND);
				assertThat(ex.getMessage()).contains("acme/nothing-here", "HF_TOKEN");
			});
		assertThatExceptionOfType(HubException.class).isThrownBy(() -> client.download(REPO, "v9", "config.json"))
			.satisfies((ex) -> {
				assertThat(ex.kind()).isEqualTo(HubException.Kind.REVISION_NOT_FOUND);
				assertThat(ex.getMessage()).contains("'v9'", REPO);
			});
		assertThatExceptionOfType(HubException.class)
			.isThrownBy(() -> client.download("acme/disabled", "main", "config.json"))
			.satisfies((ex) -> {
				assertThat(ex.kind()).isEqualTo(HubException.Kind.DISABLED_REPO);
				assertThat(ex.getMessage()).contains("acme/disabled", "disabled");
			});
	}

	@Test
	void copyModeWritesRegularFiles() throws IOException {
		HubClient client = HubClient.builder().settings(settings().symlinksDisabled(true).build()).build();
		Path path = client.download(REPO, "main", "1_Pooling/config.json");
		assertThat(Files.isSymbolicLink(path)).isFalse();
		assertThat(Files.isRegularFile(path)).isTrue();
		assertThat(Files.readAllBytes(path)).isEqualTo(this.pooling);
		assertThat(this.cacheDir.resolve("models--acme--tiny-model/blobs/" + FakeHub.gitSha1(this.pooling)))
			.hasBinaryContent(this.pooling);
	}

	@Test
	void concurrentDownloadsOfOneBlobTransferItOnce() throws Exception {
		HubClient client = client((s) -> {
		});
		ExecutorService pool = Executors.newFixedThreadPool(3);
		try {
			List<Future<Path>> results = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				results.add(pool.submit(() -> client.download(REPO, "main", "model.safetensors")));
			}
			for (Future<Path> result : results) {
				assertThat(result.get()).hasBinaryContent(this.weights);
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(this.hub.requests("cdn", "GET")).hasSize(1);
	}

	@Test
	void invalidArgumentsAreRejectedBeforeAnyRequest() {
		HubClient client = client((s) -> {
		});
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> client.download("acme/../etc", "main", "config.json"))
			.withMessageContaining("repository id");
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> client.download(REPO, "main", "../../secrets"))
			.withMessageContaining("'../../secrets'");
		assertThat(this.hub.requests).isEmpty();
	}

	private HubSettings.Builder settings() {
		return HubSettings.builder().endpoint(this.hub.endpoint()).cacheDir(this.cacheDir);
	}

	private HubClient client(Consumer<HubClient.Builder> customizer) {
		HubClient.Builder builder = HubClient.builder()
			.settings(settings().build())
			.sleeper(this.sleeps::add)
			.initialBackoff(Duration.ofMillis(10));
		customizer.accept(builder);
		return builder.build();
	}

	static byte[] randomBytes(int size, long seed) {
		byte[] bytes = new byte[size];
		new Random(seed).nextBytes(bytes);
		return bytes;
	}

	/** Records progress events as text. */
	static final class RecordingProgress implements DownloadProgress {

		final List<String> events = new CopyOnWriteArrayList<>();

		@Override
		public void started(String filename, long bytesDone, long totalBytes) {
			this.events.add("started " + filename + " " + bytesDone + "/" + totalBytes);
		}

		@Override
		public void advanced(String filename, long bytesDone, long totalBytes) {
			if (bytesDone > totalBytes) {
				this.events.add("overshoot " + filename);
			}
		}

		@Override
		public void finished(String filename, long totalBytes) {
			this.events.add("finished " + filename + " " + totalBytes);
		}

	}

}
