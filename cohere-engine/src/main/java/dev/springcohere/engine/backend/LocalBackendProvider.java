package dev.springcohere.engine.backend;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.springcohere.backend.BackendSettings;
import dev.springcohere.backend.CohereBackend;
import dev.springcohere.backend.CohereBackendProvider;
import dev.springcohere.backend.Setting;
import dev.springcohere.engine.cuda.CudaAvailability;
import dev.springcohere.engine.cuda.DeviceSelection;
import dev.springcohere.engine.decode.KvCacheType;
import dev.springcohere.engine.hub.HubClient;
import dev.springcohere.engine.hub.HubSettings;
import dev.springcohere.engine.hub.ModelLocator;
import dev.springcohere.engine.model.WeightQuantization;

/**
 * Provides the {@code local} backend ({@code cohere.backend=local}), configured by these
 * properties (keys without the {@code cohere.} prefix):
 * <ul>
 * <li>{@code local.model} (required): a checkpoint directory, a {@code .gguf} file (a
 * complete model: weights, tokenizer, chat template), or a Hugging Face model id
 * ({@code org/name[@revision]}, such as {@code CohereLabs/c4ai-command-r7b-12-2024}),
 * downloaded into the cache; {@code org/name[@revision]:FILE.gguf} downloads one GGUF
 * file of a repository;</li>
 * <li>{@code local.embed-model}, {@code local.rerank-model}: the same for a BERT-family
 * embedding model and a cross-encoder reranker (optional; without them embed and rerank
 * are not offered);</li>
 * <li>{@code local.device}: {@code auto} (default: the CPU, with one log line saying why
 * not a GPU) or {@code cpu}; {@code cuda} fails saying what a probe of the machine found
 * (this build has no CUDA decoder yet);</li>
 * <li>{@code local.quantize}: {@code none} (default), {@code q8_0} or {@code q4_0}:
 * quantize a safetensors checkpoint's weights on load (see
 * {@link dev.springcohere.engine.model.WeightQuantizer} for which tensors);
 * {@code local.quantize-output}: the type of the token embedding / LM head then
 * ({@code q8_0} by default, {@code q4_0} or {@code none});</li>
 * <li>{@code local.cache-dir}, {@code local.hub-url}: the Hugging Face cache folder and
 * Hub endpoint (default: the {@code HF_*} environment variables, as Hugging Face's
 * libraries read them);</li>
 * <li>{@code local.max-context} (default: the model's, at most 8192),
 * {@code local.pool-size} (default 1), {@code local.threads} (default: available
 * processors), {@code local.max-queued} (default 64) and {@code local.max-wait} (a
 * duration such as {@code 5m} or {@code PT5M}, or a number of seconds; default 5
 * minutes);</li>
 * <li>{@code local.kv-cache-type}: the number format of the KV cache, {@code bf16}
 * (default), {@code f16} or {@code f32} (see {@link KvCacheType});</li>
 * <li>{@code local.kv-cache-memory}: the memory budget of the paged KV cache all chat
 * requests share, such as {@code 2GB} (default: room for {@code pool-size} sequences of
 * the whole context).</li>
 * </ul>
 *
 * @since 0.1.0
 */
public final class LocalBackendProvider implements CohereBackendProvider {

	/**
	 * The chat model: a checkpoint directory, a {@code .gguf} file, or a Hugging Face
	 * model id ({@code org/name[@revision]}, or {@code org/name[@revision]:FILE.gguf} for
	 * one GGUF file) (required).
	 */
	public static final Setting<String> MODEL = Setting.text("local.model", null);

	/** The embedding model (optional). */
	public static final Setting<String> EMBED_MODEL = Setting.text("local.embed-model", null);

	/** The rerank model (optional). */
	public static final Setting<String> RERANK_MODEL = Setting.text("local.rerank-model", null);

	/** The device: {@code auto} or {@code cpu}. */
	public static final Setting<String> DEVICE = Setting.text("local.device", "auto");

	/**
	 * The Hugging Face cache folder (default: from the {@code HF_*} environment
	 * variables).
	 */
	public static final Setting<String> CACHE_DIR = Setting.text("local.cache-dir", null);

	/**
	 * The Hugging Face hub URL (default: from {@code HF_ENDPOINT}, else huggingface.co).
	 */
	public static final Setting<String> HUB_URL = Setting.text("local.hub-url", null);

	/** The longest context in tokens (default: the model's, at most 8192). */
	public static final Setting<Integer> MAX_CONTEXT = Setting.integer("local.max-context", null, 0);

	/** The number of generation sessions run at the same time. */
	public static final Setting<Integer> POOL_SIZE = Setting.integer("local.pool-size", 1, 1);

	/** The number of CPU threads (default: the available processors). */
	public static final Setting<Integer> THREADS = Setting.integer("local.threads", null, 1);

	/**
	 * Quantize the chat model's weights on load: {@code none} (default), {@code q8_0} or
	 * {@code q4_0}.
	 */
	public static final Setting<WeightQuantization> QUANTIZE = Setting.choice("local.quantize",
			WeightQuantization.class, WeightQuantization.NONE);

