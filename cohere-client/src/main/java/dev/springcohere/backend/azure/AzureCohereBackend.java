package dev.springcohere.backend.azure;

import dev.springcohere.api.CheckApiKeyResponse;
import dev.springcohere.api.DetokenizeRequest;
import dev.springcohere.api.DetokenizeResponse;
import dev.springcohere.api.ListModelsRequest;
import dev.springcohere.api.ListModelsResponse;
import dev.springcohere.api.TokenizeRequest;
import dev.springcohere.api.TokenizeResponse;
import dev.springcohere.backend.Capabilities;
import dev.springcohere.backend.Capability;
import dev.springcohere.backend.CohereBackend;
import dev.springcohere.backend.DelegatingCohereBackend;

/**
 * The {@code azure} backend on Cohere's v2 routes: a platform-style backend pointed at
 * the serverless endpoint, offering only what such an endpoint serves ({@code /v2/chat},
 * streamed or not, {@code /v2/embed}, {@code /v2/rerank}). Tokenize, detokenize and
 * models fail with an {@link dev.springcohere.api.error.UnsupportedCapabilityException}.
 * Closing it closes the wrapped backend.
 *
 * @since 0.1.0
 */
public final class AzureCohereBackend extends DelegatingCohereBackend {

	private static final Capabilities CAPABILITIES = Capabilities.of(Capability.CHAT, Capability.CHAT_STREAM,
			Capability.EMBED, Capability.RERANK);

	/**
	 * Wraps a backend that speaks Cohere's v2 API to the endpoint and that this backend
	 * then owns.
	 * @param delegate the backend, whose id should be {@code azure}
	 */
	public AzureCohereBackend(CohereBackend delegate) {
		super(delegate);
	}

	/**
	 * Returns chat, chat-stream, embed and rerank.
	 * @return the capabilities
	 */
	@Override
	public Capabilities capabilities() {
		return CAPABILITIES;
	}

	@Override
	public TokenizeResponse tokenize(TokenizeRequest request) {
		throw unsupported(Capability.TOKENIZE);
	}

	@Override
	public DetokenizeResponse detokenize(DetokenizeRequest request) {
		throw unsupported(Capability.DETOKENIZE);
	}

	@Override
	public ListModelsResponse models(ListModelsRequest request) {
		throw unsupported(Capability.MODELS);
	}

	@Override
	public CheckApiKeyResponse checkApiKey() {
		throw unsupported(Capability.CHECK_API_KEY);
	}

	/**
	 * Closes the wrapped backend.
	 */
	@Override
	public void close() {
		getDelegate().close();
	}

	@Override
	public String toString() {
		return "AzureCohereBackend[" + getDelegate() + "]";
	}

}
