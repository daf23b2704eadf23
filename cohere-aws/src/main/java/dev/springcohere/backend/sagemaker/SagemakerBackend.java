package dev.springcohere.backend.sagemaker;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeAsyncClient;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointRequest;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointWithResponseStreamRequest;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointWithResponseStreamResponseHandler;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import dev.springcohere.api.ChatRequest;
import dev.springcohere.api.ChatResponse;
import dev.springcohere.api.EmbedRequest;
import dev.springcohere.api.EmbedResponse;
import dev.springcohere.api.RerankRequest;
import dev.springcohere.api.RerankResponse;
import dev.springcohere.api.StreamEvent;
import dev.springcohere.backend.BackendSettings;
import dev.springcohere.backend.Setting;
import dev.springcohere.backend.Capabilities;
import dev.springcohere.backend.Capability;
import dev.springcohere.backend.ChatStreams;
import dev.springcohere.backend.aws.AwsCalls;
import dev.springcohere.backend.aws.AwsCohereBackend;
import dev.springcohere.backend.aws.AwsConnectionSettings;
import dev.springcohere.backend.aws.CohereAwsPayloads;
import dev.springcohere.backend.aws.CohereV1Chat;
import dev.springcohere.backend.aws.CohereV1StreamTranslator;
import dev.springcohere.api.error.UnsupportedCapabilityException;

/**
 * The {@code sagemaker} backend: Cohere's AWS Marketplace model containers on Amazon
 * SageMaker endpoints, through the AWS SDK's {@code InvokeEndpoint} and
 * {@code InvokeEndpointWithResponseStream} (SigV4, service {@code sagemaker}).
 * <p>
 * One endpoint serves one model, so each capability has its endpoint:
 * {@code sagemaker.chat-endpoint-name}, {@code sagemaker.embed-endpoint-name},
 * {@code sagemaker.rerank-endpoint-name}, each falling back to
 * {@code sagemaker.endpoint-name}; a capability with no endpoint is not offered. The
 * request's {@code model} is not sent (the endpoint decides the model), except that
 * {@code sagemaker.chat-model} names the fine-tune of an endpoint that stacks several,
 * sent as {@code model} in chat bodies. Bodies are the containers' Cohere v1 JSON: chat
 * through {@link CohereV1Chat} (streaming adds {@code "stream": true} and reads the
 * {@code PayloadPart}s, which may split an event anywhere), embed with the v2 embed
 * fields, rerank with {@code query}, {@code documents} as {@code {"text": …}} objects,
 * {@code top_n} and {@code return_documents: false}. An optional inference component
 * ({@code sagemaker.inference-component}) is sent with every call.
 * <p>
 * Thread-safe; every call is asynchronous underneath, the blocking methods wait for it.
 *
 * @since 0.1.0
 */
public final class SagemakerBackend extends AwsCohereBackend<SageMakerRuntimeAsyncClient> {

	/** The id of this backend. */
	public static final String ID = "sagemaker";

	/** The endpoint of every capability without its own. */
	public static final Setting<String> ENDPOINT_NAME = Setting.text("sagemaker.endpoint-name", null);

	/** The endpoint of chat. */
	public static final Setting<String> CHAT_ENDPOINT_NAME = Setting.text("sagemaker.chat-endpoint-name", null);

	/** The endpoint of embed. */
	public static final Setting<String> EMBED_ENDPOINT_NAME = Setting.text("sagemaker.embed-endpoint-name", null);

	/** The endpoint of rerank. */
	public static final Setting<String> RERANK_ENDPOINT_NAME = Setting.text("sagemaker.rerank-endpoint-name", null);

	/**
	 * The model sent as {@code model} in chat bodies, for a chat endpoint that stacks
	 * several fine-tunes (Cohere's containers pick the fine-tune by it); unset, no
	 * {@code model} is sent.
	 */
	public static final Setting<String> CHAT_MODEL = Setting.text("sagemaker.chat-model", null);

	/** The inference component of the endpoints. */
	public static final Setting<String> INFERENCE_COMPONENT = Setting.text("sagemaker.inference-component", null);

	/** The connection settings under {@code sagemaker.}. */
	public static final AwsConnectionSettings.Keys AWS_KEYS = AwsConnectionSettings.Keys.of(ID);

	private final Endpoints endpoints;

