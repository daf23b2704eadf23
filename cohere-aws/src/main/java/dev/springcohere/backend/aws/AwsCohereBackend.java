package dev.springcohere.backend.aws;

import java.util.Objects;

import reactor.core.publisher.Mono;
import software.amazon.awssdk.core.SdkClient;
import tools.jackson.databind.json.JsonMapper;

import dev.springcohere.api.ChatRequest;
import dev.springcohere.api.ChatResponse;
import dev.springcohere.api.CohereJson;
import dev.springcohere.api.EmbedRequest;
import dev.springcohere.api.EmbedResponse;
import dev.springcohere.api.RerankRequest;
import dev.springcohere.api.RerankResponse;
import dev.springcohere.backend.CohereBackend;

/**
 * Base of the AWS backends ({@code bedrock}, {@code sagemaker}): holds the asynchronous
 * SDK client (closed with the backend when the backend built it), the JSON mapper with
 * the Cohere v1 chat translation and payload helpers built on it, and the
 * {@link AwsCalls} of the service. Every operation is asynchronous underneath; the
 * blocking {@code chat}, {@code embed} and {@code rerank} wait for their asynchronous
 * variants.
 *
 * @param <C> the SDK client type
 * @since 0.1.0
 */
public abstract class AwsCohereBackend<C extends SdkClient> implements CohereBackend {

	private final C client;

	private final boolean ownsClient;

	private final JsonMapper mapper = CohereJson.createMapper();

	private final CohereV1Chat v1 = new CohereV1Chat(this.mapper);

	private final CohereAwsPayloads payloads = new CohereAwsPayloads(this.mapper);

	private final AwsCalls calls;

	/**
	 * Creates the backend.
	 * @param service the service's name for messages, such as {@code Amazon Bedrock}
	 * @param client the SDK client
	 * @param ownsClient whether {@link #close()} closes the client
	 */
	protected AwsCohereBackend(String service, C client, boolean ownsClient) {
		this.client = Objects.requireNonNull(client, "'client' must not be null");
		this.ownsClient = ownsClient;
		this.calls = new AwsCalls(service, this.mapper);
	}

	@Override
	public ChatResponse chat(ChatRequest request) {
		return join(chatAsync(request));
	}

	@Override
	public abstract Mono<ChatResponse> chatAsync(ChatRequest request);

	@Override
	public EmbedResponse embed(EmbedRequest request) {
		return join(embedAsync(request));
	}

	@Override
	public abstract Mono<EmbedResponse> embedAsync(EmbedRequest request);

	@Override
	public RerankResponse rerank(RerankRequest request) {
		return join(rerankAsync(request));
	}

	@Override
	public abstract Mono<RerankResponse> rerankAsync(RerankRequest request);

	/**
	 * Closes the client when this backend built it.
	 */
	@Override
	public void close() {
		if (this.ownsClient) {
			this.client.close();
		}
	}

	/**
	 * Returns the SDK client.
	 * @return the client
	 */
	protected final C client() {
		return this.client;
	}

	/**
	 * Returns the mapper of request and answer bodies.
	 * @return the mapper
	 */
	protected final JsonMapper mapper() {
		return this.mapper;
	}

	/**
	 * Returns the translation between v2 chat and the Cohere v1 chat body.
	 * @return the translation
	 */
	protected final CohereV1Chat v1() {
		return this.v1;
	}

	/**
	 * Returns the embed, rerank and stream payload helpers.
	 * @return the helpers
	 */
	protected final CohereAwsPayloads payloads() {
		return this.payloads;
	}

	/**
	 * Returns the calls of the service.
	 * @return the calls
	 */
	protected final AwsCalls calls() {
		return this.calls;
	}

	private static <T> T join(Mono<T> mono) {
		T value = mono.block();
		return Objects.requireNonNull(value, "the call completed without an answer");
	}

}
