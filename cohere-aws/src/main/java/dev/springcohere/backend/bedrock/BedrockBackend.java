package dev.springcohere.backend.bedrock;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.http.auth.scheme.BearerAuthScheme;
import software.amazon.awssdk.http.auth.spi.scheme.AuthSchemeOption;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClientBuilder;
import software.amazon.awssdk.services.bedrockruntime.auth.scheme.BedrockRuntimeAuthSchemeProvider;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelResponse;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamResponseHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import dev.springcohere.api.ChatRequest;
import dev.springcohere.api.ChatResponse;
import dev.springcohere.api.EmbedRequest;
import dev.springcohere.api.EmbedResponse;
import dev.springcohere.api.RerankRequest;
import dev.springcohere.api.RerankResponse;
import dev.springcohere.api.StreamEvent;
import dev.springcohere.api.Truncate;
import dev.springcohere.api.Usage;
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
import dev.springcohere.api.error.CohereMalformedResponseException;

/**
 * The {@code bedrock} backend: Cohere models on Amazon Bedrock through the AWS SDK's
 * {@code InvokeModel} and {@code InvokeModelWithResponseStream}, authenticated with a
 * Bedrock API key ({@code Authorization: Bearer}; from {@code cohere.bedrock.api-key},
 * else the environment variable {@code AWS_BEARER_TOKEN_BEDROCK} when no AWS credentials
 * are configured) or else SigV4-signed (service {@code bedrock}) with AWS credentials.
 * <p>
 * The request's {@code model} is the Bedrock model id, inference-profile id ({@code us.},
 * {@code eu.}, {@code global.} prefixes) or ARN, passed through unchanged. Chat with
 * Command R / R+ is translated to and from the Cohere v1 body ({@link CohereV1Chat});
 * other chat models get the v2 body without {@code model} and {@code stream} (see
 * {@link ChatFormat}). Streams decode the event-stream {@code chunk}s (each carries
 * Cohere stream events) into v2 {@link StreamEvent}s and obey
 * {@link ChatStreams#requireMessageEnd}. Embed sends the v2 embed fields (for
 * {@code embed-v4} models {@code truncate} {@code START}/{@code END} become Bedrock's
 * {@code LEFT}/{@code RIGHT}); rerank sends the v2 rerank fields plus
 * {@code "api_version": 2}. No tokenize, detokenize or model listing.
 * <p>
 * Thread-safe; every call is asynchronous underneath, the blocking methods wait for it.
 *
 * @since 0.1.0
 */
public final class BedrockBackend extends AwsCohereBackend<BedrockRuntimeAsyncClient> {

	/** The id of this backend. */
	public static final String ID = "bedrock";

	/** The chat body: {@code auto} (by model), {@code v1} or {@code v2}. */
	public static final Setting<String> CHAT_FORMAT = Setting.text("bedrock.chat-format", "auto");

	/**
	 * The ARN resource types that do not name the model behind them.
	 */
	private static final Set<String> OPAQUE_ARN_TYPES = Set.of("custom-model", "provisioned-model", "imported-model",
			"custom-model-deployment", "application-inference-profile");

	/** The connection settings under {@code bedrock.}. */
	public static final AwsConnectionSettings.Keys AWS_KEYS = AwsConnectionSettings.Keys.of(ID);

	private static final Capabilities CAPABILITIES = Capabilities.of(Capability.CHAT, Capability.CHAT_STREAM,
			Capability.EMBED, Capability.RERANK);

	private final ChatFormat chatFormat;

	/**
	 * Which chat body a model takes.
	 */
	public enum ChatFormat {

		/**
		 * v1 for model ids and ARNs naming {@code command-r} (Command R and R+, their
		 * inference profiles and custom models), and for ARNs that do not name their
		 * model (provisioned throughput, custom or imported models, custom model
		 * deployments, application inference profiles), which Cohere's chat models on
		 * Bedrock, all Command R or R+, serve with the v1 body; v2 for every other model.
		 */
		AUTO,

