package dev.springcohere.backend;

import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import dev.springcohere.api.ChatRequest;
import dev.springcohere.api.ChatResponse;
import dev.springcohere.api.CheckApiKeyResponse;
import dev.springcohere.api.DetokenizeRequest;
import dev.springcohere.api.DetokenizeResponse;
import dev.springcohere.api.EmbedRequest;
import dev.springcohere.api.EmbedResponse;
import dev.springcohere.api.ListModelsRequest;
import dev.springcohere.api.ListModelsResponse;
import dev.springcohere.api.RawResponse;
import dev.springcohere.api.RequestOptions;
import dev.springcohere.api.RerankRequest;
import dev.springcohere.api.RerankResponse;
import dev.springcohere.api.StreamEvent;
import dev.springcohere.api.TokenizeRequest;
import dev.springcohere.api.TokenizeResponse;
import dev.springcohere.api.error.UnsupportedCapabilityException;

/**
 * Where a model runs: takes Cohere v2 requests and returns Cohere v2 responses, whatever
 * the target (the Cohere platform over HTTP, a cloud, a local engine). Implementations
 * are thread-safe and never leak their wire types.
 * <p>
 * Only {@link #chat(ChatRequest)} is mandatory. The other operations are optional: their
 * default implementations fail with an {@link UnsupportedCapabilityException} naming the
 * backend and the capability, and {@link #capabilities()} tells in advance which ones a
 * backend offers. The reactive variants default to running the blocking call on Reactor's
 * bounded-elastic scheduler; backends with a native asynchronous path override them.
 * <p>
 * Requests are sent as given: filling in default models is the caller's job (see
 * {@code dev.springcohere.client.CohereClient}).
 *
 * @since 0.1.0
 */
public interface CohereBackend extends AutoCloseable {

	/**
	 * Returns the id of this backend, such as {@code platform} or {@code bedrock}.
	 * @return the backend id
	 */
	String id();

	/**
	 * Returns the operations this backend offers.
	 * @return the capabilities
	 */
	Capabilities capabilities();

	/**
	 * Sends a chat request and returns the complete answer; blocks.
	 * @param request the request (its {@code stream} flag is ignored: the answer is never
	 * streamed)
	 * @return the answer
	 * @throws dev.springcohere.api.error.CohereException when the call fails
	 */
	ChatResponse chat(ChatRequest request);

	/**
	 * Reactive form of {@link #chat(ChatRequest)}; nothing is sent before subscription.
	 * @param request the request
	 * @return a {@code Mono} of the answer
	 */
	default Mono<ChatResponse> chatAsync(ChatRequest request) {
		return Mono.fromCallable(() -> chat(request)).subscribeOn(Schedulers.boundedElastic());
	}

	/**
	 * Streams the answer to a chat request as typed events, ending with
	 * {@code message-end}. A stream that ends without {@code message-end}, or whose
	 * {@code message-end} reports an error, ends with an error signal, so a cut stream
	 * never looks like a short answer. Cancelling the subscription stops the generation
	 * where the target allows it.
	 * @param request the request (the backend asks for streaming itself)
	 * @return a cold {@code Flux} of events; each subscription sends a request
	 */
	default Flux<StreamEvent> chatStream(ChatRequest request) {
		return Flux.error(unsupported(Capability.CHAT_STREAM));
	}

	/**
	 * Embeds texts, images or mixed inputs; blocks. Batching is the caller's job (at most
	 * 96 inputs per call on the Cohere platform).
	 * @param request the request
	 * @return the embeddings
	 * @throws UnsupportedCapabilityException if this backend cannot embed
	 */
	default EmbedResponse embed(EmbedRequest request) {
		throw unsupported(Capability.EMBED);
	}

	/**
	 * Reactive form of {@link #embed(EmbedRequest)}; nothing is sent before subscription.
	 * @param request the request
	 * @return a {@code Mono} of the embeddings
	 */
	default Mono<EmbedResponse> embedAsync(EmbedRequest request) {
		return Mono.fromCallable(() -> embed(request)).subscribeOn(Schedulers.boundedElastic());
	}

