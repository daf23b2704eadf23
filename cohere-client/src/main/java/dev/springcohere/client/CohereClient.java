package dev.springcohere.client;

import java.util.Objects;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.springcohere.api.ChatRequest;
import dev.springcohere.api.ChatResponse;
import dev.springcohere.api.CheckApiKeyResponse;
import dev.springcohere.api.DetokenizeRequest;
import dev.springcohere.api.DetokenizeResponse;
import dev.springcohere.api.EmbedRequest;
import dev.springcohere.api.EmbedResponse;
import dev.springcohere.api.ListModelsRequest;
import dev.springcohere.api.ListModelsResponse;
import dev.springcohere.api.RequestOptions;
import dev.springcohere.api.RerankRequest;
import dev.springcohere.api.RerankResponse;
import dev.springcohere.api.StreamEvent;
import dev.springcohere.api.TokenizeRequest;
import dev.springcohere.api.TokenizeResponse;
import dev.springcohere.backend.Capabilities;
import dev.springcohere.backend.CohereBackend;

/**
 * The entry point for plain Java: the {@link CohereOperations} (chat complete, reactive,
 * streamed or as a blocking stream, embed in batches, rerank, tokenize, detokenize, model
 * listing) on a {@link CohereBackend}, and the rest of Cohere's platform API through
 * views ({@link #fineTuning()}, {@link #datasets()}, {@link #embedJobs()},
 * {@link #batches()}, {@link #connectors()}, {@link #modelsApi()}, {@link #classifier()},
 * {@link #audio()}, and the v1 endpoints {@link #v1()}; see {@link CoherePlatformApis}).
 * Thread-safe; share one instance.
 * <p>
 * The client fills its {@link RequestDefaults} into requests that leave them unset, once,
 * before the backend sees them; embed requests larger than the batch size are split and
 * merged by an {@link EmbedBatcher}. {@link #withOptions(RequestOptions)} gives a client
 * whose calls carry per-call options (timeout, headers, extra body fields), and
 * {@link #withRawResponse()} the calls answering with their status and headers.
 * <pre>{@code
 * try (CohereClient cohere = CohereClient.builder().clientName("my-app").build()) { // key from CO_API_KEY
 *     String answer = cohere.chat("Hello!").text();
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
public final class CohereClient implements CohereOperations, CoherePlatformApis, AutoCloseable {

	/** The default backend id. */
	public static final String DEFAULT_BACKEND = "platform";

	private final @Nullable CohereBackend ownedBackend;

	private final ClientCalls calls;

	CohereClient(CohereBackend backend, @Nullable CohereBackend ownedBackend, RequestDefaults defaults,
			EmbedBatcher embedBatcher) {
		this(ownedBackend, new ClientCalls(backend, defaults, embedBatcher, RequestOptions.none()));
	}

	private CohereClient(@Nullable CohereBackend ownedBackend, ClientCalls calls) {
		this.ownedBackend = ownedBackend;
		this.calls = calls;
	}

	/**
	 * Starts a builder with the defaults: the {@code platform} backend, the key from
	 * {@code CO_API_KEY} (then {@code COHERE_API_KEY}), the base URL from
	 * {@code CO_API_URL} (else {@code https://api.cohere.com}).
	 * @return a new builder
	 */
	public static CohereClientBuilder builder() {
		return new CohereClientBuilder();
	}

	/**
	 * Returns a client over the same backend and batcher with other request defaults;
	 * closing it leaves the backend open. A caller that always sends complete options
	 * passes {@code requestDefaults().modelsOnly()}.
	 * @param requestDefaults the defaults of the new client
	 * @return the new client
	 */
	public CohereClient withRequestDefaults(RequestDefaults requestDefaults) {
		Objects.requireNonNull(requestDefaults, "'requestDefaults' must not be null");
		return new CohereClient(null, this.calls.withDefaults(requestDefaults));
	}

	/**
	 * Returns a client over the same backend whose calls (the platform API views and
	 * {@link #v1()} included) carry these options, replacing this client's; closing it
	 * leaves the backend open. Backends that do not answer over HTTP apply the timeout
	 * and refuse headers and extra body fields (see {@link RequestOptions}).
	 * @param options the options
	 * @return the new client
	 * @since 0.1.0
	 */
	public CohereClient withOptions(RequestOptions options) {
		Objects.requireNonNull(options, "'options' must not be null");
		return new CohereClient(null, this.calls.withOptions(options));
	}

	/**
	 * Returns the options this client's calls carry.
	 * @return the options, {@link RequestOptions#none()} unless set
	 * @since 0.1.0
	 */
	@Override
	public RequestOptions options() {
		return this.calls.options();
	}

	/**
	 * Returns the core calls answering with their status, headers and body text beside
	 * the typed body, with this client's defaults and options.
	 * @return the raw-response calls
	 * @since 0.1.0
	 */
	public RawCohereClient withRawResponse() {
		return new RawCohereClient(this.calls);
	}

	/**
	 * Returns the backend the calls go to.
	 * @return the backend
	 */
	@Override
	public CohereBackend backend() {
		return this.calls.backend();
	}

	/**
	 * Returns what the backend can do.
	 * @return the backend's capabilities
	 */
	public Capabilities capabilities() {
		return backend().capabilities();
	}

	/**
	 * Returns the values filled into requests that leave them unset.
	 * @return the request defaults
	 */
	public RequestDefaults requestDefaults() {
		return this.calls.defaults();
	}

	/**
	 * Returns the batcher of embed requests.
	 * @return the embed batcher
	 */
	public EmbedBatcher getEmbedBatcher() {
		return this.calls.batcher();
	}

	@Override
	public ChatResponse chat(ChatRequest request) {
		return this.calls.chat(request);
	}

	@Override
	public Mono<ChatResponse> chatAsync(ChatRequest request) {
		return this.calls.chatAsync(request);
	}

	@Override
	public Flux<StreamEvent> chatStream(ChatRequest request) {
		return this.calls.chatStream(request);
	}

	@Override
	public EmbedResponse embed(EmbedRequest request) {
		return this.calls.embed(request);
	}

	@Override
	public Mono<EmbedResponse> embedAsync(EmbedRequest request) {
		return this.calls.embedAsync(request);
	}

	@Override
	public RerankResponse rerank(RerankRequest request) {
		return this.calls.rerank(request);
	}

	@Override
	public Mono<RerankResponse> rerankAsync(RerankRequest request) {
		return this.calls.rerankAsync(request);
	}

	@Override
	public TokenizeResponse tokenize(TokenizeRequest request) {
		return this.calls.tokenize(request);
	}

	@Override
	public DetokenizeResponse detokenize(DetokenizeRequest request) {
		return this.calls.detokenize(request);
	}

	@Override
	public ListModelsResponse models(ListModelsRequest request) {
		return this.calls.models(request);
	}

	@Override
	public CheckApiKeyResponse checkApiKey() {
		return backend().checkApiKey();
	}

	/**
	 * Closes the backend when this client created it (a backend given to
	 * {@link CohereClientBuilder#backend(CohereBackend)} stays open).
	 */
	@Override
	public void close() {
		if (this.ownedBackend != null) {
			if (backend() != this.ownedBackend) {
				backend().close();
			}
			this.ownedBackend.close();
		}
	}

	@Override
	public String toString() {
		return "CohereClient[backend=" + backend().id() + ", requestDefaults=" + requestDefaults() + ", embedBatchSize="
				+ getEmbedBatcher().getBatchSize() + ", embedConcurrency=" + getEmbedBatcher().getConcurrency()
				+ ", options=" + options() + "]";
	}

}
