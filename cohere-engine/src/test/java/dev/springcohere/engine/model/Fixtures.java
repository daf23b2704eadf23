package dev.springcohere.engine.model;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the shared engine fixtures.
 */
public final class Fixtures {

	private Fixtures() {
	}

	/**
	 * Returns the directory of an engine fixture, failing clearly when the shared folder is missing.
	 * @param name e.g. {@code tiny-cohere}
	 * @return the directory
	 */
	public static Path engine(String name) {
		String shared = System.getProperty("springcohere.shared.dir");
		if (shared == null) {
			throw new IllegalStateException("System property 'springcohere.shared.dir' is not set; run the tests "
					+ "through Maven (the root pom sets it to <repo root>/../shared)");
		}
		Path dir = Path.of(shared, "fixtures", "engine", name);
		if (!Files.isDirectory(dir)) {
			throw new IllegalStateException("Engine fixture folder " + dir + " is missing; check /work/shared");
		}
		return dir;
	}

}