		/** Always the Cohere v1 body. */
		V1,

		/** Always the Cohere v2 body. */
		V2;

		/**
		 * Reads the value of {@code cohere.bedrock.chat-format}.
		 * @param value {@code auto}, {@code v1} or {@code v2} (any case), or {@code null}
		 * for {@code auto}
		 * @return the format
		 * @throws IllegalStateException for any other value
		 */
		public static ChatFormat of(@Nullable String value) {
			if (value == null || value.isBlank()) {
				return AUTO;
			}
			return switch (value.strip().toLowerCase(Locale.ROOT)) {
				case "auto" -> AUTO;
				case "v1" -> V1;
				case "v2" -> V2;
				default -> throw new IllegalStateException(
						"The property 'cohere.bedrock.chat-format' must be auto, " + "v1 or v2, got '" + value + "'");
			};
		}

		/**
		 * Tells whether a model takes the v1 body.
		 * @param modelId the model id, inference profile id or ARN
		 * @return whether the v1 body is sent
		 */
		public boolean usesV1(String modelId) {
			return switch (this) {
				case V1 -> true;
				case V2 -> false;
				case AUTO -> autoUsesV1(modelId.toLowerCase(Locale.ROOT));
			};
		}

		private static boolean autoUsesV1(String modelId) {
			if (modelId.contains("command-r")) {
				return true;
			}
			if (!modelId.startsWith("arn:") || modelId.contains("cohere.")) {
				return false;
			}
			// arn:partition:bedrock:region:account:type/id
			String[] parts = modelId.split(":", 6);
			return parts.length == 6 && OPAQUE_ARN_TYPES.contains(parts[5].split("/", 2)[0]);
		}

	}

	/**
	 * Creates a backend over a client the caller owns (and closes).
	 * @param client the Bedrock runtime client
	 * @param chatFormat which chat body models take
	 */
	public BedrockBackend(BedrockRuntimeAsyncClient client, ChatFormat chatFormat) {
		this(client, chatFormat, false);
	}

	private BedrockBackend(BedrockRuntimeAsyncClient client, ChatFormat chatFormat, boolean ownsClient) {
		super("Amazon Bedrock", client, ownsClient);
		this.chatFormat = Objects.requireNonNull(chatFormat, "'chatFormat' must not be null");
	}

	/**
	 * Creates a backend and its client from settings ({@code bedrock.region},
	 * {@code bedrock.endpoint-override}, {@code bedrock.api-key} or AWS credentials,
	 * {@code bedrock.chat-format}; see {@link AwsConnectionSettings}), reading
	 * {@code AWS_BEARER_TOKEN_BEDROCK} from the process environment.
	 * @param settings the settings
	 * @return a backend that closes its client when closed
	 * @throws IllegalStateException when a setting is missing or wrong (the message names
	 * the property)
	 */
	public static BedrockBackend create(BackendSettings settings) {
		return create(settings, System::getenv);
	}

