package dev.springcohere.backend.oci;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.oracle.bmc.generativeaiinference.GenerativeAiInference;
import com.oracle.bmc.generativeaiinference.model.BaseChatRequest;
import com.oracle.bmc.generativeaiinference.model.BaseChatResponse;
import com.oracle.bmc.generativeaiinference.model.ChatDetails;
import com.oracle.bmc.generativeaiinference.model.CohereChatResponse;
import com.oracle.bmc.generativeaiinference.model.DedicatedServingMode;
import com.oracle.bmc.generativeaiinference.model.DocumentRank;
import com.oracle.bmc.generativeaiinference.model.EmbedTextDetails;
import com.oracle.bmc.generativeaiinference.model.EmbedTextResult;
import com.oracle.bmc.generativeaiinference.model.OnDemandServingMode;
import com.oracle.bmc.generativeaiinference.model.RerankTextDetails;
import com.oracle.bmc.generativeaiinference.model.RerankTextResult;
import com.oracle.bmc.generativeaiinference.model.ServingMode;
import com.oracle.bmc.generativeaiinference.requests.EmbedTextRequest;
import com.oracle.bmc.generativeaiinference.requests.RerankTextRequest;
import com.oracle.bmc.model.BmcException;
import com.oracle.bmc.serialization.jackson.JacksonSerializer;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import dev.springcohere.api.ChatRequest;
import dev.springcohere.api.ChatResponse;
import dev.springcohere.api.EmbedInputType;
import dev.springcohere.api.EmbedRequest;
import dev.springcohere.api.EmbedResponse;
import dev.springcohere.api.EmbeddingType;
import dev.springcohere.api.RerankRequest;
import dev.springcohere.api.RerankResponse;
import dev.springcohere.api.StreamEvent;
import dev.springcohere.api.Truncate;
import dev.springcohere.api.error.CohereApiException;
import dev.springcohere.api.error.CohereMalformedResponseException;
import dev.springcohere.api.error.CohereNetworkException;
import dev.springcohere.backend.Capabilities;
import dev.springcohere.backend.Capability;
import dev.springcohere.backend.ChatStreams;
import dev.springcohere.backend.CohereBackend;
import dev.springcohere.backend.v1.V1Chat;
import dev.springcohere.http.CohereRetryPolicy;
import dev.springcohere.http.ServerSentEvent;
import dev.springcohere.http.ServerSentEventDecoder;

/**
 * The {@code oci} backend: Cohere models on OCI Generative AI through the OCI Java SDK's
 * {@link GenerativeAiInference} client ({@code chat}, {@code embedText},
 * {@code rerankText}), which signs every request with the configured OCI credentials.
 * <p>
 * Chat requests go out in the {@link OciApiFormat api format} chosen for the model:
 * {@code COHERE} (OCI's v1-style {@code CohereChatRequest}) or {@code COHEREV2}. The
 * model of a request is an on-demand model id ({@code cohere.command-a-03-2025}; Cohere
 * names such as {@code command-a-03-2025} get the {@code cohere.} prefix) or a dedicated
 * endpoint OCID ({@code ocid1.generativeaiendpoint…}). Streams are read from the SDK's
 * event stream and obey {@link ChatStreams#requireMessageEnd}. OCI errors become
 * {@code CohereApiException}s carrying OCI's message and {@code opc-request-id}; failed
 * calls are retried by the project's retry policy (the SDK's own retries are off). Offers
 * {@code chat}, {@code chat-stream}, {@code embed} (texts, or images as data URIs, float
 * vectors) and {@code rerank}; OCI has no tokenize, detokenize or model list for
 * inference.
 * <p>
 * Thread-safe. Closing the backend closes the SDK client.
 *
 * @since 0.1.0
 */
public final class OciBackend implements CohereBackend {

	/** The id of the backend. */
	public static final String ID = "oci";

	private static final Capabilities CAPABILITIES = Capabilities.of(Capability.CHAT, Capability.CHAT_STREAM,
			Capability.EMBED, Capability.RERANK);

	static {
		// The SDK's model classes know COHERE and GENERIC only; teach its (shared) mapper
		// the COHEREV2 answer.
		JacksonSerializer.getDefaultObjectMapper()
			.registerSubtypes(new NamedType(CohereV2ChatResponse.class, "COHEREV2"));
	}

	private final GenerativeAiInference client;

	private final String compartmentId;

