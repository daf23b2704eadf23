package dev.springcohere.backend.platform;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.springcohere.api.error.CohereException;
import dev.springcohere.http.CohereHttpTransport;
import dev.springcohere.http.HttpSettings;

/**
 * The local tokenizers of the {@code platform} and {@code private} backends: for a model,
 * reads its {@code tokenizer_url} from {@code GET /v1/models/{model}}, downloads that
 * file once into the cache directory ({@code <model>.tokenizer.json}; later JVMs read it
 * from there without any call) and loads it with Hugging Face's tokenizers. Each model's
 * outcome is kept for the life of the backend: a tokenizer, or the reason there is none
 * (library absent, no {@code tokenizer_url}, failed download), in which case
 * {@link TokenizeMode#AUTO} uses the endpoints and {@link TokenizeMode#ALWAYS} fails with
 * that reason.
 * <p>
 * The tokenizer file is downloaded without the API key (it is a public URL, often on
 * another host). The models call here is internal and minimal: the public models API is
 * {@code CohereClient.models()}.
 */
final class ModelTokenizers implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(ModelTokenizers.class);

	private static final String LIBRARY_CLASS = "ai.djl.huggingface.tokenizers.HuggingFaceTokenizer";

	private final TokenizeMode mode;

	private final Path cacheDir;

	private final CohereHttpTransport transport;

	private final JsonMapper mapper;

	private final boolean libraryPresent;

	private final Map<String, Outcome> outcomes = new ConcurrentHashMap<>();

	private volatile @Nullable HttpClient downloader;

	ModelTokenizers(TokenizeMode mode, Path cacheDir, CohereHttpTransport transport, JsonMapper mapper) {
		this(mode, cacheDir, transport, mapper, isLibraryPresent());
	}

	ModelTokenizers(TokenizeMode mode, Path cacheDir, CohereHttpTransport transport, JsonMapper mapper,
			boolean libraryPresent) {
		this.mode = Objects.requireNonNull(mode, "'mode' must not be null");
		this.cacheDir = Objects.requireNonNull(cacheDir, "'cacheDir' must not be null");
		this.transport = Objects.requireNonNull(transport, "'transport' must not be null");
		this.mapper = Objects.requireNonNull(mapper, "'mapper' must not be null");
		this.libraryPresent = libraryPresent;
	}

	/**
	 * Returns the default cache directory: {@code springcohere/tokenizers} under
	 * {@code XDG_CACHE_HOME}, else under {@code ~/.cache}.
	 * @param environment the environment variables
	 * @return the directory
	 */
	static Path defaultCacheDir(Function<String, @Nullable String> environment) {
		String xdg = environment.apply("XDG_CACHE_HOME");
		Path base = (xdg != null && !xdg.isBlank()) ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
		return base.resolve("springcohere").resolve("tokenizers");
	}

	private static boolean isLibraryPresent() {
		try {
			Class.forName(LIBRARY_CLASS, false, ModelTokenizers.class.getClassLoader());
			return true;
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return false;
		}
	}

	TokenizeMode mode() {
		return this.mode;
	}

	/**
	 * Returns the local tokenizer of a model, or {@code null} when the endpoints must be
	 * used.
	 * @param model the model of the request, or {@code null}
	 * @return the tokenizer, or {@code null} ({@link TokenizeMode#AUTO} without one,
	 * {@link TokenizeMode#NEVER})
	 * @throws CohereException in {@link TokenizeMode#ALWAYS} when the model has no usable
	 * tokenizer
	 */
	@Nullable LocalTokenizer forModel(@Nullable String model) {
		if (this.mode == TokenizeMode.NEVER) {
			return null;
		}
		Outcome outcome = (model != null) ? this.outcomes.computeIfAbsent(model, this::load)
				: new Outcome(null, "the request names no model");
		if (outcome.tokenizer() == null && this.mode == TokenizeMode.ALWAYS) {
			throw new CohereException("cohere.tokenize.offline is 'always' but model '" + model
					+ "' cannot be tokenized locally: " + outcome.reason()
					+ "; fix that, or set cohere.tokenize.offline=auto to fall back to /v1/tokenize");
		}
		return outcome.tokenizer();
	}

	private Outcome load(String model) {
		if (!this.libraryPresent) {
			return failed(model, "the optional library ai.djl.huggingface:tokenizers is not on the class path"
					+ " (add it to tokenize locally)");
		}
		Path file = this.cacheDir.resolve(URLEncoder.encode(model, StandardCharsets.UTF_8) + ".tokenizer.json");
		try {
			if (!Files.isRegularFile(file)) {
				String url = tokenizerUrl(model);
				if (url == null) {
					return failed(model, "GET /v1/models/" + model + " gives no tokenizer_url");
				}
				download(url, file);
			}
			return new Outcome(LocalTokenizer.load(file), null);
		}
		catch (IOException | RuntimeException | LinkageError ex) {
			return failed(model,
					ex.getClass().getSimpleName() + ": " + this.transport.redact(String.valueOf(ex.getMessage())));
		}
	}

	private Outcome failed(String model, String reason) {
		if (this.mode == TokenizeMode.AUTO) {
			logger.warn("Tokenizing model '{}' through /v1/tokenize and /v1/detokenize: {}", model, reason);
		}
		return new Outcome(null, reason);
	}

	private @Nullable String tokenizerUrl(String model) {
		String path = "/v1/models/" + URLEncoder.encode(model, StandardCharsets.UTF_8).replace("+", "%20");
		JsonNode node;
		try {
			node = this.mapper.readTree(this.transport.get(path)).get("tokenizer_url");
		}
		catch (JacksonException ex) {
			throw new IllegalStateException("the answer of GET " + path + " is not JSON: " + ex.getOriginalMessage(),
					ex);
		}
		return (node != null && node.isString() && !node.asString().isBlank()) ? node.asString() : null;
	}

	private void download(String url, Path file) throws IOException {
		URI uri = URI.create(url);
		if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())) {
			throw new IOException("tokenizer_url '" + url + "' is not an http(s) URL");
		}
		HttpSettings settings = this.transport.getSettings();
		HttpRequest request = HttpRequest.newBuilder(uri).timeout(settings.getReadTimeout()).GET().build();
		HttpResponse<InputStream> response;
		try {
			response = downloader(settings).send(request, HttpResponse.BodyHandlers.ofInputStream());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted while downloading " + url, ex);
		}
		try (InputStream body = response.body()) {
			if (response.statusCode() != 200) {
				throw new IOException("GET " + url + " answered HTTP " + response.statusCode());
			}
			Files.createDirectories(file.getParent());
			Path partial = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".part");
			try {
				Files.copy(body, partial, StandardCopyOption.REPLACE_EXISTING);
				Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			}
			finally {
				Files.deleteIfExists(partial);
			}
		}
		logger.debug("Downloaded the tokenizer {} to {}", url, file);
	}

	private HttpClient downloader(HttpSettings settings) {
		HttpClient client = this.downloader;
		if (client == null) {
			// the transport's TLS and proxy settings; a tokenizer URL may redirect to a
			// CDN
			client = settings.newJdkClientBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
			this.downloader = client;
		}
		return client;
	}

	@Override
	public void close() {
		for (Outcome outcome : this.outcomes.values()) {
			if (outcome.tokenizer() != null) {
				outcome.tokenizer().close();
			}
		}
		this.outcomes.clear();
	}

	/**
	 * A model's tokenizer, or why it has none.
	 *
	 * @param tokenizer the tokenizer, or {@code null}
	 * @param reason why there is no tokenizer, or {@code null}
	 */
	private record Outcome(@Nullable LocalTokenizer tokenizer, @Nullable String reason) {

	}

}
