package dev.springcohere.engine.hub;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Turns what a user names as a model into a checkpoint directory: an existing directory
 * is used as it is; a Hugging Face model id {@code org/name} or {@code org/name@revision}
 * is downloaded into the Hugging Face cache (see
 * {@link HubClient#downloadModel(String, String)}). This is what the CLI's
 * {@code --model} and the {@code local.model} property go through.
 */
public final class ModelLocator {

	private static final Pattern MODEL_ID = Pattern
		.compile("([A-Za-z0-9][A-Za-z0-9_.\\-]*/[A-Za-z0-9_.\\-]+)(?:@(\\S+))?");

	private final HubClient hub;

	/**
	 * Creates a locator downloading through the given client.
	 * @param hub the Hub client
	 */
	public ModelLocator(HubClient hub) {
		this.hub = Objects.requireNonNull(hub, "'hub' must not be null");
	}

	/**
	 * Resolves a model directory or model id to a checkpoint directory.
	 * @param modelOrDir an existing directory, or {@code org/name[@revision]}
	 * @return the checkpoint directory
	 * @throws IllegalArgumentException when the value is neither an existing directory
	 * nor a model id
	 * @throws HubException when the model cannot be downloaded
	 */
	public Path resolve(String modelOrDir) {
		Objects.requireNonNull(modelOrDir, "'modelOrDir' must not be null");
		String value = modelOrDir.strip();
		if (value.isEmpty()) {
			throw new IllegalArgumentException("The model is empty: give a checkpoint directory or a Hugging Face "
					+ "model id such as CohereLabs/aya-expanse-8b[@revision]");
		}
		Path dir = asDirectory(value);
		if (dir != null) {
			return dir;
		}
		Matcher matcher = MODEL_ID.matcher(value);
		if (matcher.matches() && !value.startsWith(".")) {
			String repoId = matcher.group(1);
			try {
				HubPaths.requireRepoId(repoId);
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException(notFound(value) + ": " + ex.getMessage(), ex);
			}
			try {
				return this.hub.downloadModel(repoId, matcher.group(2));
			}
			catch (HubException ex) {
				if (ex.kind() != HubException.Kind.REPO_NOT_FOUND) {
					throw ex;
				}
				throw new HubException(ex.kind(), ex.getMessage() + " (and no directory '" + value + "' exists)",
						ex.repoId(), ex.revision(), ex.filename(), ex.httpStatus(), ex);
			}
		}
		throw new IllegalArgumentException(notFound(value));
	}

	private static @Nullable Path asDirectory(String value) {
		try {
			Path path = Path.of(value);
			return Files.isDirectory(path) ? path : null;
		}
		catch (InvalidPathException ex) {
			return null;
		}
	}

	private static String notFound(String value) {
		return "Model '" + value + "' is neither an existing directory nor a Hugging Face model id of the form "
				+ "org/name or org/name@revision";
	}

}
