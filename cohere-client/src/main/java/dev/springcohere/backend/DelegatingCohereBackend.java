package dev.springcohere.backend;

import java.util.List;
import java.util.Objects;

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
import dev.springcohere.api.RawResponse;
import dev.springcohere.api.RequestOptions;
import dev.springcohere.api.RerankRequest;
import dev.springcohere.api.RerankResponse;
import dev.springcohere.api.StreamEvent;
import dev.springcohere.api.TokenizeRequest;
import dev.springcohere.api.TokenizeResponse;

/**
 * Base of backend decorators: every operation, the id and the capabilities go to the
 * wrapped backend; a subclass overrides only what it changes (filling requests, observing
 * calls, …).
 * <p>
 * {@link #close()} does not close the wrapped backend: whoever created it owns it.
 *
 * @since 0.1.0
 */
public abstract class DelegatingCohereBackend implements CohereBackend {

	private final CohereBackend delegate;

	/**
	 * Creates a decorator.
	 * @param delegate the backend doing the work
	 */
	protected DelegatingCohereBackend(CohereBackend delegate) {
		this.delegate = Objects.requireNonNull(delegate, "'delegate' must not be null");
	}

	/**
	 * Returns the wrapped backend.
	 * @return the delegate
	 */
	public CohereBackend getDelegate() {
		return this.delegate;
	}

	@Override
	public String id() {
		return this.delegate.id();
	}

	@Override
	public Capabilities capabilities() {
		return this.delegate.capabilities();
	}

	@Override
	public ChatResponse chat(ChatRequest request) {
		return this.delegate.chat(request);
	}

	@Override
	public Mono<ChatResponse> chatAsync(ChatRequest request) {
		return this.delegate.chatAsync(request);
	}

	@Override
	public Flux<StreamEvent> chatStream(ChatRequest request) {
		return this.delegate.chatStream(request);
	}

	@Override
	public EmbedResponse embed(EmbedRequest request) {
		return this.delegate.embed(request);
	}

	@Override
	public Mono<EmbedResponse> embedAsync(EmbedRequest request) {
		return this.delegate.embedAsync(request);
	}

	@Override
	public RerankResponse rerank(RerankRequest request) {
		return this.delegate.rerank(request);
	}

	@Override
	public Mono<RerankResponse> rerankAsync(RerankRequest request) {
		return this.delegate.rerankAsync(request);
	}

	@Override
	public TokenizeResponse tokenize(TokenizeRequest request) {
		return this.delegate.tokenize(request);
	}

	@Override
	public DetokenizeResponse detokenize(DetokenizeRequest request) {
		return this.delegate.detokenize(request);
	}

	@Override
	public ListModelsResponse models(ListModelsRequest request) {
		return this.delegate.models(request);
	}

	/**
	 * Forwards a platform API operation to the delegate when this backend's
	 * {@link #capabilities()} declare its capability (a subclass that narrows them, such
	 * as a cloud wrapper of the platform backend, refuses the others).
	 */
	@Override
	public <T> RawResponse<T> execute(PlatformCall<T> call) {
		if (!capabilities().supports(call.capability())) {
			throw unsupported(call.capability());
		}
		return this.delegate.execute(call);
	}

	/**
	 * Forwards a platform API operation to the delegate when this backend's
	 * {@link #capabilities()} declare its capability.
	 */
	@Override
	public <T> Mono<RawResponse<T>> executeAsync(PlatformCall<T> call) {
		if (!capabilities().supports(call.capability())) {
			return Mono.error(unsupported(call.capability()));
		}
		return this.delegate.executeAsync(call);
	}

	@Override
	public Mono<RawResponse<ChatResponse>> chatRaw(ChatRequest request, RequestOptions options) {
		return supported(Capability.CHAT) ? this.delegate.chatRaw(request, options)
				: Mono.error(unsupported(Capability.CHAT));
	}

	@Override
	public Mono<RawResponse<Flux<StreamEvent>>> chatStreamRaw(ChatRequest request, RequestOptions options) {
		return supported(Capability.CHAT_STREAM) ? this.delegate.chatStreamRaw(request, options)
				: Mono.error(unsupported(Capability.CHAT_STREAM));
	}

	@Override
	public Mono<RawResponse<EmbedResponse>> embedRaw(EmbedRequest request, RequestOptions options) {
		return supported(Capability.EMBED) ? this.delegate.embedRaw(request, options)
				: Mono.error(unsupported(Capability.EMBED));
	}

	@Override
	public Mono<RawResponse<RerankResponse>> rerankRaw(RerankRequest request, RequestOptions options) {
		return supported(Capability.RERANK) ? this.delegate.rerankRaw(request, options)
				: Mono.error(unsupported(Capability.RERANK));
	}

	@Override
	public Mono<RawResponse<TokenizeResponse>> tokenizeRaw(TokenizeRequest request, RequestOptions options) {
		return supported(Capability.TOKENIZE) ? this.delegate.tokenizeRaw(request, options)
				: Mono.error(unsupported(Capability.TOKENIZE));
	}

	@Override
	public Mono<RawResponse<DetokenizeResponse>> detokenizeRaw(DetokenizeRequest request, RequestOptions options) {
		return supported(Capability.DETOKENIZE) ? this.delegate.detokenizeRaw(request, options)
				: Mono.error(unsupported(Capability.DETOKENIZE));
	}

	@Override
	public Mono<RawResponse<ListModelsResponse>> modelsRaw(ListModelsRequest request, RequestOptions options) {
		return supported(Capability.MODELS) ? this.delegate.modelsRaw(request, options)
				: Mono.error(unsupported(Capability.MODELS));
	}

	/**
	 * Tells whether this backend's {@link #capabilities()} declare a capability: the
	 * calls with options go to the delegate only then (a subclass that narrows the
	 * capabilities refuses the others).
	 * @param capability the capability
	 * @return whether it is declared
	 */
	protected boolean supported(Capability capability) {
		return capabilities().supports(capability);
	}

	@Override
	public List<BackendGauge> gauges() {
		return this.delegate.gauges();
	}

	@Override
	public CheckApiKeyResponse checkApiKey() {
		return this.delegate.checkApiKey();
	}

	@Override
	public String toString() {
		return getClass().getSimpleName() + "[" + this.delegate + "]";
	}

}
