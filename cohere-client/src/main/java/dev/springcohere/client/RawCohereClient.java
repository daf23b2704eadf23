package dev.springcohere.client;

import java.util.List;
import java.util.Objects;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.springcohere.api.ChatRequest;
import dev.springcohere.api.ChatResponse;
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

/**
 * The core calls of a {@link CohereClient} answering with their {@link RawResponse}: the
 * status, the headers (request id, rate-limit and deprecation headers) and the body text
 * beside the typed body (see {@link CohereClient#withRawResponse()}). Request defaults
 * and {@link RequestOptions} apply as on the client; immutable and thread-safe.
 * <pre>{@code
 * RawResponse<ChatResponse> raw = client.withRawResponse().chat(request);
 * raw.requestId(); raw.rateLimitHeaders(); raw.apiWarnings(); raw.bodyJson().path("new_field");
 *
 * client.withRawResponse().chatStream(request)          // Mono: status and headers at the start
 *     .flatMapMany((answer) -> answer.body())          // then the events
 * }</pre> Backends that do not answer over HTTP (bedrock, sagemaker, oci, local) report
 * status 200, no headers and no body text.
 *
 * @since 0.1.0
 */
public final class RawCohereClient {

	private final ClientCalls calls;

	RawCohereClient(ClientCalls calls) {
		this.calls = Objects.requireNonNull(calls, "'calls' must not be null");
	}

	/**
	 * Returns the same calls with other options (replacing these).
	 * @param options the options
	 * @return the calls with the options
	 */
	public RawCohereClient withOptions(RequestOptions options) {
		Objects.requireNonNull(options, "'options' must not be null");
		return new RawCohereClient(this.calls.withOptions(options));
	}

	/**
	 * Returns the options of the calls.
	 * @return the options
	 */
	public RequestOptions options() {
		return this.calls.options();
	}

	/**
	 * Sends a chat request; blocks.
	 * @param request the request; unset options get the client's defaults
	 * @return the answer with its status and headers
	 */
	public RawResponse<ChatResponse> chat(ChatRequest request) {
		return ClientCalls.block(chatAsync(request));
	}

	/**
	 * Reactive form of {@link #chat(ChatRequest)}; nothing is sent before subscription.
	 * @param request the request
	 * @return a {@code Mono} of the answer with its status and headers
	 */
	public Mono<RawResponse<ChatResponse>> chatAsync(ChatRequest request) {
		Objects.requireNonNull(request, "'request' must not be null");
		return this.calls.chatRaw(request);
	}

	/**
	 * Streams the answer: subscribing sends the request, and the {@code Mono} emits at
	 * the start of the stream (when its first event arrived) the answer's status and
	 * headers with the events, the first included, as its body. Subscribe to the body
	 * once, soon (the connection waits for it), or cancel it; like WebClient's
	 * {@code toEntityFlux}.
	 * @param request the request; unset options get the client's defaults
	 * @return a {@code Mono} of the answer whose body is the events
	 */
	public Mono<RawResponse<Flux<StreamEvent>>> chatStream(ChatRequest request) {
		Objects.requireNonNull(request, "'request' must not be null");
		return this.calls.chatStreamRaw(request);
	}

	/**
	 * Embeds, in batches when there are more inputs than the batch size; blocks.
	 * @param request the request
	 * @return the merged embeddings with the status and headers of the last batch
	 * answered (the body text only when there was one batch)
	 */
	public RawResponse<EmbedResponse> embed(EmbedRequest request) {
		return ClientCalls.block(embedAsync(request));
	}

	/**
	 * Reactive form of {@link #embed(EmbedRequest)}.
	 * @param request the request
	 * @return a {@code Mono} of the embeddings with the status and headers
	 */
	public Mono<RawResponse<EmbedResponse>> embedAsync(EmbedRequest request) {
		Objects.requireNonNull(request, "'request' must not be null");
		return this.calls.embedRaw(request);
	}

	/**
	 * Orders documents by relevance to a query; blocks.
	 * @param request the request
	 * @return the ranking with its status and headers
	 */
	public RawResponse<RerankResponse> rerank(RerankRequest request) {
		return ClientCalls.block(rerankAsync(request));
	}

	/**
	 * Reactive form of {@link #rerank(RerankRequest)}.
	 * @param request the request
	 * @return a {@code Mono} of the ranking with its status and headers
	 */
	public Mono<RawResponse<RerankResponse>> rerankAsync(RerankRequest request) {
		Objects.requireNonNull(request, "'request' must not be null");
		return this.calls.rerankRaw(request);
	}

	/**
	 * Splits a text into tokens through the backend's endpoint (never offline); blocks.
	 * @param request the request; without a model, the default chat model is used
	 * @return the tokens with their status and headers
	 */
	public RawResponse<TokenizeResponse> tokenize(TokenizeRequest request) {
		Objects.requireNonNull(request, "'request' must not be null");
		return ClientCalls.block(this.calls.tokenizeRaw(request));
	}

	/**
	 * Turns tokens back into text through the backend's endpoint (never offline); blocks.
	 * @param tokens the tokens of the default chat model
	 * @return the text with its status and headers
	 */
	public RawResponse<DetokenizeResponse> detokenize(List<Integer> tokens) {
		return detokenize(DetokenizeRequest.of(null, tokens));
	}

	/**
	 * Turns tokens back into text through the backend's endpoint (never offline); blocks.
	 * @param request the request; without a model, the default chat model is used
	 * @return the text with its status and headers
	 */
	public RawResponse<DetokenizeResponse> detokenize(DetokenizeRequest request) {
		Objects.requireNonNull(request, "'request' must not be null");
		return ClientCalls.block(this.calls.detokenizeRaw(request));
	}

	/**
	 * Lists models; blocks.
	 * @param request the filter and page
	 * @return one page of models with its status and headers
	 */
	public RawResponse<ListModelsResponse> models(ListModelsRequest request) {
		return ClientCalls.block(this.calls.modelsRaw(request));
	}

	@Override
	public String toString() {
		return "RawCohereClient[backend=" + this.calls.backend().id() + ", options=" + this.calls.options() + "]";
	}

}
