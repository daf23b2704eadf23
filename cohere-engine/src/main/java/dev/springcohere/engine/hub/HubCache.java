package dev.springcohere.engine.hub;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The standard Hugging Face cache layout under one cache root:
 *
 * <pre>
 * models--{org}--{name}/blobs/{etag}              file bytes ({etag}.incomplete while downloading)
 * models--{org}--{name}/snapshots/{commit}/{path} relative link to ../../blobs/{etag} (or a copy)
 * models--{org}--{name}/refs/{revision}           the commit hash of a branch, tag or refs/pr/N
 * models--{org}--{name}/.no_exist/{commit}/{path} empty marker of a file known to be absent
 * .locks/models--{org}--{name}/{etag}.lock
 * CACHEDIR.TAG
 * </pre>
 */
final class HubCache {

	private static final Logger logger = LoggerFactory.getLogger(HubCache.class);

	private static final String CACHEDIR_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n"
			+ "# This file is a cache directory tag created by springcohere (Hugging Face Hub cache).\n"
			+ "# For information about cache directory tags see https://bford.info/cachedir/\n";

	private final Path root;

	HubCache(Path root) {
		this.root = Objects.requireNonNull(root, "'root' must not be null");
	}

	Path root() {
		return this.root;
	}

	Path repoFolder(String repoId) {
		return this.root.resolve(folderName(repoId));
	}

	Path blob(String repoId, String etag) {
		return repoFolder(repoId).resolve("blobs").resolve(etag);
	}

	Path incompleteBlob(String repoId, String etag) {
		return repoFolder(repoId).resolve("blobs").resolve(etag + ".incomplete");
	}

	Path lockFile(String repoId, String etag) {
		return this.root.resolve(".locks").resolve(folderName(repoId)).resolve(etag + ".lock");
	}

	Path snapshotDir(String repoId, String commit) {
		return repoFolder(repoId).resolve("snapshots").resolve(commit);
	}

	Path snapshotFile(String repoId, String commit, String filename) {
		return inside(snapshotDir(repoId, commit), filename);
	}

	Path noExistMarker(String repoId, String commit, String filename) {
		return inside(repoFolder(repoId).resolve(".no_exist").resolve(commit), filename);
	}

	Path refFile(String repoId, String revision) {
		return inside(repoFolder(repoId).resolve("refs"), revision);
	}

	/**
	 * Returns the commit a revision stands for in the cache: itself when a commit hash,
	 * else its ref file.
	 */
	@Nullable String cachedCommit(String repoId, String revision) throws IOException {
		if (HubPaths.COMMIT_HASH.matcher(revision).matches()) {
			return revision;
		}
		Path ref = refFile(repoId, revision);
		if (!Files.isRegularFile(ref)) {
			return null;
		}
		String commit = Files.readString(ref, StandardCharsets.UTF_8).strip();
		return commit.isEmpty() ? null : commit;
	}

	void writeRef(String repoId, String revision, String commit) throws IOException {
		Path ref = refFile(repoId, revision);
		if (Files.isRegularFile(ref) && Files.readString(ref, StandardCharsets.UTF_8).strip().equals(commit)) {
			return;
		}
		writeAtomically(ref, commit.getBytes(StandardCharsets.UTF_8));
	}

	void markAbsent(String repoId, String commit, String filename) throws IOException {
		Path marker = noExistMarker(repoId, commit, filename);
		Files.createDirectories(marker.getParent());
		try {
			Files.createFile(marker);
		}
		catch (FileAlreadyExistsException ex) {
			// already known
		}
	}

	/**
	 * Makes {@code pointer} show the blob's bytes: a relative symbolic link, or a copy
	 * when links are disabled or not supported by the file system.
	 */
	void linkSnapshot(Path blob, Path pointer, boolean copy) throws IOException {
		Files.createDirectories(pointer.getParent());
		if (!copy) {
			Path target = pointer.getParent().relativize(blob);
			Path temp = pointer.resolveSibling(pointer.getFileName() + ".link-" + ProcessHandle.current().pid() + "-"
					+ Thread.currentThread().threadId());
			try {
				Files.deleteIfExists(temp);
				Files.createSymbolicLink(temp, target);
				move(temp, pointer);
				return;
			}
			catch (UnsupportedOperationException | IOException ex) {
				Files.deleteIfExists(temp);
				logger.debug("Symbolic links not available in {} ({}); copying instead", pointer.getParent(),
						ex.toString());
			}
		}
		Path temp = pointer.resolveSibling(pointer.getFileName() + ".copy-" + ProcessHandle.current().pid() + "-"
				+ Thread.currentThread().threadId());
		try {
			Files.copy(blob, temp, StandardCopyOption.REPLACE_EXISTING);
			move(temp, pointer);
		}
		finally {
			Files.deleteIfExists(temp);
		}
	}

	void ensureCachedirTag() throws IOException {
		Files.createDirectories(this.root);
		Path tag = this.root.resolve("CACHEDIR.TAG");
		if (!Files.exists(tag)) {
			writeAtomically(tag, CACHEDIR_TAG.getBytes(StandardCharsets.UTF_8));
		}
	}

	static void writeAtomically(Path file, byte[] bytes) throws IOException {
		Files.createDirectories(file.getParent());
		Path temp = Files.createTempFile(file.getParent(), file.getFileName() + ".", ".tmp");
		try {
			Files.write(temp, bytes);
			move(temp, file);
		}
		finally {
			Files.deleteIfExists(temp);
		}
	}

	static void move(Path source, Path target) throws IOException {
		try {
			Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
		}
	}

	static String folderName(String repoId) {
		return "models--" + repoId.replace("/", "--");
	}

	private static Path inside(Path dir, String relative) {
		Path resolved = dir.resolve(relative).normalize();
		if (!resolved.startsWith(dir) || resolved.equals(dir)) {
			throw new IllegalArgumentException("'" + relative + "' would leave the cache folder " + dir);
		}
		return resolved;
	}

}