	/**
	 * The endpoints serving each capability, and the inference component to address.
	 *
	 * @param chat the chat endpoint, or {@code null}
	 * @param embed the embed endpoint, or {@code null}
	 * @param rerank the rerank endpoint, or {@code null}
	 * @param inferenceComponent the inference component, or {@code null}
	 * @param chatModel the model sent in chat bodies (a fine-tune of a stacked endpoint),
	 * or {@code null} for none
	 */
	public record Endpoints(@Nullable String chat, @Nullable String embed, @Nullable String rerank,
			@Nullable String inferenceComponent, @Nullable String chatModel) {

		/**
		 * Endpoints whose chat bodies carry no {@code model}.
		 * @param chat the chat endpoint, or {@code null}
		 * @param embed the embed endpoint, or {@code null}
		 * @param rerank the rerank endpoint, or {@code null}
		 * @param inferenceComponent the inference component, or {@code null}
		 */
		public Endpoints(@Nullable String chat, @Nullable String embed, @Nullable String rerank,
				@Nullable String inferenceComponent) {
			this(chat, embed, rerank, inferenceComponent, null);
		}

		/**
		 * Reads the endpoints from settings.
		 * @param settings the settings
		 * @return the endpoints
		 * @throws IllegalStateException when no endpoint is configured at all
		 */
		public static Endpoints from(BackendSettings settings) {
			String common = settings.get(ENDPOINT_NAME);
			Endpoints endpoints = new Endpoints(or(settings.get(CHAT_ENDPOINT_NAME), common),
					or(settings.get(EMBED_ENDPOINT_NAME), common), or(settings.get(RERANK_ENDPOINT_NAME), common),
					settings.get(INFERENCE_COMPONENT), settings.get(CHAT_MODEL));
			if (endpoints.chat == null && endpoints.embed == null && endpoints.rerank == null) {
				throw new IllegalStateException("The 'sagemaker' backend needs the name of a SageMaker endpoint: set "
						+ "the property 'cohere.sagemaker.endpoint-name' (or one of 'cohere.sagemaker.chat-endpoint-"
						+ "name', '...embed-endpoint-name', '...rerank-endpoint-name')");
			}
			return endpoints;
		}

		private static @Nullable String or(@Nullable String first, @Nullable String second) {
			return (first != null) ? first : second;
		}

	}

	/**
	 * Creates a backend over a client the caller owns (and closes).
	 * @param client the SageMaker runtime client
	 * @param endpoints the endpoints
	 */
	public SagemakerBackend(SageMakerRuntimeAsyncClient client, Endpoints endpoints) {
		this(client, endpoints, false);
	}

	private SagemakerBackend(SageMakerRuntimeAsyncClient client, Endpoints endpoints, boolean ownsClient) {
		super("Amazon SageMaker", client, ownsClient);
		this.endpoints = Objects.requireNonNull(endpoints, "'endpoints' must not be null");
	}

	/**
	 * Creates a backend and its client from settings (endpoint names,
	 * {@code sagemaker.region}, {@code sagemaker.endpoint-override}, credentials; see
	 * {@link AwsConnectionSettings}).
	 * @param settings the settings
	 * @return a backend that closes its client when closed
	 * @throws IllegalStateException when a setting is missing or wrong (the message names
	 * the property)
	 */
	public static SagemakerBackend create(BackendSettings settings) {
		Objects.requireNonNull(settings, "'settings' must not be null");
		Endpoints endpoints = Endpoints.from(settings);
		AwsConnectionSettings connection = AwsConnectionSettings.read(ID, settings);
		SageMakerRuntimeAsyncClient client = connection.configure(SageMakerRuntimeAsyncClient.builder()).build();
		return new SagemakerBackend(client, endpoints, true);
	}

	@Override
	public String id() {
		return ID;
	}

	/**
	 * Returns chat and chat streaming when a chat endpoint is configured, embed and
	 * rerank when theirs are.
	 * @return the capabilities
	 */
	@Override
	public Capabilities capabilities() {
		List<Capability> capabilities = new ArrayList<>();
		if (this.endpoints.chat() != null) {
			capabilities.add(Capability.CHAT);
			capabilities.add(Capability.CHAT_STREAM);
		}
		if (this.endpoints.embed() != null) {
			capabilities.add(Capability.EMBED);
		}
		if (this.endpoints.rerank() != null) {
			capabilities.add(Capability.RERANK);
		}
		return Capabilities.of(capabilities);
	}

	@Override
	public Mono<ChatResponse> chatAsync(ChatRequest request) {
		Objects.requireNonNull(request, "'request' must not be null");
		return Mono.defer(() -> {
			String endpoint = endpoint(this.endpoints.chat(), Capability.CHAT, "chat");
			CohereV1Chat.V1Request v1Request = chatBody(request, endpoint);
			return invoke(endpoint, v1Request.body()).map((json) -> v1().fromV1(json, v1Request.documents(), null));
		});
	}

	private CohereV1Chat.V1Request chatBody(ChatRequest request, String endpoint) {
		CohereV1Chat.V1Request v1Request = v1().toV1(request, "SageMaker endpoint " + endpoint);
		if (this.endpoints.chatModel() != null) {
			v1Request.body().put("model", this.endpoints.chatModel());
		}
		return v1Request;
	}