	private final OciApiFormat apiFormat;

	private final CohereRetryPolicy retryPolicy;

	/**
	 * Creates a backend over an SDK client, which it closes when closed.
	 * @param client the OCI Generative AI inference client, with its endpoint and
	 * credentials
	 * @param compartmentId the OCID of the compartment the calls are billed to
	 * @param apiFormat the chat api format, {@link OciApiFormat#AUTO} to choose per model
	 * @param retryPolicy the retry policy for failed calls
	 */
	public OciBackend(GenerativeAiInference client, String compartmentId, OciApiFormat apiFormat,
			CohereRetryPolicy retryPolicy) {
		this.client = Objects.requireNonNull(client, "'client' must not be null");
		this.compartmentId = Objects.requireNonNull(compartmentId, "'compartmentId' must not be null");
		this.apiFormat = Objects.requireNonNull(apiFormat, "'apiFormat' must not be null");
		this.retryPolicy = Objects.requireNonNull(retryPolicy, "'retryPolicy' must not be null");
	}

	@Override
	public String id() {
		return ID;
	}

	/**
	 * Returns {@code chat}, {@code chat-stream}, {@code embed} and {@code rerank}.
	 * @return the capabilities
	 */
	@Override
	public Capabilities capabilities() {
		return CAPABILITIES;
	}

	@Override
	public ChatResponse chat(ChatRequest request) {
		Objects.requireNonNull(request, "'request' must not be null");
		String model = model(request.model(), "chat");
		OciApiFormat format = this.apiFormat.resolve(model);
		V1Chat v1Chat = (format == OciApiFormat.COHERE) ? OciChatV1Translator.toV1(request) : null;
		ChatDetails details = chatDetails(model, request, v1Chat, false);
		com.oracle.bmc.generativeaiinference.responses.ChatResponse response = call("POST /actions/chat",
				() -> this.client.chat(chatRequest(details)));
		BaseChatResponse answer = (response.getChatResult() != null) ? response.getChatResult().getChatResponse()
				: null;
		if (answer instanceof CohereChatResponse v1) {
			return OciChatV1Translator.fromOci(v1, (v1Chat != null) ? v1Chat.documents() : Map.of());
		}
		if (answer instanceof CohereV2ChatResponse v2) {
			return OciChatV2Translator.fromOci(v2.fields());
		}
		throw new CohereMalformedResponseException("OCI Generative AI answered the chat call for model '" + model
				+ "' without a COHERE or COHEREV2 chatResponse (got " + answer + ") [opc-request-id: "
				+ response.getOpcRequestId() + "]", String.valueOf(answer), null);
	}

	/**
	 * Streams the answer: sends the request with {@code isStream: true} and translates
	 * the server-sent events of the SDK's event stream.
	 * @param request the request
	 * @return a cold {@code Flux} of events, ending with {@code message-end}
	 */
	@Override
	public Flux<StreamEvent> chatStream(ChatRequest request) {
		Objects.requireNonNull(request, "'request' must not be null");
		return ChatStreams.requireMessageEnd(ID, Flux.defer(() -> {
			String model = model(request.model(), "chat");
			OciApiFormat format = this.apiFormat.resolve(model);
			V1Chat v1Chat = (format == OciApiFormat.COHERE) ? OciChatV1Translator.toV1(request) : null;
			ChatDetails details = chatDetails(model, request, v1Chat, true);
			OciStreamTranslator translator = new OciStreamTranslator(format,
					(v1Chat != null) ? v1Chat.documents() : Map.of());
			return Mono.fromCallable(() -> openStream(details))
				.retryWhen(this.retryPolicy.toReactorRetry())
				.subscribeOn(Schedulers.boundedElastic())
				.flatMapMany((stream) -> events(stream))
				.filter((event) -> !event.data().isBlank() && !event.isDone())
				.concatMapIterable((event) -> translator.accept(parse(event)));
		}));
	}