	/**
	 * Creates a backend and its client from settings, reading environment variables
	 * through the given function.
	 * <p>
	 * Authentication, first match wins: the Bedrock API key {@code bedrock.api-key}
	 * (setting AWS credentials properties as well is an error); AWS credentials
	 * properties ({@code bedrock.access-key-id} + {@code bedrock.secret-access-key}, or
	 * {@code bedrock.profile}); the Bedrock API key in the environment variable
	 * {@code AWS_BEARER_TOKEN_BEDROCK}; the AWS default credentials chain. With an API
	 * key the SDK sends {@code Authorization: Bearer <key>} and signs nothing; the AWS
	 * SDK's own reading of {@code AWS_BEARER_TOKEN_BEDROCK} (and of the
	 * {@code aws.bearerTokenBedrock} system property) is replaced by this choice.
	 * @param settings the settings
	 * @param environment returns the value of an environment variable, or {@code null};
	 * {@code System::getenv} in {@link #create(BackendSettings)}
	 * @return a backend that closes its client when closed
	 * @throws IllegalStateException when a setting is missing or wrong (the message names
	 * the property)
	 */
	public static BedrockBackend create(BackendSettings settings, Function<String, @Nullable String> environment) {
		Objects.requireNonNull(settings, "'settings' must not be null");
		Objects.requireNonNull(environment, "'environment' must not be null");
		ChatFormat format = ChatFormat.of(settings.get(CHAT_FORMAT));
		BedrockApiKey apiKey = BedrockApiKey.find(settings, environment);
		AwsConnectionSettings connection = (apiKey != null)
				? AwsConnectionSettings.readWithoutCredentials(ID, settings, "Bedrock API key from " + apiKey.source())
				: AwsConnectionSettings.read(ID, settings);
		BedrockRuntimeAsyncClientBuilder builder = connection.configure(BedrockRuntimeAsyncClient.builder());
		if (apiKey != null) {
			builder.tokenProvider(apiKey).authSchemeProvider(bearerOnly());
		}
		else {
			// SigV4 first, even when the SDK would switch to bearer on finding
			// AWS_BEARER_TOKEN_BEDROCK itself
			builder.authSchemeProvider(BedrockRuntimeAuthSchemeProvider.defaultProvider());
		}
		return new BedrockBackend(builder.build(), format, true);
	}

	private static BedrockRuntimeAuthSchemeProvider bearerOnly() {
		List<AuthSchemeOption> options = List
			.of(AuthSchemeOption.builder().schemeId(BearerAuthScheme.SCHEME_ID).build());
		return (params) -> options;
	}

	@Override
	public String id() {
		return ID;
	}

	/**
	 * Returns chat, chat streaming, embed and rerank.
	 * @return the capabilities
	 */
	@Override
	public Capabilities capabilities() {
		return CAPABILITIES;
	}

	@Override
	public Mono<ChatResponse> chatAsync(ChatRequest request) {
		Objects.requireNonNull(request, "'request' must not be null");
		return Mono.defer(() -> {
			String modelId = modelId(request.model(), "chat");
			String call = "InvokeModel " + modelId;
			if (this.chatFormat.usesV1(modelId)) {
				CohereV1Chat.V1Request v1Request = v1().toV1(request, "Bedrock model " + modelId);
				return invoke(modelId, v1Request.body()).map((response) -> v1().fromV1(response.body().asUtf8String(),
						v1Request.documents(), tokens(response)));
			}
			return invoke(modelId, v2Body(request)).map((response) -> readV2(response, call));
		});
	}

	/**
	 * Streams the answer through {@code InvokeModelWithResponseStream}.
	 * @param request the request
	 * @return a cold {@code Flux} of v2 events ending with {@code message-end}; a cut
	 * stream, an exception frame or an error status ends it with an error
	 */
	@Override
	public Flux<StreamEvent> chatStream(ChatRequest request) {
		Objects.requireNonNull(request, "'request' must not be null");
		return ChatStreams.requireMessageEnd(ID, Flux.defer(() -> {
			String modelId = modelId(request.model(), "chat");
			String call = "InvokeModelWithResponseStream " + modelId;
			if (this.chatFormat.usesV1(modelId)) {
				CohereV1Chat.V1Request v1Request = v1().toV1(request, "Bedrock model " + modelId);
				CohereV1StreamTranslator translator = new CohereV1StreamTranslator(mapper(), v1Request.documents());
				return payloads().v1Events(stream(modelId, v1Request.body(), call), translator, call);
			}
			return payloads().v2Events(stream(modelId, v2Body(request), call), call);
		}));
	}

	@Override
	public Mono<EmbedResponse> embedAsync(EmbedRequest request) {
		Objects.requireNonNull(request, "'request' must not be null");
		return Mono.defer(() -> {
			String modelId = modelId(request.model(), "embed");
			ObjectNode body = payloads().embedBody(request, "Bedrock model " + modelId);
			if (modelId.contains("embed-v4") && request.truncate() != null) {
				if (Truncate.START.equals(request.truncate())) {
					body.put("truncate", "LEFT");
				}
				else if (Truncate.END.equals(request.truncate())) {
					body.put("truncate", "RIGHT");
				}
			}
			String call = "InvokeModel " + modelId;
			return invoke(modelId, body).map((response) -> payloads().readEmbed(response.body().asUtf8String(), call));
		});
	}

