package dev.springcohere.engine.hub;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when a file cannot be obtained from the Hugging Face Hub or from the local
 * cache. The message names the repository, the revision and the file where they are
 * known, and says how to fix the problem; {@link #kind()} tells the causes apart. Tokens
 * never appear in the message.
 */
public final class HubException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/** What went wrong. */
	public enum Kind {

		/**
		 * The repository does not exist, or it is private and the token (if any) has no
		 * access.
		 */
		REPO_NOT_FOUND,

		/**
		 * The revision (branch, tag, commit or {@code refs/pr/N}) does not exist in the
		 * repository.
		 */
		REVISION_NOT_FOUND,

		/** The file does not exist at that revision. */
		ENTRY_NOT_FOUND,

		/**
		 * The repository is gated: its terms must be accepted on the Hub and a token of
		 * that account sent.
		 */
		GATED_REPO,

		/** The repository has been disabled by its owner or by the Hub. */
		DISABLED_REPO,

		/** The Hub refused the request (401/403) without saying more. */
		UNAUTHORIZED,

		/** Any other unexpected HTTP status. */
		HTTP_ERROR,

		/** The Hub could not be reached, or a transfer broke off too often. */
		NETWORK_ERROR,

		/** Offline (or the Hub unreachable) and the file is not in the local cache. */
		NOT_IN_CACHE,

		/**
		 * The downloaded bytes do not match the size or checksum announced by the Hub.
		 */
		CHECKSUM_MISMATCH,

		/** The server answered without the headers a Hugging Face Hub sends. */
		INVALID_RESPONSE,

		/** Reading or writing the local cache failed. */
		CACHE_IO,

		/** The calling thread was interrupted. */
		INTERRUPTED

	}

	private final Kind kind;

	private final String repoId;

	private final @Nullable String revision;

	private final @Nullable String filename;

	private final int httpStatus;

	/**
	 * The commit the Hub named in a failed answer ({@code X-Repo-Commit}), used for
	 * {@code .no_exist} markers.
	 */
	private final @Nullable String commitHint;

	HubException(Kind kind, String message, String repoId, @Nullable String revision, @Nullable String filename,
			int httpStatus, @Nullable Throwable cause) {
		this(kind, message, repoId, revision, filename, httpStatus, cause, null);
	}

	HubException(Kind kind, String message, String repoId, @Nullable String revision, @Nullable String filename,
			int httpStatus, @Nullable Throwable cause, @Nullable String commitHint) {
		super(message, cause);
		this.commitHint = commitHint;
		this.kind = Objects.requireNonNull(kind, "'kind' must not be null");
		this.repoId = repoId;
		this.revision = revision;
		this.filename = filename;
		this.httpStatus = httpStatus;
	}

	@Nullable String commitHint() {
		return this.commitHint;
	}

	/**
	 * Returns what went wrong.
	 * @return the kind of failure
	 */
	public Kind kind() {
		return this.kind;
	}

	/**
	 * Returns the repository id the failure concerns.
	 * @return the repository id, e.g. {@code CohereLabs/aya-expanse-8b}
	 */
	public String repoId() {
		return this.repoId;
	}

	/**
	 * Returns the requested revision.
	 * @return the revision, or {@code null} when not known
	 */
	public @Nullable String revision() {
		return this.revision;
	}

	/**
	 * Returns the file the failure concerns.
	 * @return the file path inside the repository, or {@code null} when the failure
	 * concerns the repository
	 */
	public @Nullable String filename() {
		return this.filename;
	}

	/**
	 * Returns the HTTP status that caused the failure.
	 * @return the status, or {@code -1} when no HTTP answer was involved
	 */
	public int httpStatus() {
		return this.httpStatus;
	}

}
