package dev.springcohere.engine.encode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import dev.springcohere.engine.model.ModelFormatException;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns an encoder's token vectors into one embedding per sequence: the pooling mode(s)
 * and whether the result is L2-normalized.
 * <p>
 * {@link #read(Path)} takes both from sentence-transformers metadata:
 * {@code modules.json} lists the modules; its {@code Pooling} module's
 * {@code config.json} (usually {@code 1_Pooling/config.json}) enables the modes, and a
 * {@code Normalize} module turns normalization on. The rule when metadata is absent (no
 * {@code modules.json}) is the one sentence-transformers itself applies to a plain
 * transformers checkpoint: <b>mean pooling, not normalized</b> ({@link #fallback()}); the
 * same mean pooling is used when {@code modules.json} has no {@code Pooling} module. Use
 * {@link #of} to pick CLS or another mode explicitly. Modules the engine cannot run
 * ({@code Dense}, weighted-mean pooling, custom modules) are rejected rather than
 * skipped, since skipping them would change the embeddings.
 *
 * @param modes the enabled modes, in {@link PoolingMode} order, at least one
 * @param normalize whether embeddings are divided by their L2 norm
 */
public record Pooling(List<PoolingMode> modes, boolean normalize) {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private static final String ST_PREFIX = "sentence_transformers.models.";

	/**
	 * Validates and orders the modes.
	 */
	public Pooling {
		Objects.requireNonNull(modes, "'modes' must not be null");
		if (modes.isEmpty()) {
			throw new IllegalArgumentException("'modes' must name at least one pooling mode");
		}
		modes = List.copyOf(EnumSet.copyOf(modes));
	}

	/**
	 * A pooling with explicit modes.
	 * @param normalize whether to L2-normalize
	 * @param modes the modes
	 * @return the pooling
	 */
	public static Pooling of(boolean normalize, PoolingMode... modes) {
		return new Pooling(List.of(modes), normalize);
	}

	/**
	 * The pooling used without sentence-transformers metadata: mean over real tokens, not
	 * normalized.
	 * @return the fallback pooling
	 */
	public static Pooling fallback() {
		return of(false, PoolingMode.MEAN);
	}

	/**
	 * Reads the pooling of a checkpoint directory from its sentence-transformers
	 * metadata, or returns {@link #fallback()} when there is no {@code modules.json}.
	 * @param directory the checkpoint directory
	 * @return the pooling
	 * @throws ModelFormatException if the metadata is malformed or names modules or modes
	 * the engine does not support
	 */
	public static Pooling read(Path directory) {
		Objects.requireNonNull(directory, "'directory' must not be null");
		Path modulesFile = directory.resolve("modules.json");
		if (!Files.isRegularFile(modulesFile)) {
			return fallback();
		}
		JsonNode modules = readJson(modulesFile);
		if (!modules.isArray()) {
			throw new ModelFormatException("Expected a JSON array of modules in " + modulesFile);
		}
		Pooling pooling = null;
		boolean normalize = false;
		for (JsonNode module : modules) {
			String type = module.path("type").asString("");
			String path = module.path("path").asString("");
			String simple = type.startsWith(ST_PREFIX) ? type.substring(ST_PREFIX.length()) : type;
			switch (simple) {
				case "Transformer", "models.Transformer" -> {
					// the encoder itself
				}
				case "Pooling" -> pooling = readPoolingConfig(directory, path, modulesFile);
				case "Normalize" -> normalize = true;
				default -> throw new ModelFormatException(
						"Unsupported sentence-transformers module '" + type + "' (path '" + path + "') in "
								+ modulesFile + ": the engine runs Transformer, Pooling and Normalize modules only");
			}
		}
		List<PoolingMode> modes = pooling != null ? pooling.modes() : fallback().modes();
		return new Pooling(modes, normalize);
	}

	/**
	 * The folder of the {@code Transformer} module listed in {@code modules.json}, for
	 * checkpoints saved in the older sentence-transformers layout (the encoder in
	 * {@code 0_Transformer/}).
	 * @param directory the checkpoint directory
	 * @return the module's folder, or the directory itself when there is no metadata or
	 * the path is empty
	 * @throws ModelFormatException if the metadata is malformed or the path leaves the
	 * directory
	 */
	static Path transformerDirectory(Path directory) {
		Path modulesFile = directory.resolve("modules.json");
		if (!Files.isRegularFile(modulesFile)) {
			return directory;
		}
		JsonNode modules = readJson(modulesFile);
		for (JsonNode module : modules) {
			String type = module.path("type").asString("");
			String path = module.path("path").asString("");
			if (type.endsWith("Transformer") && !path.isEmpty()) {
				Path dir = directory.resolve(path).normalize();
				if (!dir.startsWith(directory.normalize())) {
					throw new ModelFormatException("Transformer module path '" + path + "' in " + modulesFile
							+ " points outside the checkpoint directory");
				}
				return dir;
			}
		}
		return directory;
	}

	private static Pooling readPoolingConfig(Path directory, String path, Path modulesFile) {
		Path dir = directory.resolve(path).normalize();
		if (!dir.startsWith(directory.normalize())) {
			throw new ModelFormatException("Pooling module path '" + path + "' in " + modulesFile
					+ " points outside the checkpoint directory");
		}
		Path file = dir.resolve("config.json");
		if (!Files.isRegularFile(file)) {
			throw new ModelFormatException("Missing " + file + ": modules.json lists a Pooling module at '" + path
					+ "' but its config.json is absent");
		}
		JsonNode config = readJson(file);
		if (!config.isObject()) {
			throw new ModelFormatException("Expected a JSON object in " + file);
		}
		Set<PoolingMode> modes = EnumSet.noneOf(PoolingMode.class);
		JsonNode named = config.get("pooling_mode");
		if (named != null && named.isString()) {
			modes.add(modeNamed(named.asString(), file));
		}
		if (flag(config, "pooling_mode_cls_token")) {
			modes.add(PoolingMode.CLS);
		}
		if (flag(config, "pooling_mode_max_tokens")) {
			modes.add(PoolingMode.MAX);
		}
		if (flag(config, "pooling_mode_mean_tokens")) {
			modes.add(PoolingMode.MEAN);
		}
		if (flag(config, "pooling_mode_mean_sqrt_len_tokens")) {
			modes.add(PoolingMode.MEAN_SQRT_LEN);
		}
		if (flag(config, "pooling_mode_lasttoken")) {
			modes.add(PoolingMode.LAST_TOKEN);
		}
		if (flag(config, "pooling_mode_weightedmean_tokens")) {
			throw new ModelFormatException("Unsupported pooling mode 'weightedmean' in " + file
					+ ": the engine pools with cls, max, mean, mean_sqrt_len and lasttoken");
		}
		if (modes.isEmpty()) {
			throw new ModelFormatException("No pooling mode enabled in " + file
					+ ": set one of pooling_mode_cls_token, pooling_mode_mean_tokens, pooling_mode_max_tokens,"
					+ " pooling_mode_mean_sqrt_len_tokens or pooling_mode_lasttoken to true");
		}
		return new Pooling(new ArrayList<>(modes), false);
	}

	private static PoolingMode modeNamed(String name, Path file) {
		return switch (name) {
			case "cls" -> PoolingMode.CLS;
			case "max" -> PoolingMode.MAX;
			case "mean" -> PoolingMode.MEAN;
			case "mean_sqrt_len_tokens" -> PoolingMode.MEAN_SQRT_LEN;
			case "lasttoken" -> PoolingMode.LAST_TOKEN;
			default -> throw new ModelFormatException("Unsupported pooling_mode '" + name + "' in " + file
					+ ": the engine pools with cls, max, mean, mean_sqrt_len_tokens and lasttoken");
		};
	}

	private static boolean flag(JsonNode config, String key) {
		return config.path(key).asBoolean(false);
	}

	private static JsonNode readJson(Path file) {
		try {
			@Nullable JsonNode node = MAPPER.readTree(Files.readString(file));
			if (node == null) {
				throw new ModelFormatException("Empty JSON file " + file);
			}
			return node;
		}
		catch (IOException ex) {
			throw new ModelFormatException("Cannot read " + file + ": " + ex.getMessage(), ex);
		}
		catch (JacksonException ex) {
			throw new ModelFormatException("Invalid JSON in " + file + ": " + ex.getOriginalMessage(), ex);
		}
	}

	/**
	 * Size of the pooled vector for encoders of width {@code hiddenSize}.
	 * @param hiddenSize the encoder width
	 * @return {@code hiddenSize} times the number of modes
	 */
	public int dimension(int hiddenSize) {
		return hiddenSize * this.modes.size();
	}

	/**
	 * Pools one sequence of an encoder output over its real (attended) tokens.
	 * @param output the encoder output
	 * @param row the sequence index
	 * @return the embedding, normalized when {@link #normalize()} is set
	 */
	public float[] pool(EncoderOutput output, int row) {
		Objects.requireNonNull(output, "'output' must not be null");
		EncoderBatch batch = output.batch();
		Objects.checkIndex(row, batch.batchSize());
		int h = output.hiddenSize();
		int seq = batch.seqLen();
		float[] hidden = output.hiddenArray();
		float[] result = new float[dimension(h)];
		int offset = 0;
		for (PoolingMode mode : this.modes) {
			switch (mode) {
				case CLS -> System.arraycopy(hidden, row * seq * h, result, offset, h);
				case LAST_TOKEN -> {
					int last = 0;
					for (int t = 0; t < seq; t++) {
						if (batch.attended(row, t)) {
							last = t;
						}
					}
					System.arraycopy(hidden, (row * seq + last) * h, result, offset, h);
				}
				case MAX -> {
					java.util.Arrays.fill(result, offset, offset + h, Float.NEGATIVE_INFINITY);
					for (int t = 0; t < seq; t++) {
						if (batch.attended(row, t)) {
							int base = (row * seq + t) * h;
							for (int i = 0; i < h; i++) {
								result[offset + i] = Math.max(result[offset + i], hidden[base + i]);
							}
						}
					}
				}
				case MEAN, MEAN_SQRT_LEN -> {
					int count = 0;
					for (int t = 0; t < seq; t++) {
						if (batch.attended(row, t)) {
							count++;
							int base = (row * seq + t) * h;
							for (int i = 0; i < h; i++) {
								result[offset + i] += hidden[base + i];
							}
						}
					}
					float divisor = mode == PoolingMode.MEAN ? count : (float) Math.sqrt(count);
					for (int i = 0; i < h; i++) {
						result[offset + i] /= divisor;
					}
				}
			}
			offset += h;
		}
		if (this.normalize) {
			normalizeInPlace(result);
		}
		return result;
	}

	/**
	 * Divides a vector by its L2 norm (by at least 1e-12, as PyTorch's
	 * {@code normalize}).
	 * @param v the vector, changed in place
	 */
	static void normalizeInPlace(float[] v) {
		double sum = 0;
		for (float x : v) {
			sum += (double) x * x;
		}
		float inv = (float) (1.0 / Math.max(Math.sqrt(sum), 1e-12));
		for (int i = 0; i < v.length; i++) {
			v[i] *= inv;
		}
	}

}
