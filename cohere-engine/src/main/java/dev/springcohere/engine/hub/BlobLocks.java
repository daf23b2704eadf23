package dev.springcohere.engine.hub;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Exclusive locks on blob lock files: a {@link ReentrantLock} per path among the threads
 * of this client, then a {@link FileChannel#lock() file lock} among processes (and other
 * clients of this JVM, which would otherwise get an
 * {@link OverlappingFileLockException}).
 */
final class BlobLocks {

	/** Work done while holding a lock. */
	@FunctionalInterface
	interface LockedWork {

		void run() throws IOException;

	}

	private final ConcurrentMap<Path, ReentrantLock> threadLocks = new ConcurrentHashMap<>();

	void withLock(Path lockFile, LockedWork work) throws IOException, InterruptedException {
		Path key = lockFile.toAbsolutePath().normalize();
		ReentrantLock threadLock = this.threadLocks.computeIfAbsent(key, (k) -> new ReentrantLock());
		threadLock.lockInterruptibly();
		try {
			Files.createDirectories(key.getParent());
			try (FileChannel channel = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
					FileLock lock = acquire(channel)) {
				work.run();
			}
		}
		finally {
			threadLock.unlock();
		}
	}

	private FileLock acquire(FileChannel channel) throws IOException, InterruptedException {
		while (true) {
			try {
				return channel.lock();
			}
			catch (OverlappingFileLockException ex) {
				// held by another client in this JVM: wait for it
				Thread.sleep(50);
			}
		}
	}

}
