package dev.springcohere.client;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
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
import dev.springcohere.backend.CohereBackend;

/**
 * How the core calls of {@link CohereClient} and {@link RawCohereClient} reach the
 * backend: the request defaults filled in once, embed requests batched, and the
 * {@link RequestOptions} of the client applied (without options, the plain backend
 * methods; with options, the backend's {@code ...Raw} methods). Immutable.
 */
final class ClientCalls {

	private final CohereBackend backend;

	private final RequestDefaults defaults;

	private final EmbedBatcher batcher;

	private final RequestOptions options;

	ClientCalls(CohereBackend backend, RequestDefaults defaults, EmbedBatcher batcher, RequestOptions options) {
		this.backend = Objects.requireNonNull(backend, "'backend' must not be null");
		this.defaults = Objects.requireNonNull(defaults, "'defaults' must not be null");
		this.batcher = Objects.requireNonNull(batcher, "'batcher' must not be null");
		this.options = Objects.requireNonNull(options, "'options' must not be null");
	}

	CohereBackend backend() {
		return this.backend;
	}

	RequestDefaults defaults() {
		return this.defaults;
	}

	EmbedBatcher batcher() {
		return this.batcher;
	}

	RequestOptions options() {
		return this.options;
	}

	ClientCalls withDefaults(RequestDefaults defaults) {
		return new ClientCalls(this.backend, defaults, this.batcher, this.options);
	}

	ClientCalls withOptions(RequestOptions options) {
		return new ClientCalls(this.backend, this.defaults, this.batcher, options);
	}

	ChatResponse chat(ChatRequest request) {
		ChatRequest complete = this.defaults.apply(request);
		return this.options.isEmpty() ? this.backend.chat(complete)
				: block(this.backend.chatRaw(complete, this.options)).body();
	}

	Mono<ChatResponse> chatAsync(ChatRequest request) {
		ChatRequest complete = this.defaults.apply(request);
		return this.options.isEmpty() ? this.backend.chatAsync(complete)
				: this.backend.chatRaw(complete, this.options).map(RawResponse::body);
	}

	Flux<StreamEvent> chatStream(ChatRequest request) {
		ChatRequest complete = this.defaults.apply(request);
		return this.options.isEmpty() ? this.backend.chatStream(complete)
				: this.backend.chatStreamRaw(complete, this.options).flatMapMany(RawResponse::body);
	}

	EmbedResponse embed(EmbedRequest request) {
		EmbedRequest complete = this.defaults.apply(request);
		if (this.options.isEmpty() && this.batcher.split(complete).size() == 1) {
			return this.backend.embed(complete);
		}
		return block(embedAsync(request));
	}

	Mono<EmbedResponse> embedAsync(EmbedRequest request) {
		EmbedRequest complete = this.defaults.apply(request);
		if (this.options.isEmpty()) {
			return this.batcher.embed(complete, this.backend::embedAsync);
		}
		return this.batcher.embed(complete,
				(batch) -> this.backend.embedRaw(batch, this.options).map(RawResponse::body));
	}

	RerankResponse rerank(RerankRequest request) {
		return this.options.isEmpty() ? this.backend.rerank(this.defaults.apply(request))
				: block(rerankRaw(request)).body();
	}

	Mono<RerankResponse> rerankAsync(RerankRequest request) {
		return this.options.isEmpty() ? this.backend.rerankAsync(this.defaults.apply(request))
				: rerankRaw(request).map(RawResponse::body);
	}

	TokenizeResponse tokenize(TokenizeRequest request) {
		return this.options.isEmpty() ? this.backend.tokenize(this.defaults.apply(request))
				: block(tokenizeRaw(request)).body();
	}

	DetokenizeResponse detokenize(DetokenizeRequest request) {
		return this.options.isEmpty() ? this.backend.detokenize(this.defaults.apply(request))
				: block(detokenizeRaw(request)).body();
	}

	ListModelsResponse models(ListModelsRequest request) {
		Objects.requireNonNull(request, "'request' must not be null");
		return this.options.isEmpty() ? this.backend.models(request) : block(modelsRaw(request)).body();
	}

	Mono<RawResponse<ChatResponse>> chatRaw(ChatRequest request) {
		return Mono.defer(() -> this.backend.chatRaw(this.defaults.apply(request), this.options));
	}

	Mono<RawResponse<Flux<StreamEvent>>> chatStreamRaw(ChatRequest request) {
		return Mono.defer(() -> this.backend.chatStreamRaw(this.defaults.apply(request), this.options));
	}

	/**
	 * Embeds, in batches when needed; the status and headers are those of the last batch
	 * answered, the body text that of the answer when there was one batch.
	 */
	Mono<RawResponse<EmbedResponse>> embedRaw(EmbedRequest request) {
		return Mono.defer(() -> {
			EmbedRequest complete = this.defaults.apply(request);
			AtomicReference<@Nullable RawResponse<EmbedResponse>> last = new AtomicReference<>();
			boolean single = this.batcher.split(complete).size() == 1;
			return this.batcher.embed(complete,
					(batch) -> this.backend.embedRaw(batch, this.options).doOnNext(last::set).map(RawResponse::body))
				.map((merged) -> {
					RawResponse<EmbedResponse> answer = Objects.requireNonNull(last.get(),
							"The embed call completed without an answer");
					return new RawResponse<>(answer.status(), answer.headers(), merged,
							single ? answer.bodyText() : null);
				});
		});
	}

	Mono<RawResponse<RerankResponse>> rerankRaw(RerankRequest request) {
		return Mono.defer(() -> this.backend.rerankRaw(this.defaults.apply(request), this.options));
	}

	Mono<RawResponse<TokenizeResponse>> tokenizeRaw(TokenizeRequest request) {
		return Mono.defer(() -> this.backend.tokenizeRaw(this.defaults.apply(request), this.options));
	}

	Mono<RawResponse<DetokenizeResponse>> detokenizeRaw(DetokenizeRequest request) {
		return Mono.defer(() -> this.backend.detokenizeRaw(this.defaults.apply(request), this.options));
	}

	Mono<RawResponse<ListModelsResponse>> modelsRaw(ListModelsRequest request) {
		Objects.requireNonNull(request, "'request' must not be null");
		return Mono.defer(() -> this.backend.modelsRaw(request, this.options));
	}

	static <T> T block(Mono<T> answer) {
		return Objects.requireNonNull(answer.block(), "The call completed without an answer");
	}

}
