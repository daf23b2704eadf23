package dev.springcohere.engine.hub;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Turns what a user names as a model into a checkpoint directory or GGUF file: an
 * existing directory or {@code .gguf} file is used as it is; a Hugging Face model id
 * {@code org/name} or {@code org/name@revision} is downloaded into the Hugging Face cache
 * (see {@link HubClient#downloadModel(String, String)});
 * {@code org/name[@revision]:FILE.gguf} downloads that one GGUF file of the repository (a
 * complete model: weights, tokenizer and chat template), as llama.cpp's
 * {@code -hf org/name:quant} names a file of a GGUF repository. This is what the CLI's
 * {@code --model} and the {@code local.model} property go through.
 */
public final class ModelLocator {

	private static final Pattern MODEL_ID = Pattern
		.compile("([A-Za-z0-9][A-Za-z0-9_.\\-]*/[A-Za-z0-9_.\\-]+)(?:@([^\\s:]+))?(?::(\\S+))?");

	private static final String GGUF = ".gguf";

	private final HubClient hub;

	/**
	 * Creates a locator downloading through the given client.
	 * @param hub the Hub client
	 */
	public ModelLocator(HubClient hub) {
		this.hub = Objects.requireNonNull(hub, "'hub' must not be null");
	}

	/**
	 * Resolves a model directory, GGUF file or model id to a checkpoint directory or GGUF
	 * file.
	 * @param modelOrDir an existing directory or {@code .gguf} file,
	 * {@code org/name[@revision]}, or {@code org/name[@revision]:FILE.gguf}
	 * @return the checkpoint directory, or the GGUF file
	 * @throws IllegalArgumentException when the value is neither an existing directory or
	 * GGUF file nor a model id
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
		String file = matcher.matches() ? matcher.group(3) : null;
		if (file == null && isGgufName(value)) {
			throw new IllegalArgumentException("GGUF file '" + value + "' does not exist; to download one from "
					+ "Hugging Face write org/name:FILE.gguf, e.g. "
					+ "bartowski/c4ai-command-r7b-12-2024-GGUF:c4ai-command-r7b-12-2024-Q4_K_M.gguf");
		}
		if (file != null && !isGgufName(file)) {
			throw new IllegalArgumentException("Model '" + value + "' names the file '" + file
					+ "' of a repository, which must be a .gguf file (org/name[@revision]:FILE.gguf); for a"
					+ " safetensors checkpoint give org/name[@revision] alone (quantization tags such as :Q4_K_M are"
					+ " not looked up: name the file)");
		}
		if (matcher.matches() && !value.startsWith(".")) {
			String repoId = matcher.group(1);
			try {
				HubPaths.requireRepoId(repoId);
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException(notFound(value) + ": " + ex.getMessage(), ex);
			}
			try {
				return (file != null) ? this.hub.download(repoId, matcher.group(2), file)
						: this.hub.downloadModel(repoId, matcher.group(2));
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

	private static boolean isGgufName(String name) {
		return name.toLowerCase(Locale.ROOT).endsWith(GGUF);
	}

	private static @Nullable Path asDirectory(String value) {
		try {
			Path path = Path.of(value);
			return (Files.isDirectory(path) || (isGgufName(value) && Files.isRegularFile(path))) ? path : null;
		}
		catch (InvalidPathException ex) {
			return null;
		}
	}

	private static String notFound(String value) {
		return "Model '" + value + "' is neither an existing directory or .gguf file nor a Hugging Face model id of"
				+ " the form org/name, org/name@revision or org/name[@revision]:FILE.gguf";
	}

}
