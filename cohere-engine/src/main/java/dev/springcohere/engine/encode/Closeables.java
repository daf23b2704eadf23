package dev.springcohere.engine.encode;

import java.util.List;

/**
 * Closes several resources, keeping every failure.
 */
final class Closeables {

	private Closeables() {
	}

	static void closeAll(List<AutoCloseable> resources, String what) {
		RuntimeException failure = null;
		for (AutoCloseable resource : resources.reversed()) {
			try {
				resource.close();
			}
			catch (Exception ex) {
				if (failure == null) {
					failure = new IllegalStateException("Failed to release the " + what, ex);
				}
				else {
					failure.addSuppressed(ex);
				}
			}
		}
		if (failure != null) {
			throw failure;
		}
	}

}