	/**
	 * The type of the token embedding / LM head when quantizing on load: {@code q8_0}
	 * (default when {@code local.quantize} is set), {@code q4_0} or {@code none}.
	 */
	public static final Setting<WeightQuantization> QUANTIZE_OUTPUT = Setting.choice("local.quantize-output",
			WeightQuantization.class, null);

	/** The number of chat requests that may wait for a free session. */
	public static final Setting<Integer> MAX_QUEUED = Setting.integer("local.max-queued", 64, 0);

	/** The longest time a chat request waits for a free session. */
	public static final Setting<Duration> MAX_WAIT = Setting.duration("local.max-wait", Duration.ofMinutes(5));

	/**
	 * The number format of the KV cache: {@code bf16} (default), {@code f16} or
	 * {@code f32}.
	 */
	public static final Setting<KvCacheType> KV_CACHE_TYPE = Setting.choice("local.kv-cache-type", KvCacheType.class,
			KvCacheType.DEFAULT);

	/**
	 * The memory budget of the paged KV cache that all chat requests share (default: room
	 * for {@code pool-size} sequences of the whole context).
	 */
	public static final Setting<Long> KV_CACHE_MEMORY = Setting.dataSize("local.kv-cache-memory", null);

	private static final List<Setting<?>> SETTINGS = List.of(MODEL, EMBED_MODEL, RERANK_MODEL, DEVICE, CACHE_DIR,
			HUB_URL, MAX_CONTEXT, POOL_SIZE, THREADS, QUANTIZE, QUANTIZE_OUTPUT, MAX_QUEUED, MAX_WAIT, KV_CACHE_TYPE,
			KV_CACHE_MEMORY);

	/**
	 * Creates the provider (for {@link java.util.ServiceLoader}).
	 */
	public LocalBackendProvider() {
	}

	@Override
	public String id() {
		return LocalBackend.ID;
	}

	@Override
	public List<Setting<?>> settings() {
		return SETTINGS;
	}

	/**
	 * Resolves the models (downloading them when given as ids) and loads a
	 * {@link LocalBackend}.
	 * @param settings the settings
	 * @return the backend
	 * @throws IllegalStateException if {@code local.model} is missing or a property has
	 * an unusable value
	 */
	@Override
	public CohereBackend create(BackendSettings settings) {
		try {
			return load(settings);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException(ex.getMessage(), ex);
		}
	}

	private static CohereBackend load(BackendSettings settings) {
		String model = settings.require(LocalBackend.ID, MODEL);
		DeviceSelection.resolve(settings.require(LocalBackend.ID, DEVICE), "cohere.local.device",
				CudaAvailability::probe);
		ModelLocator locator = new ModelLocator(HubClient.builder().settings(hubSettings(settings)).build());
		LocalBackend.Builder builder = LocalBackend.builder(resolve(locator, model, MODEL)).modelName(model);
		String embed = settings.get(EMBED_MODEL);
		if (embed != null) {
			builder.embedModel(resolve(locator, embed, EMBED_MODEL), embed);
		}
		String rerank = settings.get(RERANK_MODEL);
		if (rerank != null) {
			builder.rerankModel(resolve(locator, rerank, RERANK_MODEL), rerank);
		}
		Integer maxContext = settings.get(MAX_CONTEXT);
		if (maxContext != null) {
			builder.maxContext(maxContext);
		}
		Integer threads = settings.get(THREADS);
		if (threads != null) {
			builder.threads(threads);
		}
		builder.quantize(settings.require(LocalBackend.ID, QUANTIZE));
		WeightQuantization output = settings.get(QUANTIZE_OUTPUT);
		if (output != null) {
			builder.quantizeOutput(output);
		}
		Long kvCacheMemory = settings.get(KV_CACHE_MEMORY);
		if (kvCacheMemory != null) {
			builder.kvCacheMemory(kvCacheMemory);
		}
		return builder.poolSize(settings.require(LocalBackend.ID, POOL_SIZE))
			.maxQueued(settings.require(LocalBackend.ID, MAX_QUEUED))
			.maxWait(settings.require(LocalBackend.ID, MAX_WAIT))
			.kvCacheType(settings.require(LocalBackend.ID, KV_CACHE_TYPE))
			.build();
	}

	private static HubSettings hubSettings(BackendSettings settings) {
		HubSettings.Builder hub = HubSettings.fromEnvironment(System.getenv()).mutate();
		String cacheDir = settings.get(CACHE_DIR);
		if (cacheDir != null) {
			hub.cacheDir(Path.of(cacheDir));
		}
		String hubUrl = settings.get(HUB_URL);
		if (hubUrl != null) {
			try {
				hub.endpoint(hubUrl);
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalStateException("cohere.local.hub-url is not a usable URL: " + ex.getMessage(), ex);
			}
		}
		return hub.build();
	}

	private static Path resolve(ModelLocator locator, String model, Setting<String> setting) {
		try {
			return locator.resolve(model);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("cohere." + setting.key() + ": " + ex.getMessage(), ex);
		}
	}

}
