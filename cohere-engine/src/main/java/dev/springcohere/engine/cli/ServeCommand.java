package dev.springcohere.engine.cli;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import dev.springcohere.backend.BackendSettings;
import dev.springcohere.backend.CohereBackend;
import dev.springcohere.backend.CohereBackends;
import dev.springcohere.engine.server.CohereCompatibleServer;
import dev.springcohere.engine.server.ServedModels;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code serve}: a Cohere-compatible HTTP server over the local backend, running until
 * the process is stopped.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = EngineVersion.class, sortOptions = false,
		description = { "Serves the local engine over HTTP with Cohere's API, for any Cohere SDK:",
				"POST /v2/chat (JSON and SSE), /v2/embed, /v2/rerank, /v1/tokenize, /v1/detokenize;",
				"GET /v1/models and /v1/models/{name}. Prints its base URL and runs until stopped." },
		footer = { "", EngineCli.MODEL_HELP,
				"The bearer key may also come from the SPRINGCOHERE_SERVE_API_KEY environment variable." })
final class ServeCommand implements Callable<Integer> {

	/** The environment variable read when {@code --api-key} is not given. */
	static final String API_KEY_VARIABLE = "SPRINGCOHERE_SERVE_API_KEY";

	private final CliContext context;

	@Option(names = "--model", required = true, paramLabel = "DIR|FILE.gguf|ORG/NAME[@REVISION][:FILE.gguf]",
			description = "The chat model: a checkpoint directory, a GGUF file or a Hugging Face model id.")
	@Nullable String model;

	@Option(names = "--served-model-name", paramLabel = "NAME",
			description = "A name clients may send as the chat model (repeatable, such as command-r7b-12-2024); "
					+ "the first is the name GET /v1/models reports (default: the --model value).")
	List<String> servedModelNames = new ArrayList<>();

	@Option(names = "--embed-model", paramLabel = "DIR|ORG/NAME",
			description = "A BERT-family embedding model for /v2/embed (optional).")
	@Nullable String embedModel;

	@Option(names = "--rerank-model", paramLabel = "DIR|ORG/NAME",
			description = "A cross-encoder reranker for /v2/rerank (optional).")
	@Nullable String rerankModel;

	@Option(names = "--host", paramLabel = "H", defaultValue = "127.0.0.1",
			description = "The address listened on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
	String host = "127.0.0.1";

	@Option(names = "--port", paramLabel = "P", defaultValue = "8080",
			description = "The port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
	int port = 8080;

	@Option(names = "--api-key", paramLabel = "KEY",
			description = "Answer only requests with 'Authorization: Bearer KEY' (default: $" + API_KEY_VARIABLE
					+ ", else no key).")
	@Nullable String apiKey;

	@Option(names = "--max-context", paramLabel = "C",
			description = "The context limit of one chat request (default: the model's, at most 8192).")
	@Nullable String maxContext;

	@Option(names = "--pool-size", paramLabel = "N",
			description = "The most chat requests decoded together in one batch (default 1).")
	@Nullable String poolSize;

	@Mixin
	KvCacheMemoryOption kvCacheMemory = new KvCacheMemoryOption();

	@Mixin
	RuntimeOptions runtime = new RuntimeOptions();

	ServeCommand(CliContext context) {
		this.context = context;
	}

	@Override
	public Integer call() {
		this.runtime.validate();
		this.kvCacheMemory.bytes();
		if (this.port < 0 || this.port > 65535) {
			throw new CliException("--port must be between 0 and 65535 but was " + this.port);
		}
		for (String name : this.servedModelNames) {
			if (name.isBlank()) {
				throw new CliException("--served-model-name must not be blank");
			}
		}
		BackendSettings.Builder settings = BackendSettings.builder()
			.property("local.model", EngineCli.required(this.model, "--model"))
			.property("local.threads", String.valueOf(this.runtime.threads()));
		copy(this.embedModel, "local.embed-model", settings);
		copy(this.rerankModel, "local.rerank-model", settings);
		copy(this.maxContext, "local.max-context", settings);
		copy(this.poolSize, "local.pool-size", settings);
		copy(this.runtime.quantize, "local.quantize", settings);
		copy(this.runtime.quantizeOutput, "local.quantize-output", settings);
		copy(this.runtime.kvCacheType, "local.kv-cache-type", settings);
		copy(this.kvCacheMemory.value, "local.kv-cache-memory", settings);
		@Nullable String key = (this.apiKey != null) ? this.apiKey : this.context.environment().get(API_KEY_VARIABLE);
		CountDownLatch stopped = new CountDownLatch(1);
		try (CohereBackend backend = CohereBackends.load(EngineCli.class.getClassLoader())
			.create("local", settings.build());
				CohereCompatibleServer server = CohereCompatibleServer.start(backend,
						new InetSocketAddress(this.host, this.port), key,
						ServedModels.of(backend, this.servedModelNames))) {
			Thread hook = new Thread(stopped::countDown, "cohere-serve-shutdown");
			Runtime.getRuntime().addShutdownHook(hook);
			this.context.out()
				.println("Serving " + backend.capabilities() + " at " + server.baseUrl()
						+ ((key != null) ? " (bearer key required)" : ""));
			this.context.out().flush();
			try {
				stopped.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			finally {
				removeHook(hook);
			}
			this.context.out().println("Stopped");
			return 0;
		}
	}

	private static void copy(@Nullable String value, String property, BackendSettings.Builder settings) {
		if (value != null) {
			settings.property(property, value);
		}
	}

	private static void removeHook(Thread hook) {
		try {
			Runtime.getRuntime().removeShutdownHook(hook);
		}
		catch (IllegalStateException ex) {
			// the JVM is already shutting down: the hook is running or has run
		}
	}

}