	@Override
	public Mono<RerankResponse> rerankAsync(RerankRequest request) {
		Objects.requireNonNull(request, "'request' must not be null");
		return Mono.defer(() -> {
			String modelId = modelId(request.model(), "rerank");
			if (request.priority() != null) {
				throw new IllegalArgumentException("Rerank requests for Bedrock cannot carry 'priority' (a Cohere "
						+ "platform setting); remove it");
			}
			ObjectNode body = mapper().valueToTree(request);
			body.remove("model");
			body.put("api_version", 2);
			String call = "InvokeModel " + modelId;
			return invoke(modelId, body).map((response) -> payloads().readRerank(response.body().asUtf8String(), call));
		});
	}

	@Override
	public String toString() {
		return "BedrockBackend[chatFormat=" + this.chatFormat + "]";
	}

	private static String modelId(@Nullable String model, String operation) {
		if (model == null || model.isBlank()) {
			throw new IllegalArgumentException("A " + operation + " request for Bedrock needs a model: a Bedrock "
					+ "model id such as cohere.command-r-plus-v1:0, an inference profile id or an ARN (set 'cohere."
					+ operation + ".model')");
		}
		return model.strip();
	}

	private ObjectNode v2Body(ChatRequest request) {
		ObjectNode body = mapper().valueToTree(request);
		body.remove("model");
		body.remove("stream");
		return body;
	}

	private ChatResponse readV2(InvokeModelResponse response, String call) {
		String json = response.body().asUtf8String();
		try {
			return mapper().readValue(json, ChatResponse.class);
		}
		catch (JacksonException | IllegalArgumentException | NullPointerException ex) {
			throw new CohereMalformedResponseException("The answer of " + call + " is not a Cohere v2 chat response ("
					+ ex.getMessage() + "); if this model takes v1 bodies, set cohere.bedrock.chat-format=v1", json,
					ex);
		}
	}

	private static Usage.@Nullable Tokens tokens(InvokeModelResponse response) {
		Double input = CohereAwsPayloads
			.count(response.sdkHttpResponse().firstMatchingHeader("X-Amzn-Bedrock-Input-Token-Count").orElse(null));
		Double output = CohereAwsPayloads
			.count(response.sdkHttpResponse().firstMatchingHeader("X-Amzn-Bedrock-Output-Token-Count").orElse(null));
		return (input == null && output == null) ? null : new Usage.Tokens(input, output);
	}

	private Mono<InvokeModelResponse> invoke(String modelId, JsonNode body) {
		InvokeModelRequest request = InvokeModelRequest.builder()
			.modelId(modelId)
			.contentType(AwsCalls.JSON)
			.accept(AwsCalls.JSON)
			.body(calls().body(body))
			.build();
		return calls().invoke("InvokeModel " + modelId, () -> client().invokeModel(request));
	}

	private Flux<byte[]> stream(String modelId, JsonNode body, String call) {
		InvokeModelWithResponseStreamRequest request = InvokeModelWithResponseStreamRequest.builder()
			.modelId(modelId)
			.contentType(AwsCalls.JSON)
			.accept(AwsCalls.JSON)
			.body(calls().body(body))
			.build();
		return calls().stream(call,
				(receiver) -> client().invokeModelWithResponseStream(request,
						InvokeModelWithResponseStreamResponseHandler.builder()
							.subscriber(InvokeModelWithResponseStreamResponseHandler.Visitor.builder()
								.onChunk((part) -> receiver.part(part.bytes().asByteArray()))
								.build())
							.onError(receiver::failed)
							.onComplete(receiver::completed)
							.build()));
	}

}
