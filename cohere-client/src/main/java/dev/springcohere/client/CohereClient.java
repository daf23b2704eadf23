package dev.springcohere.client;

import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

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
import dev.springcohere.api.UserMessage;
import dev.springcohere.api.error.CohereException;
import dev.springcohere.backend.Capabilities;
import dev.springcohere.backend.CohereBackend;

/**
 * The entry point for plain Java: chat (complete, streamed, reactive), embed (batched),
 * rerank, tokenize, detokenize and model listing on a {@link CohereBackend}, and the rest
 * of Cohere's platform API through views ({@link #fineTuning()}, {@link #datasets()},
 * {@link #embedJobs()}, {@link #batches()}, {@link #connectors()}, {@link #modelsApi()},
 * {@link #classifier()}, {@link #audio()}, and the v1 endpoints {@link #v1()}; see
 * {@link CoherePlatformApis}). Thread-safe; share one instance.
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
public final class CohereClient implements CoherePlatformApis, AutoCloseable {

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

	/**
	 * Sends a chat request and returns the complete answer; blocks.
	 * @param request the request; unset options get the {@link #requestDefaults()
	 * defaults}
	 * @return the answer
	 * @throws CohereException when the call fails
	 */
	public ChatResponse chat(ChatRequest request) {
		return this.calls.chat(request);
	}

	/**
	 * Sends one user message and returns the complete answer; blocks.
	 * @param userMessage the message
	 * @return the answer (its text is {@link ChatResponse#text()})
	 * @throws CohereException when the call fails
	 */
	public ChatResponse chat(String userMessage) {
		return chat(userRequest(userMessage));
	}

	/**
	 * Reactive form of {@link #chat(ChatRequest)}; nothing is sent before subscription.
	 * @param request the request; unset options get the defaults
	 * @return a {@code Mono} of the answer
	 */
	public Mono<ChatResponse> chatAsync(ChatRequest request) {
		return this.calls.chatAsync(request);
	}

	/**
	 * Streams the answer as typed events (see {@link CohereBackend#chatStream}); a
	 * {@link dev.springcohere.api.ChatStreamAccumulator} builds the complete answer.
	 * @param request the request; unset options get the defaults
	 * @return a cold {@code Flux} of events that ends with {@code message-end}, or with
	 * an error
	 */
	public Flux<StreamEvent> chatStream(ChatRequest request) {
		return this.calls.chatStream(request);
	}

	/**
	 * Streams the answer as typed events, read while the caller consumes them: the
	 * blocking form of {@link #chatStream(ChatRequest)}, for code that handles events in
	 * a loop. Nothing is sent before the stream's first terminal operation, and each
	 * event is read when it is asked for; on the OkHttp engine the answer is read on the
	 * calling thread, with no thread hand-off (other engines and backends deliver each
	 * event from their own threads to the waiting caller). <pre>{@code
	 * try (Stream<StreamEvent> events = cohere.chatStreamBlocking(request)) {
	 *     events.forEach(accumulator::accept);
	 * }
	 * }</pre>
	 * @param request the request; unset options get the defaults
	 * @return a sequential stream of the events, ending with {@code message-end}; close
	 * it when it is not consumed to its end (closing cancels the call)
	 * @throws CohereException from the stream's operations when the call fails
	 * @since 0.1.0
	 */
	public Stream<StreamEvent> chatStreamBlocking(ChatRequest request) {
		return CallerThreadStream.of(chatStream(request));
	}

	/**
	 * Streams only the text of the answer, fragment by fragment (thinking, tool calls and
	 * citations are left out).
	 * @param request the request; unset options get the defaults
	 * @return a cold {@code Flux} of non-empty text fragments, ending with an error when
	 * the stream fails
	 */
	public Flux<String> chatStreamText(ChatRequest request) {
		return chatStream(request).ofType(StreamEvent.ContentDelta.class)
			.mapNotNull(StreamEvent.ContentDelta::text)
			.filter((text) -> !text.isEmpty());
	}

	/**
	 * Streams only the text of the answer to one user message.
	 * @param userMessage the message
	 * @return a cold {@code Flux} of non-empty text fragments
	 */
	public Flux<String> chatStreamText(String userMessage) {
		return chatStreamText(userRequest(userMessage));
	}

	/**
	 * Embeds texts, images or inputs, in batches when there are more than the batch size;
	 * blocks.
	 * @param request the request; unset options get the defaults
	 * @return the embeddings, in input order
	 * @throws CohereException when a call fails (for a batch, the message names its input
	 * range)
	 */
	public EmbedResponse embed(EmbedRequest request) {
		return this.calls.embed(request);
	}

	/**
	 * Reactive form of {@link #embed(EmbedRequest)}: batches are sent with the configured
	 * concurrency.
	 * @param request the request; unset options get the defaults
	 * @return a {@code Mono} of the embeddings, in input order
	 */
	public Mono<EmbedResponse> embedAsync(EmbedRequest request) {
		return this.calls.embedAsync(request);
	}

	/**
	 * Orders documents by relevance to a query; blocks.
	 * @param request the request; unset options get the defaults
	 * @return the ranking
	 * @throws CohereException when the call fails
	 */
	public RerankResponse rerank(RerankRequest request) {
		return this.calls.rerank(request);
	}

	/**
	 * Reactive form of {@link #rerank(RerankRequest)}.
	 * @param request the request; unset options get the defaults
	 * @return a {@code Mono} of the ranking
	 */
	public Mono<RerankResponse> rerankAsync(RerankRequest request) {
		return this.calls.rerankAsync(request);
	}

	/**
	 * Splits a text into tokens; blocks.
	 * @param request the request; without a model, the default chat model is used
	 * @return the tokens
	 * @throws CohereException when the call fails
	 */
	public TokenizeResponse tokenize(TokenizeRequest request) {
		return this.calls.tokenize(request);
	}

	/**
	 * Splits a text into the tokens of the default chat model; blocks.
	 * @param text the text
	 * @return the tokens
	 */
	public TokenizeResponse tokenize(String text) {
		return tokenize(TokenizeRequest.of(null, text));
	}

	/**
	 * Turns tokens back into text; blocks.
	 * @param request the request; without a model, the default chat model is used
	 * @return the text
	 * @throws CohereException when the call fails
	 */
	public DetokenizeResponse detokenize(DetokenizeRequest request) {
		return this.calls.detokenize(request);
	}

	/**
	 * Turns tokens of the default chat model back into text; blocks.
	 * @param tokens the tokens
	 * @return the text
	 */
	public DetokenizeResponse detokenize(List<Integer> tokens) {
		return detokenize(DetokenizeRequest.of(null, tokens));
	}

	/**
	 * Lists models; blocks.
	 * @param request the filter and page
	 * @return one page of models
	 * @throws CohereException when the call fails
	 */
	public ListModelsResponse models(ListModelsRequest request) {
		return this.calls.models(request);
	}

	/**
	 * Lists the first page of all models; blocks.
	 * @return one page of models
	 */
	public ListModelsResponse models() {
		return models(ListModelsRequest.all());
	}

	/**
	 * Checks that the API key of the backend is valid and active ({@code platform} and
	 * {@code private}: {@code POST /v1/check-api-key}); blocks.
	 * @return the answer: {@code valid}, the organization and the owner of the key
	 * @throws CohereException when the call fails (a rejected key is a
	 * {@code CohereAuthenticationException}, a backend without the check an
	 * {@code UnsupportedCapabilityException})
	 * @since 0.1.0
	 */
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

	private static ChatRequest userRequest(String userMessage) {
		Objects.requireNonNull(userMessage, "'userMessage' must not be null");
		return ChatRequest.builder().messages(UserMessage.of(userMessage)).build();
	}

}
