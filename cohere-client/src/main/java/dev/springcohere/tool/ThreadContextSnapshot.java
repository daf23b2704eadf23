package dev.springcohere.tool;

import java.util.concurrent.Callable;
import java.util.concurrent.Executor;

import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import org.jspecify.annotations.Nullable;

/**
 * The thread-bound context of the thread that starts an agent run or a tool step (Spring
 * Security's authentication, the current observation, the locale, ...), restored around
 * each tool call on whatever thread runs it, so that a {@code @PreAuthorize} tool method
 * sees the caller's authentication and its spans join the caller's trace.
 * <p>
 * What is captured is what Micrometer's context-propagation library knows: every
 * {@code ThreadLocalAccessor} registered with its {@code ContextRegistry} (Spring
 * Security 7, Micrometer Observation and Spring Framework register theirs through
 * {@link java.util.ServiceLoader}). Without that library on the class path nothing is
 * captured and tools run with the context of the thread that runs them.
 *
 * @since 0.1.0
 */
public final class ThreadContextSnapshot {

	private static final boolean PROPAGATION_PRESENT = isPresent("io.micrometer.context.ContextSnapshotFactory");

	private static final ThreadContextSnapshot NONE = new ThreadContextSnapshot(null);

	private final @Nullable Object snapshot;

	private ThreadContextSnapshot(@Nullable Object snapshot) {
		this.snapshot = snapshot;
	}

	/**
	 * Captures the calling thread's context.
	 * @return the snapshot; empty when context-propagation is not on the class path
	 */
	public static ThreadContextSnapshot capture() {
		return PROPAGATION_PRESENT ? Propagation.capture() : NONE;
	}

	/**
	 * Wraps a task so that it runs with the captured context, restoring the running
	 * thread's own context afterwards.
	 * @param <T> the task's result
	 * @param task the task
	 * @return the wrapped task (the task itself when nothing was captured)
	 */
	public <T> Callable<T> wrap(Callable<T> task) {
		return (this.snapshot != null) ? Propagation.wrap(this.snapshot, task) : task;
	}

	/**
	 * Wraps an executor so that every task it runs has the captured context.
	 * @param executor the executor
	 * @return the wrapped executor (the executor itself when nothing was captured)
	 */
	public Executor wrap(Executor executor) {
		return (this.snapshot != null) ? Propagation.wrap(this.snapshot, executor) : executor;
	}

	private static boolean isPresent(String className) {
		try {
			Class.forName(className, false, ThreadContextSnapshot.class.getClassLoader());
			return true;
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return false;
		}
	}

	/** The calls into context-propagation, loaded only when it is present. */
	private static final class Propagation {

		private static final ContextSnapshotFactory FACTORY = ContextSnapshotFactory.builder().build();

		static ThreadContextSnapshot capture() {
			return new ThreadContextSnapshot(FACTORY.captureAll());
		}

		static <T> Callable<T> wrap(Object snapshot, Callable<T> task) {
			return ((ContextSnapshot) snapshot).wrap(task);
		}

		static Executor wrap(Object snapshot, Executor executor) {
			return ((ContextSnapshot) snapshot).wrapExecutor(executor);
		}

	}

}