	@Override
	public EmbedResponse embed(EmbedRequest request) {
		Objects.requireNonNull(request, "'request' must not be null");
		String model = model(request.model(), "embed");
		if (!request.inputs().isEmpty()) {
			throw new IllegalArgumentException("The 'oci' backend embeds 'texts' or 'images' (data URIs), not mixed "
					+ "'inputs'; OCI's embedText takes one kind per call");
		}
		if (request.texts().isEmpty() && request.images().isEmpty()) {
			throw new IllegalArgumentException("An embed request for the 'oci' backend needs 'texts' or 'images'");
		}
		if (!request.texts().isEmpty() && !request.images().isEmpty()) {
			throw new IllegalArgumentException(
					"The 'oci' backend embeds either 'texts' or 'images' in one call, not " + "both");
		}
		for (EmbeddingType type : request.embeddingTypes()) {
			if (!EmbeddingType.FLOAT.equals(type)) {
				throw new IllegalArgumentException("The 'oci' backend returns float embeddings only; embedding type '"
						+ type.value() + "' is not available through OCI's embedText");
			}
		}
		if (request.outputDimension() != null) {
			throw new IllegalArgumentException("The 'oci' backend cannot set 'output_dimension' (OCI's embedText has "
					+ "no such field); leave it unset");
		}
		if (request.maxTokens() != null) {
			throw new IllegalArgumentException("The 'oci' backend cannot set 'max_tokens' for embed (OCI's embedText "
					+ "has no such field); use 'truncate'");
		}
		boolean images = !request.images().isEmpty();
		EmbedTextDetails.Builder details = EmbedTextDetails.builder()
			.inputs(images ? request.images() : request.texts())
			.servingMode(servingMode(model))
			.compartmentId(this.compartmentId);
		EmbedInputType inputType = images ? EmbedInputType.IMAGE : request.inputType();
		if (inputType != null) {
			details.inputType(EmbedTextDetails.InputType.create(OciJson.upper(inputType.value())));
		}
		if (request.truncate() != null) {
			details.truncate(truncate(request.truncate()));
		}
		EmbedTextResult result = call("POST /actions/embedText",
				() -> this.client.embedText(EmbedTextRequest.builder().embedTextDetails(details.build()).build()))
			.getEmbedTextResult();
		List<List<Double>> vectors = new ArrayList<>();
		if (result.getEmbeddings() != null) {
			for (List<Float> vector : result.getEmbeddings()) {
				List<Double> converted = new ArrayList<>(vector.size());
				vector.forEach((value) -> converted.add(value.doubleValue()));
				vectors.add(converted);
			}
		}
		String responseType = request.embeddingTypes().isEmpty() ? "embeddings_floats" : "embeddings_by_type";
		return new EmbedResponse(result.getId(), responseType,
				new EmbedResponse.Embeddings(vectors, null, null, null, null, null), images ? null : request.texts(),
				null, null);
	}

	@Override
	public RerankResponse rerank(RerankRequest request) {
		Objects.requireNonNull(request, "'request' must not be null");
		String model = model(request.model(), "rerank");
		if (request.maxTokensPerDoc() != null) {
			throw new IllegalArgumentException("The 'oci' backend cannot set 'max_tokens_per_doc' (OCI's rerankText "
					+ "has no such field); leave it unset");
		}
		RerankTextDetails details = RerankTextDetails.builder()
			.input(request.query())
			.documents(request.documents())
			.topN(request.topN())
			.servingMode(servingMode(model))
			.compartmentId(this.compartmentId)
			.build();
		RerankTextResult result = call("POST /actions/rerankText",
				() -> this.client.rerankText(RerankTextRequest.builder().rerankTextDetails(details).build()))
			.getRerankTextResult();
		List<RerankResponse.Result> results = new ArrayList<>();
		if (result.getDocumentRanks() != null) {
			for (DocumentRank rank : result.getDocumentRanks()) {
				results.add(new RerankResponse.Result(Objects.requireNonNull(rank.getIndex(), "index"),
						(rank.getRelevanceScore() != null) ? rank.getRelevanceScore() : 0.0));
			}
		}
		return new RerankResponse(result.getId(), results, null);
	}

	/**
	 * Closes the SDK client.
	 */
	@Override
	public void close() {
		try {
			this.client.close();
		}
		catch (Exception ex) {
			throw new IllegalStateException("Closing the OCI Generative AI client failed: " + ex.getMessage(), ex);
		}
	}

	@Override
	public String toString() {
		return "OciBackend[compartmentId=" + this.compartmentId + ", apiFormat=" + this.apiFormat + "]";
	}

	static ServingMode servingMode(String model) {
		String id = model.strip();
		if (id.startsWith("ocid1.generativeaiendpoint")) {
			return DedicatedServingMode.builder().endpointId(id).build();
		}
		String lower = id.toLowerCase(Locale.ROOT);
		if (lower.startsWith("command") || lower.startsWith("embed") || lower.startsWith("rerank")) {
			id = "cohere." + id;
		}
		return OnDemandServingMode.builder().modelId(id).build();
	}