	/**
	 * Orders documents by relevance to a query; blocks.
	 * @param request the request
	 * @return the ranking
	 * @throws UnsupportedCapabilityException if this backend cannot rerank
	 */
	default RerankResponse rerank(RerankRequest request) {
		throw unsupported(Capability.RERANK);
	}

	/**
	 * Reactive form of {@link #rerank(RerankRequest)}; nothing is sent before
	 * subscription.
	 * @param request the request
	 * @return a {@code Mono} of the ranking
	 */
	default Mono<RerankResponse> rerankAsync(RerankRequest request) {
		return Mono.fromCallable(() -> rerank(request)).subscribeOn(Schedulers.boundedElastic());
	}

	/**
	 * Splits a text into the tokens of a model; blocks.
	 * @param request the request
	 * @return the tokens
	 * @throws UnsupportedCapabilityException if this backend cannot tokenize
	 */
	default TokenizeResponse tokenize(TokenizeRequest request) {
		throw unsupported(Capability.TOKENIZE);
	}

	/**
	 * Turns tokens of a model back into text; blocks.
	 * @param request the request
	 * @return the text
	 * @throws UnsupportedCapabilityException if this backend cannot detokenize
	 */
	default DetokenizeResponse detokenize(DetokenizeRequest request) {
		throw unsupported(Capability.DETOKENIZE);
	}

	/**
	 * Lists the models this backend can reach; blocks.
	 * @param request the filter and page
	 * @return one page of models
	 * @throws UnsupportedCapabilityException if this backend cannot list models
	 */
	default ListModelsResponse models(ListModelsRequest request) {
		throw unsupported(Capability.MODELS);
	}

	/**
	 * Sends a chat request with per-call options and returns the answer with its status
	 * and headers; nothing is sent before subscription. The HTTP backends (platform,
	 * private, azure, openai-compat) send the options' headers and extra body fields and
	 * report the real status and headers; the default (any other backend) applies the
	 * timeout, refuses headers and extra body fields
	 * ({@link UnsupportedCapabilityException}) and reports status 200 without headers
	 * (see {@link BackendCalls#withoutHttp}).
	 * @param request the request
	 * @param options the options of the call
	 * @return a {@code Mono} of the answer
	 * @since 0.1.0
	 */
	default Mono<RawResponse<ChatResponse>> chatRaw(ChatRequest request, RequestOptions options) {
		return BackendCalls.withoutHttp(this, options, () -> chatAsync(request));
	}

	/**
	 * Streams the answer to a chat request with per-call options: the {@code Mono} sends
	 * the request on subscription and emits, at the start of the stream, the answer's
	 * status and headers with the events as its body (to be subscribed once). The
	 * options' timeout bounds the wait for the start of the stream, not the stream. The
	 * default is that of {@link #chatRaw(ChatRequest, RequestOptions)}.
	 * @param request the request
	 * @param options the options of the call
	 * @return a {@code Mono} of the answer whose body is the events
	 * @since 0.1.0
	 */
	default Mono<RawResponse<Flux<StreamEvent>>> chatStreamRaw(ChatRequest request, RequestOptions options) {
		return BackendCalls.streamWithoutHttp(this, options, () -> chatStream(request));
	}

	/**
	 * Embeds with per-call options, returning the answer with its status and headers; the
	 * default is that of {@link #chatRaw(ChatRequest, RequestOptions)}.
	 * @param request the request (at most one batch)
	 * @param options the options of the call
	 * @return a {@code Mono} of the answer
	 * @since 0.1.0
	 */
	default Mono<RawResponse<EmbedResponse>> embedRaw(EmbedRequest request, RequestOptions options) {
		return BackendCalls.withoutHttp(this, options, () -> embedAsync(request));
	}

	/**
	 * Reranks with per-call options, returning the answer with its status and headers;
	 * the default is that of {@link #chatRaw(ChatRequest, RequestOptions)}.
	 * @param request the request
	 * @param options the options of the call
	 * @return a {@code Mono} of the answer
	 * @since 0.1.0
	 */
	default Mono<RawResponse<RerankResponse>> rerankRaw(RerankRequest request, RequestOptions options) {
		return BackendCalls.withoutHttp(this, options, () -> rerankAsync(request));
	}

