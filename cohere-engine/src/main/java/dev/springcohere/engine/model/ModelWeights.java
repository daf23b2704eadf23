package dev.springcohere.engine.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A loaded checkpoint: its {@link ModelConfig}, its tensors (memory-mapped, possibly from
 * several shards) and its stop token ids. Open a Hugging Face checkpoint directory with
 * {@link #open(Path)}; build in-memory weights (for synthetic benchmarks) with
 * {@link #of}. Thread-safe for reading; close it when no session uses it any more.
 */
public final class ModelWeights implements AutoCloseable {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private final @Nullable Path directory;

	private final ModelConfig config;

	private final Map<String, Tensor> tensors;

	private final List<Integer> stopTokenIds;

	private final List<AutoCloseable> resources;

	private ModelWeights(@Nullable Path directory, ModelConfig config, Map<String, Tensor> tensors,
			List<Integer> stopTokenIds, List<AutoCloseable> resources) {
		this.directory = directory;
		this.config = config;
		this.tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
		this.stopTokenIds = List.copyOf(stopTokenIds);
		this.resources = List.copyOf(resources);
	}

	/**
	 * Opens a checkpoint directory: {@code config.json}, then {@code model.safetensors}
	 * or the shards listed in {@code model.safetensors.index.json}, and the eos ids of
	 * {@code generation_config.json} when present. A {@code .gguf} file is opened as a
	 * complete model instead (see {@link #isGguf(Path)}). For cohere and cohere2 every
	 * expected tensor is checked for presence, dtype and shape.
	 * @param directory the checkpoint directory, or a {@code .gguf} file
	 * @return the weights
	 * @throws ModelFormatException if anything is missing or inconsistent
	 */
	public static ModelWeights open(Path directory) {
		Objects.requireNonNull(directory, "'directory' must not be null");
		if (isGguf(directory)) {
			return openGguf(directory);
		}
		if (!Files.isDirectory(directory)) {
			throw new ModelFormatException("Model directory " + directory + " does not exist or is not a directory");
		}
		ModelConfig config = ModelConfig.read(directory);
		List<AutoCloseable> opened = new ArrayList<>();
		try {
			Map<String, Tensor> tensors = new LinkedHashMap<>();
			Path single = directory.resolve("model.safetensors");
			Path index = directory.resolve("model.safetensors.index.json");
			if (Files.isRegularFile(single)) {
				SafetensorsFile file = SafetensorsFile.open(single);
				opened.add(file);
				for (String name : file.tensorNames()) {
					tensors.put(name, file.tensor(name));
				}
			}
			else if (Files.isRegularFile(index)) {
				loadShards(directory, index, tensors, opened);
			}
			else {
				throw new ModelFormatException(
						"No weights in " + directory + ": expected model.safetensors or model.safetensors.index.json");
			}
			Set<Integer> stops = new LinkedHashSet<>(config.eosTokenIds());
			stops.addAll(generationEosIds(directory));
			ModelWeights weights = new ModelWeights(directory, config, tensors, new ArrayList<>(stops), opened);
			weights.validate();
			return weights;
		}
		catch (RuntimeException ex) {
			closeAll(opened, ex);
			throw ex;
		}
	}

	/**
	 * Whether a model path names a GGUF file (an existing regular file whose name ends in
	 * {@code .gguf}) rather than a checkpoint directory.
	 * @param path the model path
	 * @return true for a GGUF file
	 */
	public static boolean isGguf(Path path) {
		Objects.requireNonNull(path, "'path' must not be null");
		Path name = path.getFileName();
		return name != null && name.toString().toLowerCase(java.util.Locale.ROOT).endsWith(".gguf")
				&& Files.isRegularFile(path);
	}

	/**
	 * Opens a GGUF file of llama.cpp's {@code command-r} or {@code cohere2} architecture:
	 * the config from its metadata, its tensors memory-mapped under the Hugging Face
	 * names (block-quantized ones included), the eos (and eot) token ids as stop ids.
	 */
	private static ModelWeights openGguf(Path file) {
		GgufFile gguf = GgufFile.open(file);
		try {
			ModelConfig config = GgufCheckpoint.config(gguf);
			ModelWeights weights = new ModelWeights(file, config, GgufCheckpoint.tensors(gguf, config),
					GgufCheckpoint.stopTokenIds(gguf), List.of(gguf));
			weights.validate();
			return weights;
		}
		catch (RuntimeException ex) {
			closeAll(List.of(gguf), ex);
			throw ex;
		}
	}

	/**
	 * Wraps tensors held elsewhere (e.g. random weights in an off-heap arena) as a
	 * checkpoint.
	 * @param config the architecture
	 * @param tensors tensors by name
	 * @param stopTokenIds the stop token ids
	 * @param resource closed by {@link #close()}, e.g. the arena that owns the tensors
	 * @return the weights, validated like a loaded checkpoint
	 */
	public static ModelWeights of(ModelConfig config, Map<String, Tensor> tensors, List<Integer> stopTokenIds,
			AutoCloseable resource) {
		Objects.requireNonNull(config, "'config' must not be null");
		Objects.requireNonNull(tensors, "'tensors' must not be null");
		Objects.requireNonNull(resource, "'resource' must not be null");
		ModelWeights weights = new ModelWeights(null, config, tensors, stopTokenIds, List.of(resource));
		weights.validate();
		return weights;
	}

	/**
	 * Replaces the tensors of a checkpoint, e.g. with quantized copies: the result has
	 * the same directory, config and stop ids, owns {@code resource} (the arena holding
	 * the new tensors), and is validated like a loaded checkpoint. The source keeps its
	 * own resources; close it separately once nothing reads its tensors.
	 * @param source the checkpoint the tensors were derived from
	 * @param tensors the new tensors by name
	 * @param resource closed by {@link #close()}
	 * @return the weights
	 */
	public static ModelWeights derived(ModelWeights source, Map<String, Tensor> tensors, AutoCloseable resource) {
		Objects.requireNonNull(source, "'source' must not be null");
		Objects.requireNonNull(tensors, "'tensors' must not be null");
		Objects.requireNonNull(resource, "'resource' must not be null");
		ModelWeights weights = new ModelWeights(source.directory, source.config, tensors, source.stopTokenIds,
				List.of(resource));
		weights.validate();
		return weights;
	}

	private static void loadShards(Path directory, Path index, Map<String, Tensor> tensors,
			List<AutoCloseable> opened) {
		JsonNode root;
		try {
			root = MAPPER.readTree(Files.readString(index));
		}
		catch (IOException | JacksonException ex) {
			throw new ModelFormatException("Cannot read shard index " + index + ": " + ex.getMessage(), ex);
		}
		JsonNode map = root == null ? null : root.get("weight_map");
		if (map == null || !map.isObject()) {
			throw new ModelFormatException("Shard index " + index + " has no 'weight_map' object");
		}
		Map<String, SafetensorsFile> shards = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> e : map.properties()) {
			String shardName = e.getValue().asString("");
			Path shardPath = directory.resolve(shardName).normalize();
			if (shardName.isEmpty() || !shardPath.startsWith(directory.normalize())) {
				throw new ModelFormatException("Shard index " + index + " maps tensor '" + e.getKey()
						+ "' to invalid file '" + shardName + "'");
			}
			SafetensorsFile shard = shards.get(shardName);
			if (shard == null) {
				shard = SafetensorsFile.open(shardPath);
				opened.add(shard);
				shards.put(shardName, shard);
			}
			Tensor tensor = shard.find(e.getKey());
			if (tensor == null) {
				throw new ModelFormatException(
						"Missing tensor '" + e.getKey() + "' in shard " + shardPath + " (listed in " + index + ")");
			}
			tensors.put(e.getKey(), tensor);
		}
	}

	private static List<Integer> generationEosIds(Path directory) {
		Path file = directory.resolve("generation_config.json");
		if (!Files.isRegularFile(file)) {
			return List.of();
		}
		try {
			JsonNode root = MAPPER.readTree(Files.readString(file));
			return root == null ? List.of() : ModelConfig.tokenIds(root.get("eos_token_id"));
		}
		catch (IOException | JacksonException ex) {
			throw new ModelFormatException("Cannot read " + file + ": " + ex.getMessage(), ex);
		}
	}

	private static void closeAll(List<AutoCloseable> resources, Exception primary) {
		for (AutoCloseable resource : resources) {
			try {
				resource.close();
			}
			catch (Exception ex) {
				primary.addSuppressed(ex);
			}
		}
	}

	private String source() {
		return this.directory != null ? this.directory.toString() : "in-memory weights";
	}

	private void validate() {
		if (!this.config.modelType().isDecoder()) {
			return;
		}
		ModelConfig c = this.config;
		long h = c.hiddenSize();
		long q = (long) c.numAttentionHeads() * c.headDim();
		long kv = (long) c.numKeyValueHeads() * c.headDim();
		long inter = c.intermediateSize();
		expectMatrix("model.embed_tokens.weight", c.vocabSize(), h);
		expect("model.norm.weight", h);
		if (!c.tieWordEmbeddings()) {
			expectMatrix("lm_head.weight", c.vocabSize(), h);
		}
		for (int i = 0; i < c.numHiddenLayers(); i++) {
			String p = "model.layers." + i + ".";
			expect(p + "input_layernorm.weight", h);
			expectMatrix(p + "self_attn.q_proj.weight", q, h);
			expectMatrix(p + "self_attn.k_proj.weight", kv, h);
			expectMatrix(p + "self_attn.v_proj.weight", kv, h);
			expectMatrix(p + "self_attn.o_proj.weight", h, q);
			expectMatrix(p + "mlp.gate_proj.weight", inter, h);
			expectMatrix(p + "mlp.up_proj.weight", inter, h);
			expectMatrix(p + "mlp.down_proj.weight", h, inter);
			if (c.useQkNorm()) {
				expect(p + "self_attn.q_norm.weight", c.numAttentionHeads(), c.headDim());
				expect(p + "self_attn.k_norm.weight", c.numKeyValueHeads(), c.headDim());
			}
		}
	}

	/**
	 * Returns a weight matrix that must exist with exactly the given shape; unlike
	 * {@link #expect}, block-quantized matrices (Q8_0, Q4_0, Q4_K, Q6_K) are accepted,
	 * since the kernels multiply them directly.
	 * @param name the tensor name
	 * @param dims the expected shape
	 * @return the tensor
	 * @throws ModelFormatException when missing, shaped differently or of an integer type
	 */
	public Tensor expectMatrix(String name, long... dims) {
		Tensor t = tensor(name);
		if (t.dtype().isQuantized()) {
			if (!t.hasShape(dims)) {
				throw new ModelFormatException("Tensor '" + name + "' in " + source() + " has shape " + t.shape()
						+ " but the config needs " + java.util.Arrays.toString(dims));
			}
			return t;
		}
		return expect(name, dims);
	}

	/**
	 * Returns a tensor that must exist with exactly the given shape.
	 * @param name the tensor name
	 * @param dims the expected shape
	 * @return the tensor
	 * @throws ModelFormatException when missing or shaped differently
	 */
	public Tensor expect(String name, long... dims) {
		Tensor t = tensor(name);
		if (!t.dtype().isFloatingPoint()) {
			throw new ModelFormatException("Tensor '" + name + "' in " + source() + " has dtype " + t.dtype()
					+ " but weights must be BF16, F16 or F32");
		}
		if (!t.hasShape(dims)) {
			throw new ModelFormatException("Tensor '" + name + "' in " + source() + " has shape " + t.shape()
					+ " but the config needs " + java.util.Arrays.toString(dims));
		}
		return t;
	}

	/**
	 * Returns a tensor that must exist.
	 * @param name the tensor name
	 * @return the tensor
	 * @throws ModelFormatException when missing
	 */
	public Tensor tensor(String name) {
		Tensor t = this.tensors.get(name);
		if (t == null) {
			throw new ModelFormatException("Missing tensor '" + name + "' in " + source());
		}
		return t;
	}

	/**
	 * Looks up an optional tensor (e.g. biases).
	 * @param name the tensor name
	 * @return the tensor or null
	 */
	public @Nullable Tensor find(String name) {
		return this.tensors.get(name);
	}

	/**
	 * All tensor names.
	 * @return the names
	 */
	public Set<String> tensorNames() {
		return this.tensors.keySet();
	}

	/**
	 * The architecture.
	 * @return the config
	 */
	public ModelConfig config() {
		return this.config;
	}

	/**
	 * The checkpoint directory (the file for a GGUF model), null for in-memory weights.
	 * @return the directory or file
	 */
	public @Nullable Path directory() {
		return this.directory;
	}

	/**
	 * Stop token ids: eos ids of config.json and generation_config.json.
	 * @return the ids
	 */
	public List<Integer> stopTokenIds() {
		return this.stopTokenIds;
	}

	/**
	 * Unmaps the files (or releases the in-memory resource).
	 */
	@Override
	public void close() {
		RuntimeException failure = null;
		for (AutoCloseable resource : this.resources) {
			try {
				resource.close();
			}
			catch (Exception ex) {
				if (failure == null) {
					failure = new IllegalStateException("Failed to release model weights of " + source(), ex);
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