	/**
	 * Streams the answer through {@code InvokeEndpointWithResponseStream}, with
	 * {@code "stream": true} in the body.
	 * @param request the request
	 * @return a cold {@code Flux} of v2 events ending with {@code message-end}; a cut
	 * stream, an error part or an error status ends it with an error
	 */
	@Override
	public Flux<StreamEvent> chatStream(ChatRequest request) {
		Objects.requireNonNull(request, "'request' must not be null");
		if (this.endpoints.chat() == null) {
			return Flux.error(unsupported(Capability.CHAT_STREAM, "chat"));
		}
		return ChatStreams.requireMessageEnd(ID, Flux.defer(() -> {
			String endpoint = endpoint(this.endpoints.chat(), Capability.CHAT_STREAM, "chat");
			CohereV1Chat.V1Request v1Request = chatBody(request, endpoint);
			ObjectNode body = v1Request.body();
			body.put("stream", true);
			String call = "InvokeEndpointWithResponseStream " + endpoint;
			CohereV1StreamTranslator translator = new CohereV1StreamTranslator(mapper(), v1Request.documents());
			return payloads().v1Events(stream(endpoint, body, call), translator, call);
		}));
	}

	@Override
	public Mono<EmbedResponse> embedAsync(EmbedRequest request) {
		Objects.requireNonNull(request, "'request' must not be null");
		if (this.endpoints.embed() == null) {
			return Mono.error(unsupported(Capability.EMBED, "embed"));
		}
		return Mono.defer(() -> {
			String endpoint = endpoint(this.endpoints.embed(), Capability.EMBED, "embed");
			ObjectNode body = payloads().embedBody(request, "SageMaker endpoint " + endpoint);
			return invoke(endpoint, body).map((json) -> payloads().readEmbed(json, "InvokeEndpoint " + endpoint));
		});
	}

	@Override
	public Mono<RerankResponse> rerankAsync(RerankRequest request) {
		Objects.requireNonNull(request, "'request' must not be null");
		if (this.endpoints.rerank() == null) {
			return Mono.error(unsupported(Capability.RERANK, "rerank"));
		}
		return Mono.defer(() -> {
			String endpoint = endpoint(this.endpoints.rerank(), Capability.RERANK, "rerank");
			if (request.priority() != null || request.maxTokensPerDoc() != null) {
				throw new IllegalArgumentException("The v1 rerank body of SageMaker endpoint " + endpoint
						+ " has no field for " + ((request.priority() != null) ? "priority" : "max_tokens_per_doc")
						+ "; remove it from the request");
			}
			ObjectNode body = mapper().createObjectNode();
			body.put("query", request.query());
			ArrayNode documents = body.putArray("documents");
			request.documents().forEach((document) -> documents.addObject().put("text", document));
			if (request.topN() != null) {
				body.put("top_n", request.topN());
			}
			body.put("return_documents", false);
			return invoke(endpoint, body).map((json) -> payloads().readRerank(json, "InvokeEndpoint " + endpoint));
		});
	}

	@Override
	public String toString() {
		return "SagemakerBackend[" + this.endpoints + "]";
	}

	private String endpoint(@Nullable String endpoint, Capability capability, String kind) {
		if (endpoint == null) {
			throw unsupported(capability, kind);
		}
		return endpoint;
	}

	private UnsupportedCapabilityException unsupported(Capability capability, String kind) {
		return new UnsupportedCapabilityException(ID, capability.id(), "no SageMaker endpoint serves " + kind
				+ "; set 'cohere.sagemaker." + kind + "-endpoint-name' (or 'cohere.sagemaker.endpoint-name')");
	}

	private Mono<String> invoke(String endpoint, JsonNode body) {
		InvokeEndpointRequest.Builder builder = InvokeEndpointRequest.builder()
			.endpointName(endpoint)
			.contentType(AwsCalls.JSON)
			.accept(AwsCalls.JSON)
			.body(calls().body(body));
		if (this.endpoints.inferenceComponent() != null) {
			builder.inferenceComponentName(this.endpoints.inferenceComponent());
		}
		InvokeEndpointRequest request = builder.build();
		return calls().invoke("InvokeEndpoint " + endpoint, () -> client().invokeEndpoint(request))
			.map((response) -> response.body().asUtf8String());
	}

	private Flux<byte[]> stream(String endpoint, JsonNode body, String call) {
		InvokeEndpointWithResponseStreamRequest.Builder builder = InvokeEndpointWithResponseStreamRequest.builder()
			.endpointName(endpoint)
			.contentType(AwsCalls.JSON)
			.accept(AwsCalls.JSON)
			.body(calls().body(body));
		if (this.endpoints.inferenceComponent() != null) {
			builder.inferenceComponentName(this.endpoints.inferenceComponent());
		}
		InvokeEndpointWithResponseStreamRequest request = builder.build();
		return calls().stream(call,
				(receiver) -> client().invokeEndpointWithResponseStream(request,
						InvokeEndpointWithResponseStreamResponseHandler.builder()
							.subscriber(InvokeEndpointWithResponseStreamResponseHandler.Visitor.builder()
								.onPayloadPart((part) -> receiver.part(part.bytes().asByteArray()))
								.build())
							.onError(receiver::failed)
							.onComplete(receiver::completed)
							.build()));
	}

}
