package dev.springcohere.engine.backend.output;

import java.util.Objects;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Makes the v2 ids of the tool calls a model asks for. The model itself numbers its calls
 * {@code "0"}, {@code "1"}, ... which repeat from turn to turn; v2 ids must be unique in
 * the conversation, so each call gets
 * {@code <tool name>_<12 random lowercase letters and digits>}, the shape the platform
 * uses.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface ToolCallIdGenerator {

	/**
	 * Returns the id of the next tool call.
	 * @param toolName the name of the called tool
	 * @return a new id
	 */
	String next(String toolName);

	/**
	 * Returns a generator of random ids, seeded from the system (different on every
	 * call).
	 * @return the generator
	 */
	static ToolCallIdGenerator random() {
		return withRandom(new SplittableRandom());
	}

	/**
	 * Returns a generator of ids drawn from a seeded generator, the same sequence for the
	 * same seed (for tests).
	 * @param seed the seed
	 * @return the generator
	 */
	static ToolCallIdGenerator seeded(long seed) {
		return withRandom(new SplittableRandom(seed));
	}

	private static ToolCallIdGenerator withRandom(RandomGenerator random) {
		Objects.requireNonNull(random, "'random' must not be null");
		String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
		return (toolName) -> {
			StringBuilder id = new StringBuilder(toolName.length() + 13).append(toolName).append('_');
			for (int i = 0; i < 12; i++) {
				id.append(alphabet.charAt(random.nextInt(alphabet.length())));
			}
			return id.toString();
		};
	}

}
