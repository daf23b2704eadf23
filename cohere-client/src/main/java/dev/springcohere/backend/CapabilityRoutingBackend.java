package dev.springcohere.backend;

import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

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
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A backend that sends each capability to the backend configured for it: chat, streaming,
 * tokenize, detokenize and models to the chat backend, embed to the embed backend, rerank
 * to the rerank backend. It reports the capabilities each delegate offers for the
 * operations routed to it. It does not close its delegates. Plain Java uses it as Spring
 * Boot's {@code cohere.chat|embed|rerank.backend} properties do: <pre>{@code
 * CohereBackends backends = CohereBackends.load();
 * CohereBackend routed = new CapabilityRoutingBackend(backends.create("private", onPremises),
 *     backends.create("platform", cohereCloud), backends.create("platform", cohereCloud));
 * CohereClient client = CohereClient.builder().backend(routed).build();
 * }</pre>
 *
 * @since 0.1.0
 */
public final class CapabilityRoutingBackend implements CohereBackend {

	private final CohereBackend chat;

	private final CohereBackend embed;

	private final CohereBackend rerank;

	/**
	 * Creates a routing backend.
	 * @param chat the backend for chat, streaming, tokenize, detokenize and models
	 * @param embed the backend for embed
	 * @param rerank the backend for rerank
	 */
	public CapabilityRoutingBackend(CohereBackend chat, CohereBackend embed, CohereBackend rerank) {
		this.chat = Objects.requireNonNull(chat, "'chat' must not be null");
		this.embed = Objects.requireNonNull(embed, "'embed' must not be null");
		this.rerank = Objects.requireNonNull(rerank, "'rerank' must not be null");
	}

	/**
	 * Returns the ids of the delegates, such as
	 * {@code routing[chat=private, embed=platform, rerank=platform]}.
	 * @return the id
	 */
	@Override
	public String id() {
		return "routing[chat=" + this.chat.id() + ", embed=" + this.embed.id() + ", rerank=" + this.rerank.id() + "]";
	}

	@Override
	public Capabilities capabilities() {
		Set<Capability> set = EnumSet.noneOf(Capability.class);
		for (Capability capability : this.chat.capabilities().asSet()) {
			if (capability != Capability.EMBED && capability != Capability.RERANK) {
				set.add(capability);
			}
		}
		if (this.embed.capabilities().supports(Capability.EMBED)) {
			set.add(Capability.EMBED);
		}
		if (this.rerank.capabilities().supports(Capability.RERANK)) {
			set.add(Capability.RERANK);
		}
		return Capabilities.of(set);
	}

	/**
	 * Returns the backend a capability is routed to.
	 * @param capability the capability
	 * @return the delegate
	 */
	public CohereBackend delegateFor(Capability capability) {
		return switch (Objects.requireNonNull(capability, "'capability' must not be null")) {
			case EMBED -> this.embed;
			case RERANK -> this.rerank;
			default -> this.chat;
		};
	}

	/**
	 * Returns the distinct delegates.
	 * @return the delegates, chat first
	 */
	public Set<CohereBackend> delegates() {
		Set<CohereBackend> set = new LinkedHashSet<>();
		set.add(this.chat);
		set.add(this.embed);
		set.add(this.rerank);
		return set;
	}

	@Override
	public ChatResponse chat(ChatRequest request) {
		return this.chat.chat(request);
	}

	@Override
	public Mono<ChatResponse> chatAsync(ChatRequest request) {
		return this.chat.chatAsync(request);
	}

	@Override
	public Flux<StreamEvent> chatStream(ChatRequest request) {
		return this.chat.chatStream(request);
	}

	@Override
	public EmbedResponse embed(EmbedRequest request) {
		return this.embed.embed(request);
	}

	@Override
	public Mono<EmbedResponse> embedAsync(EmbedRequest request) {
		return this.embed.embedAsync(request);
	}

	@Override
	public RerankResponse rerank(RerankRequest request) {
		return this.rerank.rerank(request);
	}

	@Override
	public Mono<RerankResponse> rerankAsync(RerankRequest request) {
		return this.rerank.rerankAsync(request);
	}

	@Override
	public TokenizeResponse tokenize(TokenizeRequest request) {
		return this.chat.tokenize(request);
	}

	@Override
	public DetokenizeResponse detokenize(DetokenizeRequest request) {
		return this.chat.detokenize(request);
	}

	@Override
	public ListModelsResponse models(ListModelsRequest request) {
		return this.chat.models(request);
	}

	/**
	 * Checks the key of the chat backend.
	 * @return the answer
	 */
	@Override
	public CheckApiKeyResponse checkApiKey() {
		return this.chat.checkApiKey();
	}

	@Override
	public Mono<RawResponse<ChatResponse>> chatRaw(ChatRequest request, RequestOptions options) {
		return this.chat.chatRaw(request, options);
	}

	@Override
	public Mono<RawResponse<Flux<StreamEvent>>> chatStreamRaw(ChatRequest request, RequestOptions options) {
		return this.chat.chatStreamRaw(request, options);
	}

	@Override
	public Mono<RawResponse<EmbedResponse>> embedRaw(EmbedRequest request, RequestOptions options) {
		return this.embed.embedRaw(request, options);
	}

	@Override
	public Mono<RawResponse<RerankResponse>> rerankRaw(RerankRequest request, RequestOptions options) {
		return this.rerank.rerankRaw(request, options);
	}

	@Override
	public Mono<RawResponse<TokenizeResponse>> tokenizeRaw(TokenizeRequest request, RequestOptions options) {
		return this.chat.tokenizeRaw(request, options);
	}

	@Override
	public Mono<RawResponse<DetokenizeResponse>> detokenizeRaw(DetokenizeRequest request, RequestOptions options) {
		return this.chat.detokenizeRaw(request, options);
	}

	@Override
	public Mono<RawResponse<ListModelsResponse>> modelsRaw(ListModelsRequest request, RequestOptions options) {
		return this.chat.modelsRaw(request, options);
	}

	@Override
	public List<BackendGauge> gauges() {
		return delegates().stream().flatMap((backend) -> backend.gauges().stream()).toList();
	}

	/**
	 * Forwards a platform API operation to the backend of its capability (the chat
	 * backend for all of them).
	 */
	@Override
	public <T> RawResponse<T> execute(PlatformCall<T> call) {
		return delegateFor(call.capability()).execute(call);
	}

	/**
	 * Forwards a platform API operation to the backend of its capability.
	 */
	@Override
	public <T> Mono<RawResponse<T>> executeAsync(PlatformCall<T> call) {
		return delegateFor(call.capability()).executeAsync(call);
	}

	@Override
	public String toString() {
		return "CapabilityRoutingBackend[" + id() + "]";
	}

}
