package dev.springcohere.engine.hub;

/**
 * Listener of file downloads. Calls for one file come from the downloading thread, in the
 * order {@link #started}, {@link #advanced} (any number of times), then
 * {@link #finished}; a failed download gets no {@code finished}. Implementations must be
 * quick and must not throw.
 */
public interface DownloadProgress {

	/**
	 * Called when the transfer of a file begins (again, when resumed).
	 * @param filename the file path inside the repository
	 * @param bytesDone bytes already on disk (greater than zero when resuming)
	 * @param totalBytes the file size, or {@code -1} when unknown
	 */
	void started(String filename, long bytesDone, long totalBytes);

	/**
	 * Called as bytes arrive.
	 * @param filename the file path inside the repository
	 * @param bytesDone bytes on disk so far
	 * @param totalBytes the file size, or {@code -1} when unknown
	 */
	void advanced(String filename, long bytesDone, long totalBytes);

	/**
	 * Called once the file is complete and verified.
	 * @param filename the file path inside the repository
	 * @param totalBytes the file size
	 */
	void finished(String filename, long totalBytes);

	/**
	 * Returns a listener that ignores everything.
	 * @return a no-op listener
	 */
	static DownloadProgress none() {
		return NoProgress.INSTANCE;
	}

	/** The no-op listener. */
	enum NoProgress implements DownloadProgress {

		/** The single instance. */
		INSTANCE;

		@Override
		public void started(String filename, long bytesDone, long totalBytes) {
		}

		@Override
		public void advanced(String filename, long bytesDone, long totalBytes) {
		}

		@Override
		public void finished(String filename, long totalBytes) {
		}

	}

}
