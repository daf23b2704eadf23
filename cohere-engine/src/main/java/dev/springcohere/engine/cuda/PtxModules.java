package dev.springcohere.engine.cuda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PTX compiled from {@code src/main/cuda} and shipped as resources of this package
 * ({@code build-ptx.sh} writes them; a test fails when they are stale).
 */
public final class PtxModules {

	/** The decoder kernels ({@code decoder_kernels.cu}). */
	public static final String DECODER = "decoder_kernels.ptx";

	private static final Pattern ENTRY = Pattern.compile("\\.entry\\s+(\\w+)\\s*\\(");

	private PtxModules() {
	}

	/**
	 * The text of a PTX resource.
	 * @param name the resource's file name, e.g. {@link #DECODER}
	 * @return the PTX
	 */
	public static String read(String name) {
		try (InputStream in = PtxModules.class.getResourceAsStream(name)) {
			if (in == null) {
				throw new IllegalStateException("The engine jar lacks the PTX resource " + name
						+ "; rebuild it (cohere-engine/src/main/cuda/build-ptx.sh)");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read the PTX resource " + name, ex);
		}
	}

	/**
	 * The kernel entry points a PTX text declares.
	 * @param ptx the PTX
	 * @return the names, in order
	 */
	public static List<String> entries(String ptx) {
		List<String> names = new ArrayList<>();
		Matcher matcher = ENTRY.matcher(ptx);
		while (matcher.find()) {
			names.add(matcher.group(1));
		}
		return names;
	}

}
