package dev.springcohere.sample.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import dev.springcohere.agent.AgentResult;
import dev.springcohere.agent.CohereAgent;
import dev.springcohere.api.ChatDocument;
import dev.springcohere.api.ChatRequest;
import dev.springcohere.api.ChatResponse;
import dev.springcohere.api.Citation;
import dev.springcohere.api.Document;
import dev.springcohere.api.DocumentSource;
import dev.springcohere.api.EmbedInputType;
import dev.springcohere.api.EmbedRequest;
import dev.springcohere.api.EmbedResponse;
import dev.springcohere.api.EmbeddingType;
import dev.springcohere.api.RerankRequest;
import dev.springcohere.api.RerankResponse;
import dev.springcohere.api.Source;
import dev.springcohere.api.ToolSource;
import dev.springcohere.api.Usage;
import dev.springcohere.api.UserMessage;
import dev.springcohere.api.error.CohereException;
import dev.springcohere.client.CohereClient;
import dev.springcohere.structured.StructuredChat;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.scheduler.Schedulers;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The REST API of the quickstart and the local engine sample: embed
 * ({@code POST /embed}), rerank ({@code POST /rerank}), an agent over the application's
 * {@code @CohereTool} beans ({@code POST /agent}) and structured extraction
 * ({@code POST /extract}), plus what a subclass needs for its own chat endpoints (their
 * request bodies differ between the samples): {@link #answer} and {@link #stream}. A
 * subclass is annotated {@code @RestController} and {@code @RequestMapping("/api")}.
 */
public abstract class CohereApiController {

	private static final Duration STREAM_TIMEOUT = Duration.ofMinutes(5);

	private static final Log logger = LogFactory.getLog(CohereApiController.class);

	private final CohereAccess cohere;

	private final JsonMapper jsonMapper;

	private final SampleLimits limits;

	private final SampleAgent agent;

	/**
	 * Creates the controller.
	 * @param cohere access to the client and the tools
	 * @param jsonMapper the mapper used to read tool call arguments
	 * @param limits the bounds on what a request may carry
	 * @param agent the agent of {@code POST /agent}
	 */
	protected CohereApiController(CohereAccess cohere, JsonMapper jsonMapper, SampleLimits limits, SampleAgent agent) {
		this.cohere = cohere;
		this.jsonMapper = jsonMapper;
		this.limits = limits;
		this.agent = agent;
	}

	/**
	 * A document the answer may cite.
	 *
	 * @param id the document's id, echoed in citations
	 * @param text the document's text
	 */
	public record DocumentIn(@Nullable String id, @Nullable String text) {
	}

	/**
	 * A citation of the answer.
	 *
	 * @param start the start offset in the answer text
	 * @param end the end offset in the answer text
	 * @param text the cited span of the answer
	 * @param sources ids of the cited documents or tool results
	 */
	public record CitationOut(@Nullable Integer start, @Nullable Integer end, @Nullable String text,
			List<String> sources) {
	}

	/**
	 * A chat answer.
	 *
	 * @param text the answer's text
	 * @param citations its citations
	 * @param finishReason why generation stopped
	 * @param usage billed units and tokens
	 */
	public record ChatOut(String text, List<CitationOut> citations, @Nullable String finishReason,
			@Nullable Usage usage) {
	}

	/**
	 * Chats once, grounded in the given documents; for the subclass's {@code POST /chat}.
	 * @param message the user's message
	 * @param documents documents to ground the answer in, may be absent
	 * @param options sets the request's further options (such as {@code maxTokens}) or
	 * checks them; called after the client was obtained
	 * @return the answer with its citations
	 * @throws ApiException with status 400 when the message or a document's text is
	 * blank, 503 when Cohere is not configured
	 */
	protected ChatOut answer(@Nullable String message, @Nullable List<DocumentIn> documents,
			UnaryOperator<ChatRequest.Builder> options) {
		String text = ApiException.requireText(message, "message");
		ApiException.requireAtMost(documents, "documents", this.limits.getMaxItems());
		List<ChatDocument> chatDocuments = (documents != null) ? documents.stream().map(this::document).toList()
				: List.of();
		CohereClient client = this.cohere.client();
		ChatRequest request = options
			.apply(ChatRequest.builder()
				.messages(UserMessage.of(text))
				.documents(chatDocuments.isEmpty() ? null : chatDocuments))
			.build();
		ChatResponse response = client.chat(request);
		List<CitationOut> citations = response.citations().stream().map(CohereApiController::citation).toList();
		return new ChatOut(response.text(), citations,
				(response.finishReason() != null) ? response.finishReason().value() : null, response.usage());
	}

	/**
	 * Streams a chat answer as server-sent events: one {@code data:} event per text
	 * delta, then {@code event: end}; for the subclass's {@code GET /chat/stream}.
	 * @param message the user's message
	 * @param options sets the request's further options (such as {@code maxTokens}) or
	 * checks them; called before the client is obtained
	 * @return the event stream
	 * @throws ApiException with status 400 when the message is blank, 503 when Cohere is
	 * not configured
	 */
	protected SseEmitter stream(@Nullable String message, UnaryOperator<ChatRequest.Builder> options) {
		String text = ApiException.requireText(message, "message");
		ChatRequest request = options.apply(ChatRequest.builder().messages(UserMessage.of(text))).build();
		CohereClient client = this.cohere.client();
		SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT.toMillis());
		Disposable subscription = client.chatStreamText(request)
			.subscribeOn(Schedulers.boundedElastic())
			.subscribe((delta) -> send(emitter, textEvent(delta)), (ex) -> fail(emitter, ex), () -> {
				send(emitter, SseEmitter.event().name("end").data(""));
				emitter.complete();
			});
		emitter.onCompletion(subscription::dispose);
		emitter.onTimeout(subscription::dispose);
		emitter.onError((ex) -> subscription.dispose());
		return emitter;
	}

	/**
	 * An embed request.
	 *
	 * @param texts the texts to embed
	 * @param inputType the input type, {@code search_document} when absent
	 */
	public record EmbedIn(@Nullable List<String> texts, @Nullable String inputType) {
	}

	/**
	 * Float embeddings, one per text.
	 *
	 * @param embeddings the embeddings
	 */
	public record EmbedOut(List<List<Double>> embeddings) {
	}

	/**
	 * Embeds texts.
	 * @param in the request
	 * @return one float embedding per text, in order
	 */
	@PostMapping("/embed")
	public EmbedOut embed(@RequestBody EmbedIn in) {
		List<String> texts = ApiException.requireTexts(in.texts(), "texts");
		ApiException.requireAtMost(texts, "texts", this.limits.getMaxItems());
		String inputType = (in.inputType() != null && !in.inputType().isBlank()) ? in.inputType() : "search_document";
		EmbedResponse response = this.cohere.client()
			.embed(EmbedRequest.builder()
				.texts(texts)
				.inputType(EmbedInputType.of(inputType))
				.embeddingTypes(EmbeddingType.FLOAT)
				.build());
		return new EmbedOut(response.embeddings().floats());
	}

	/**
	 * A rerank request.
	 *
	 * @param query the query
	 * @param documents the documents to rank
	 * @param topN how many results to return, all when absent
	 */
	public record RerankIn(@Nullable String query, @Nullable List<String> documents, @Nullable Integer topN) {
	}

	/**
	 * A ranked document.
	 *
	 * @param index its index in the request's documents
	 * @param relevanceScore its relevance to the query
	 */
	public record RerankResult(int index, double relevanceScore) {
	}

	/**
	 * Ranked documents, most relevant first.
	 *
	 * @param results the results
	 */
	public record RerankOut(List<RerankResult> results) {
	}

	/**
	 * Ranks documents by relevance to a query.
	 * @param in the request
	 * @return the ranked documents
	 */
	@PostMapping("/rerank")
	public RerankOut rerank(@RequestBody RerankIn in) {
		String query = ApiException.requireText(in.query(), "query");
		List<String> documents = ApiException.requireTexts(in.documents(), "documents");
		ApiException.requireAtMost(documents, "documents", this.limits.getMaxItems());
		if (in.topN() != null && in.topN() < 1) {
			throw ApiException.badField("topN", "must be 1 or more when given");
		}
		RerankResponse response = this.cohere.client()
			.rerank(RerankRequest.builder().query(query).documents(documents).topN(in.topN()).build());
		return new RerankOut(response.results()
			.stream()
			.map((result) -> new RerankResult(result.index(), result.relevanceScore()))
			.toList());
	}

	/**
	 * An agent request.
	 *
	 * @param message the user's message
	 */
	public record AgentIn(@Nullable String message) {
	}

	/**
	 * A tool call of the agent.
	 *
	 * @param id the call's id (what {@code POST /agent/confirm} approves)
	 * @param name the tool's name
	 * @param arguments its arguments
	 */
	public record ToolCallOut(@Nullable String id, @Nullable String name, JsonNode arguments) {
	}

	/**
	 * Tool calls that wait for a person's approval before they run.
	 *
	 * @param id what to send to {@code POST /agent/confirm} as {@code pendingId}
	 * @param calls the calls that need approval
	 * @param expiresAt until when the run can be confirmed
	 */
	public record PendingOut(String id, List<ToolCallOut> calls, Instant expiresAt) {
	}

	/**
	 * The agent's answer, or the calls it waits to have approved.
	 *
	 * @param text the final answer (the model's plan while calls wait for approval)
	 * @param toolCalls the tool calls executed on the way, in order
	 * @param pending the calls waiting for approval, absent when the run finished
	 */
	public record AgentOut(String text, List<ToolCallOut> toolCalls, @Nullable PendingOut pending) {
	}

	/**
	 * Approval of the tool calls of a pending run.
	 *
	 * @param pendingId the id of the pending run
	 * @param approve the ids of the calls approved; the other pending calls are declined
	 */
	public record ConfirmIn(@Nullable String pendingId, @Nullable List<String> approve) {
	}

	/**
	 * Answers with the application's {@code @CohereTool} methods offered to the model
	 * with {@code strict_tools}.
	 * @param in the request
	 * @return the answer and the executed tool calls
	 */
	@PostMapping("/agent")
	public AgentOut agent(@RequestBody AgentIn in) {
		String message = ApiException.requireText(in.message(), "message");
		return agentOut(this.agent.run(message));
	}

	/**
	 * Goes on with an agent run that waits for approval of tool calls: runs the approved
	 * ones and tells the model the others were declined.
	 * @param in the pending run's id and the approved call ids
	 * @return the answer, or calls waiting for approval again
	 */
	@PostMapping("/agent/confirm")
	public AgentOut confirm(@RequestBody ConfirmIn in) {
		String pendingId = ApiException.requireText(in.pendingId(), "pendingId");
		List<String> approve = (in.approve() != null) ? in.approve() : List.of();
		ApiException.requireAtMost(approve, "approve", this.limits.getMaxItems());
		return agentOut(this.agent.confirm(pendingId, new LinkedHashSet<>(approve)));
	}

	private AgentOut agentOut(SampleAgent.Outcome outcome) {
		AgentResult result = outcome.result();
		List<ToolCallOut> calls = result.toolExecutions()
			.stream()
			.map((execution) -> toolCallOut(execution.call()))
			.toList();
		if (outcome.pendingId() == null || outcome.expiresAt() == null) {
			return new AgentOut(result.text(), calls, null);
		}
		String plan = result.response().message().toolPlan();
		List<ToolCallOut> awaiting = result.awaitingConfirmation().stream().map(this::toolCallOut).toList();
		return new AgentOut((plan != null) ? plan : "", calls,
				new PendingOut(outcome.pendingId(), awaiting, outcome.expiresAt()));
	}

	private ToolCallOut toolCallOut(dev.springcohere.api.ToolCall call) {
		dev.springcohere.api.ToolCall.Function function = call.function();
		return new ToolCallOut(call.id(), (function != null) ? function.name() : null, arguments(function));
	}

	/**
	 * An extraction request.
	 *
	 * @param text the free text to extract a contact from
	 */
	public record ExtractIn(@Nullable String text) {
	}

	/**
	 * Extracts contact details from free text as a {@code @StructuredOutput} record.
	 * @param in the request
	 * @return the contact
	 */
	@PostMapping("/extract")
	public Contact extract(@RequestBody ExtractIn in) {
		String text = ApiException.requireText(in.text(), "text");
		ChatRequest request = ChatRequest.builder()
			.messages(UserMessage.of("Extract the contact details from this text:\n\n" + text))
			.build();
		return StructuredChat.of(this.cohere.client()).entity(request, Contact.class);
	}

	private ChatDocument document(DocumentIn in) {
		String text = ApiException.requireText(in.text(), "documents[].text");
		return Document.of(in.id(), Map.of("text", text));
	}

	private JsonNode arguments(dev.springcohere.api.ToolCall.@Nullable Function function) {
		String json = (function != null) ? function.arguments() : null;
		if (json == null || json.isBlank()) {
			return this.jsonMapper.createObjectNode();
		}
		try {
			return this.jsonMapper.readTree(json);
		}
		catch (JacksonException ex) {
			// the model sent arguments that are not JSON: the tool did not run (its
			// result told the
			// model so); report them as the text they were
			return this.jsonMapper.getNodeFactory().stringNode(json);
		}
	}

	private static CitationOut citation(Citation citation) {
		List<String> sources = citation.sources().stream().map(CohereApiController::sourceId).toList();
		return new CitationOut(citation.start(), citation.end(), citation.text(), sources);
	}

	private static String sourceId(Source source) {
		String id = null;
		if (source instanceof DocumentSource document) {
			id = document.id();
		}
		else if (source instanceof ToolSource tool) {
			id = tool.id();
		}
		return (id != null) ? id : "";
	}

	/**
	 * One text delta as an SSE event that every SSE client reads back exactly: each line
	 * of the text is a {@code data:} line whose value starts after one space (SSE readers
	 * drop exactly one), so leading spaces and blank lines survive; a carriage return
	 * cannot travel in SSE text and arrives as a line break.
	 */
	static SseEmitter.SseEventBuilder textEvent(String text) {
		SseEmitter.SseEventBuilder event = SseEmitter.event();
		for (String line : text.split("\r\n|\r|\n", -1)) {
			event.data(" " + line);
		}
		return event;
	}

	/**
	 * Ends a stream that failed: an {@code event: error} whose data is {@code {"error":
	 * "..."}}, then the end of the response (the status is already sent), and one log
	 * line.
	 */
	private void fail(SseEmitter emitter, Throwable ex) {
		logger.warn("Chat stream failed: " + ex);
		try {
			emitter.send(SseEmitter.event()
				.name("error")
				.data(" " + this.jsonMapper.writeValueAsString(Map.of("error", (ex instanceof CohereException)
						? "Cohere call failed: " + ex.getMessage() : String.valueOf(ex.getMessage())))));
			emitter.complete();
		}
		catch (IOException | RuntimeException sendFailure) {
			emitter.completeWithError(sendFailure);
		}
	}

	private static void send(SseEmitter emitter, SseEmitter.SseEventBuilder event) {
		try {
			emitter.send(event);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