	/**
	 * Tokenizes with per-call options, returning the answer with its status and headers
	 * (backends with an endpoint call it, even when they tokenize offline otherwise); the
	 * default is that of {@link #chatRaw(ChatRequest, RequestOptions)}.
	 * @param request the request
	 * @param options the options of the call
	 * @return a {@code Mono} of the answer
	 * @since 0.1.0
	 */
	default Mono<RawResponse<TokenizeResponse>> tokenizeRaw(TokenizeRequest request, RequestOptions options) {
		return BackendCalls.withoutHttp(this, options, blocking(() -> tokenize(request)));
	}

	/**
	 * Detokenizes with per-call options, returning the answer with its status and
	 * headers; as {@link #tokenizeRaw(TokenizeRequest, RequestOptions)}.
	 * @param request the request
	 * @param options the options of the call
	 * @return a {@code Mono} of the answer
	 * @since 0.1.0
	 */
	default Mono<RawResponse<DetokenizeResponse>> detokenizeRaw(DetokenizeRequest request, RequestOptions options) {
		return BackendCalls.withoutHttp(this, options, blocking(() -> detokenize(request)));
	}

	/**
	 * Lists models with per-call options, returning the answer with its status and
	 * headers; the default is that of {@link #chatRaw(ChatRequest, RequestOptions)}.
	 * @param request the filter and page
	 * @param options the options of the call
	 * @return a {@code Mono} of the answer
	 * @since 0.1.0
	 */
	default Mono<RawResponse<ListModelsResponse>> modelsRaw(ListModelsRequest request, RequestOptions options) {
		return BackendCalls.withoutHttp(this, options, blocking(() -> models(request)));
	}

	private static <T> java.util.function.Supplier<Mono<T>> blocking(java.util.concurrent.Callable<T> call) {
		return () -> Mono.fromCallable(call).subscribeOn(Schedulers.boundedElastic());
	}

	/**
	 * The figures this backend reports about itself for metrics systems; the default has
	 * none.
	 * @return the gauges, read each time a metrics system asks
	 */
	default List<BackendGauge> gauges() {
		return List.of();
	}

	/**
	 * Checks that the API key this backend sends is valid and active; blocks.
	 * @return the answer, {@code valid} or not
	 * @throws UnsupportedCapabilityException if this backend cannot check its key
	 * @since 0.1.0
	 */
	default CheckApiKeyResponse checkApiKey() {
		throw unsupported(Capability.CHECK_API_KEY);
	}

	/**
	 * Runs an operation of Cohere's platform API (fine-tuning, datasets, embed jobs,
	 * batches, connectors, classify, audio, a model's details); blocks. Only backends
	 * that speak Cohere's own HTTP API offer these; the default fails with the call's
	 * capability.
	 * @param <T> the type of the answer's body
	 * @param call the operation
	 * @return the answer with its status and headers
	 * @throws UnsupportedCapabilityException if this backend does not offer the
	 * operation's capability
	 * @since 0.1.0
	 */
	default <T> RawResponse<T> execute(PlatformCall<T> call) {
		throw unsupported(call.capability());
	}

	/**
	 * Reactive form of {@link #execute(PlatformCall)}; nothing is sent before
	 * subscription. The default fails with the call's capability.
	 * @param <T> the type of the answer's body
	 * @param call the operation
	 * @return a {@code Mono} of the answer with its status and headers
	 * @since 0.1.0
	 */
	default <T> Mono<RawResponse<T>> executeAsync(PlatformCall<T> call) {
		return Mono.error(unsupported(call.capability()));
	}

	/**
	 * Releases what the backend holds (connections, threads, native memory); the default
	 * does nothing. The backend must not be used afterwards.
	 */
	@Override
	default void close() {
	}

	/**
	 * Creates the exception for an operation this backend does not offer.
	 * @param capability the capability asked for
	 * @return the exception, naming this backend and the capability
	 */
	default UnsupportedCapabilityException unsupported(Capability capability) {
		return new UnsupportedCapabilityException(id(), capability.id());
	}

}