	private static String model(@Nullable String model, String operation) {
		if (model == null || model.isBlank()) {
			throw new IllegalArgumentException("The 'oci' backend needs a model for " + operation + ": an OCI model id "
					+ "such as cohere.command-a-03-2025 or a dedicated endpoint OCID; set 'cohere." + operation
					+ ".model' or the request's model");
		}
		return model;
	}

	private ChatDetails chatDetails(String model, ChatRequest request, @Nullable V1Chat v1Chat, boolean stream) {
		BaseChatRequest chatRequest = (v1Chat != null) ? OciChatV1Translator.toOci(v1Chat, stream)
				: new CohereV2ChatRequest(OciChatV2Translator.toOci(request, stream));
		return ChatDetails.builder()
			.compartmentId(this.compartmentId)
			.servingMode(servingMode(model))
			.chatRequest(chatRequest)
			.build();
	}

	private static com.oracle.bmc.generativeaiinference.requests.ChatRequest chatRequest(ChatDetails details) {
		return com.oracle.bmc.generativeaiinference.requests.ChatRequest.builder().chatDetails(details).build();
	}

	private InputStream openStream(ChatDetails details) {
		try {
			com.oracle.bmc.generativeaiinference.responses.ChatResponse response = this.client
				.chat(chatRequest(details));
			InputStream stream = response.getEventStream();
			if (stream == null) {
				throw new CohereMalformedResponseException(
						"OCI Generative AI answered a streaming chat call without an "
								+ "event stream [opc-request-id: " + response.getOpcRequestId() + "]",
						String.valueOf(response.getChatResult()), null);
			}
			return stream;
		}
		catch (BmcException ex) {
			throw OciErrors.translate("POST /actions/chat (stream)", ex);
		}
	}

	private static Flux<ServerSentEvent> events(InputStream stream) {
		ServerSentEventDecoder decoder = new ServerSentEventDecoder();
		byte[] buffer = new byte[8192];
		return Flux.<List<ServerSentEvent>>generate((sink) -> {
			try {
				int read = stream.read(buffer);
				if (read < 0) {
					sink.complete();
				}
				else {
					sink.next(decoder.decode(ByteBuffer.wrap(buffer, 0, read)));
				}
			}
			catch (IOException ex) {
				sink.error(new CohereNetworkException("The OCI chat stream was cut while reading: " + ex.getMessage(),
						ex));
			}
		}).concatMapIterable((events) -> events).doFinally((signal) -> closeQuietly(stream));
	}

	private static void closeQuietly(InputStream stream) {
		try {
			stream.close();
		}
		catch (IOException ex) {
			// the stream is finished either way; a failure to release it changes nothing
			// for the caller
		}
	}

	private static JsonNode parse(ServerSentEvent event) {
		try {
			JsonNode node = OciJson.MAPPER.readTree(event.data());
			if (node == null || !node.isObject()) {
				throw new IllegalArgumentException("not a JSON object");
			}
			return node;
		}
		catch (JacksonException | IllegalArgumentException ex) {
			throw new CohereMalformedResponseException("An event of the OCI chat stream is not a JSON object ("
					+ ex.getMessage() + "): " + shorten(event.data()), event.data(), ex);
		}
	}

	private static String shorten(String text) {
		String stripped = text.strip();
		return (stripped.length() <= 500) ? stripped : stripped.substring(0, 500) + "…";
	}

	private static EmbedTextDetails.Truncate truncate(Truncate truncate) {
		if (Truncate.NONE.equals(truncate)) {
			return EmbedTextDetails.Truncate.None;
		}
		if (Truncate.START.equals(truncate)) {
			return EmbedTextDetails.Truncate.Start;
		}
		if (Truncate.END.equals(truncate)) {
			return EmbedTextDetails.Truncate.End;
		}
		throw new IllegalArgumentException("Unknown truncate value '" + truncate.value() + "'; use NONE, START or END");
	}

	private <T> T call(String call, Supplier<T> operation) {
		return this.retryPolicy.execute(() -> {
			try {
				return operation.get();
			}
			catch (BmcException ex) {
				throw OciErrors.translate(call, ex);
			}
		});
	}

}
