package dev.springcohere.engine.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

import picocli.CommandLine.IVersionProvider;

/**
 * The version the commands print for {@code --version}: the engine's Maven version,
 * written into {@code version.properties} by the build.
 */
final class EngineVersion implements IVersionProvider {

	private static final String RESOURCE = "version.properties";

	@Override
	public String[] getVersion() {
		return new String[] { "cohere-engine " + version(), "Java " + Runtime.version() + " ("
				+ System.getProperty("java.vm.name") + ", " + System.getProperty("os.arch") + ")" };
	}

	/**
	 * The engine's version.
	 * @return the version, such as {@code 0.1.0}
	 * @throws IllegalStateException if the build did not write the version resource
	 */
	static String version() {
		try (InputStream in = EngineVersion.class.getResourceAsStream(RESOURCE)) {
			if (in == null) {
				throw new IllegalStateException("The engine's " + RESOURCE + " is missing from the class path; "
						+ "build the engine with Maven (it writes the version there)");
			}
			Properties properties = new Properties();
			properties.load(in);
			String version = properties.getProperty("version");
			if (version == null || version.isBlank() || version.startsWith("${")) {
				throw new IllegalStateException("The engine's " + RESOURCE + " holds no version ('" + version
						+ "'); build the engine with Maven (it writes the version there)");
			}
			return version;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the engine's " + RESOURCE, ex);
		}
	}

}
