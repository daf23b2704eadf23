package dev.springcohere.backend.aws;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import dev.springcohere.api.AssistantContentBlock;
import dev.springcohere.api.AssistantMessage;
import dev.springcohere.api.ChatDocument;
import dev.springcohere.api.ChatMessage;
import dev.springcohere.api.ChatRequest;
import dev.springcohere.api.ChatResponse;
import dev.springcohere.api.Citation;
import dev.springcohere.api.CitationType;
import dev.springcohere.api.ContentBlock;
import dev.springcohere.api.Document;
import dev.springcohere.api.DocumentContent;
import dev.springcohere.api.DocumentSource;
import dev.springcohere.api.FinishReason;
import dev.springcohere.api.MessageContent;
import dev.springcohere.api.Source;
import dev.springcohere.api.SystemMessage;
import dev.springcohere.api.TextContent;
import dev.springcohere.api.TextDocument;
import dev.springcohere.api.Tool;
import dev.springcohere.backend.v1.V1ToolParameters;
import dev.springcohere.api.ToolCall;
import dev.springcohere.api.ToolMessage;
import dev.springcohere.api.ToolSource;
import dev.springcohere.api.Usage;
import dev.springcohere.api.UserMessage;
import dev.springcohere.api.error.CohereMalformedResponseException;

/**
 * Translates between Cohere's v2 chat vocabulary and the v1 chat body that Command R / R+
 * take on Amazon Bedrock and that Cohere's SageMaker containers take: {@code message},
 * {@code chat_history} ({@code USER}, {@code CHATBOT} and {@code TOOL} turns),
 * {@code preamble}, {@code documents}, {@code tools} with {@code parameter_definitions}
 * and {@code tool_results}; and back from the v1 answer ({@code text}, {@code citations}
 * with {@code document_ids}, {@code tool_calls}, {@code finish_reason}, {@code meta}).
 * <p>
 * Mapping rules: system messages become the {@code preamble}; the last message must be a
 * user message (its text is the {@code message}) or a run of tool messages (they become
 * {@code tool_results} with an empty {@code message}); earlier tool messages become
 * {@code TOOL} turns of the history. Documents get ids ({@code doc_0}, … unless they have
 * their own) so that citations can point back at them. v2 fields that the v1 body cannot
 * carry ({@code response_format}, {@code thinking}, {@code tool_choice}, …) and non-text
 * content are rejected with an {@link IllegalArgumentException} naming them, never
 * dropped.
 * <p>
 * Its length is the v2→v1 request mapping and the v1→v2 answer mapping, which change
 * together whenever Cohere's v1 body does; the tool parameters are mapped by the shared
 * {@link dev.springcohere.backend.v1.V1ToolParameters}.
 *
 * @since 0.1.0
 */
public final class CohereV1Chat {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private final JsonMapper mapper;

	/**
	 * Creates a translator.
	 * @param mapper the JSON mapper (configured like
	 * {@link dev.springcohere.api.CohereJson})
	 */
	public CohereV1Chat(JsonMapper mapper) {
		this.mapper = Objects.requireNonNull(mapper, "'mapper' must not be null");
	}

	/**
	 * A v1 body and the documents it carries, by the id sent (for mapping citations
	 * back).
	 *
	 * @param body the v1 chat body, without {@code model} and {@code stream}
	 * @param documents the documents sent, keyed by their id
	 */
	public record V1Request(ObjectNode body, Map<String, JsonNode> documents) {

		/**
		 * Checks the parts.
		 * @param body the body
		 * @param documents the documents
		 */
		public V1Request {
			Objects.requireNonNull(body, "'body' must not be null");
			documents = Map.copyOf(documents);
		}

	}

	/**
	 * Builds the v1 body of a v2 request.
	 * @param request the v2 request
	 * @param target the target for messages, such as
	 * {@code Bedrock model cohere.command-r-v1:0}
	 * @return the body and the documents it carries
	 * @throws IllegalArgumentException when the request uses something the v1 body cannot
	 * carry
	 */
	public V1Request toV1(ChatRequest request, String target) {
		Objects.requireNonNull(request, "'request' must not be null");
		rejectUnsupported(request, target);
		List<ChatMessage> messages = request.messages();
		if (messages.isEmpty()) {
			throw new IllegalArgumentException("A chat request for " + target + " needs at least one message");
		}
		int end = messages.size();
		int firstTrailingTool = end;
		while (firstTrailingTool > 0 && messages.get(firstTrailingTool - 1) instanceof ToolMessage) {
			firstTrailingTool--;
		}
		ChatMessage last = messages.get(end - 1);
		String message;
		int historyEnd;
		if (last instanceof UserMessage user) {
			message = userText(user, target);
			historyEnd = end - 1;
		}
		else if (last instanceof ToolMessage) {
			message = "";
			historyEnd = firstTrailingTool;
		}
		else {
			throw new IllegalArgumentException("The last message of a chat request for " + target + " must be a "
					+ "user message or tool results, got a " + last.role() + " message");
		}
		Map<String, ToolCall> toolCalls = new LinkedHashMap<>();
		List<String> preamble = new ArrayList<>();
		ArrayNode history = NODES.arrayNode();
		ArrayNode pendingToolResults = null;
		for (int i = 0; i < historyEnd; i++) {
			ChatMessage current = messages.get(i);
			if (!(current instanceof ToolMessage)) {
				pendingToolResults = null;
			}
			if (current instanceof SystemMessage system) {
				preamble.add(system.text());
			}
			else if (current instanceof UserMessage user) {
				ObjectNode turn = history.addObject();
				turn.put("role", "USER");
				turn.put("message", userText(user, target));
			}
			else if (current instanceof AssistantMessage assistant) {
				history.add(chatbotTurn(assistant, toolCalls));
			}
			else if (current instanceof ToolMessage tool) {
				if (pendingToolResults == null) {
					ObjectNode turn = history.addObject();
					turn.put("role", "TOOL");
					pendingToolResults = turn.putArray("tool_results");
				}
				pendingToolResults.add(toolResult(tool, toolCalls, target));
			}
		}
		for (int i = historyEnd; i < end; i++) {
			if (messages.get(i) instanceof SystemMessage system) {
				preamble.add(system.text());
			}
		}
		ObjectNode body = NODES.objectNode();
		body.put("message", message);
		if (!history.isEmpty()) {
			body.set("chat_history", history);
		}
		if (!preamble.isEmpty()) {
			body.put("preamble", String.join("\n\n", preamble));
		}
		Map<String, JsonNode> documents = new LinkedHashMap<>();
		if (!request.documents().isEmpty()) {
			ArrayNode array = body.putArray("documents");
			int index = 0;
			for (ChatDocument document : request.documents()) {
				ObjectNode v1 = v1Document(document, index++);
				documents.put(v1.get("id").asString(), v1);
				array.add(v1);
			}
		}
		if (!request.tools().isEmpty()) {
			ArrayNode tools = body.putArray("tools");
			for (Tool tool : request.tools()) {
				tools.add(v1Tool(tool, target));
			}
		}
		if (last instanceof ToolMessage) {
			ArrayNode results = body.putArray("tool_results");
			for (int i = firstTrailingTool; i < end; i++) {
				results.add(toolResult((ToolMessage) messages.get(i), toolCalls, target));
			}
		}
		putIfSet(body, "max_tokens", request.maxTokens());
		putIfSet(body, "temperature", request.temperature());
		putIfSet(body, "p", request.p());
		putIfSet(body, "k", request.k());
		putIfSet(body, "seed", request.seed());
		if (!request.stopSequences().isEmpty()) {
			ArrayNode stops = body.putArray("stop_sequences");
			request.stopSequences().forEach(stops::add);
		}
		putIfSet(body, "frequency_penalty", request.frequencyPenalty());
		putIfSet(body, "presence_penalty", request.presencePenalty());
		return new V1Request(body, documents);
	}

	private static void rejectUnsupported(ChatRequest request, String target) {
		List<String> unsupported = new ArrayList<>();
		if (request.responseFormat() != null) {
			unsupported.add("response_format");
		}
		if (request.thinking() != null) {
			unsupported.add("thinking");
		}
		if (Boolean.TRUE.equals(request.logprobs())) {
			unsupported.add("logprobs");
		}
		if (Boolean.TRUE.equals(request.strictTools())) {
			unsupported.add("strict_tools");
		}
		if (request.toolChoice() != null) {
			unsupported.add("tool_choice");
		}
		if (request.citationOptions() != null) {
			unsupported.add("citation_options");
		}
		if (request.safetyMode() != null) {
			unsupported.add("safety_mode");
		}
		if (request.priority() != null) {
			unsupported.add("priority");
		}
		if (!unsupported.isEmpty()) {
			throw new IllegalArgumentException("The Cohere v1 chat body used by " + target + " has no field for "
					+ String.join(", ", unsupported) + "; remove " + ((unsupported.size() == 1) ? "it" : "them")
					+ " from the request (or use a model that takes v2 bodies)");
		}
	}

	private static String userText(UserMessage user, String target) {
		for (ContentBlock block : user.content().asBlocks()) {
			if (!(block instanceof TextContent)) {
				throw new IllegalArgumentException("The Cohere v1 chat body used by " + target + " takes text only, "
						+ "but a user message holds a " + block.getClass().getSimpleName() + " block");
			}
		}
		return user.text();
	}

	private ObjectNode chatbotTurn(AssistantMessage assistant, Map<String, ToolCall> toolCalls) {
		ObjectNode turn = NODES.objectNode();
		turn.put("role", "CHATBOT");
		String text = assistant.text();
		if (text.isEmpty() && assistant.toolPlan() != null) {
			text = assistant.toolPlan();
		}
		turn.put("message", text);
		if (!assistant.toolCalls().isEmpty()) {
			ArrayNode calls = turn.putArray("tool_calls");
			for (ToolCall call : assistant.toolCalls()) {
				if (call.id() != null) {
					toolCalls.put(call.id(), call);
				}
				calls.add(v1Call(call));
			}
		}
		return turn;
	}

	private ObjectNode v1Call(ToolCall call) {
		ObjectNode v1 = NODES.objectNode();
		ToolCall.Function function = call.function();
		String name = (function != null) ? function.name() : null;
		if (name == null) {
			throw new IllegalArgumentException("A tool call of an assistant message has no function name: " + call);
		}
		v1.put("name", name);
		v1.set("parameters", arguments(name, (function.arguments() != null) ? function.arguments() : "{}"));
		return v1;
	}

	private JsonNode arguments(String name, String arguments) {
		if (arguments.isBlank()) {
			return NODES.objectNode();
		}
		try {
			JsonNode parsed = this.mapper.readTree(arguments);
			if (!parsed.isObject()) {
				throw new IllegalArgumentException(
						"The arguments of the tool call '" + name + "' must be a JSON " + "object, got: " + arguments);
			}
			return parsed;
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException(
					"The arguments of the tool call '" + name + "' are not valid JSON: " + arguments, ex);
		}
	}

	private ObjectNode toolResult(ToolMessage tool, Map<String, ToolCall> toolCalls, String target) {
		ToolCall call = toolCalls.get(tool.toolCallId());
		if (call == null) {
			throw new IllegalArgumentException("A tool message for " + target + " answers the tool call id '"
					+ tool.toolCallId() + "', which no earlier assistant message made; v1 tool results need the call "
					+ "(name and parameters) they answer");
		}
		ObjectNode result = NODES.objectNode();
		result.set("call", v1Call(call));
		ArrayNode outputs = result.putArray("outputs");
		MessageContent<?> content = tool.content();
		for (ContentBlock block : content.asBlocks()) {
			if (block instanceof TextContent text) {
				addOutputs(outputs, text.text());
			}
			else if (block instanceof DocumentContent document) {
				outputs.add(document.document().data());
			}
			else {
				throw new IllegalArgumentException("A tool message for " + target + " holds a "
						+ block.getClass().getSimpleName() + " block; v1 tool results take text or documents");
			}
		}
		return result;
	}

	private void addOutputs(ArrayNode outputs, String text) {
		try {
			JsonNode parsed = this.mapper.readTree(text);
			if (parsed != null && parsed.isObject()) {
				outputs.add(parsed);
				return;
			}
			if (parsed != null && parsed.isArray() && !parsed.isEmpty()) {
				boolean allObjects = true;
				for (JsonNode element : parsed) {
					allObjects &= element.isObject();
				}
				if (allObjects) {
					parsed.forEach(outputs::add);
					return;
				}
			}
		}
		catch (JacksonException ex) {
			// not JSON: sent as text below
		}
		outputs.addObject().put("output", text);
	}

	private static ObjectNode v1Document(ChatDocument document, int index) {
		ObjectNode v1 = NODES.objectNode();
		if (document instanceof TextDocument text) {
			v1.put("id", "doc_" + index);
			v1.put("text", text.text());
			return v1;
		}
		Document structured = (Document) document;
		v1.put("id", (structured.id() != null) ? structured.id() : "doc_" + index);
		for (Map.Entry<String, JsonNode> field : structured.data().properties()) {
			if (field.getKey().equals("id")) {
				continue;
			}
			JsonNode value = field.getValue();
			v1.put(field.getKey(), value.isString() ? value.asString() : value.toString());
		}
		return v1;
	}

	private static ObjectNode v1Tool(Tool tool, String target) {
		List<V1ToolParameters.Definition> parameters = V1ToolParameters.definitions(tool, target);
		Tool.Function function = Objects.requireNonNull(tool.function());
		ObjectNode v1 = NODES.objectNode();
		v1.put("name", function.name());
		if (function.description() != null) {
			v1.put("description", function.description());
		}
		ObjectNode definitions = v1.putObject("parameter_definitions");
		for (V1ToolParameters.Definition parameter : parameters) {
			ObjectNode definition = definitions.putObject(parameter.name());
			if (parameter.description() != null) {
				definition.put("description", parameter.description());
			}
			definition.put("type", parameter.type());
			definition.put("required", parameter.required());
		}
		return v1;
	}

	private static void putIfSet(ObjectNode body, String name, @Nullable Number value) {
		if (value instanceof Integer integer) {
			body.put(name, integer);
		}
		else if (value instanceof Long number) {
			body.put(name, number);
		}
		else if (value instanceof Double number) {
			body.put(name, number);
		}
	}

	/**
	 * Reads a v1 chat answer into a v2 response.
	 * @param json the v1 answer
	 * @param documents the documents sent, by id (from {@link V1Request#documents()})
	 * @param tokens token counts from elsewhere (such as Bedrock's headers), used when
	 * the answer has none
	 * @return the v2 response
	 * @throws CohereMalformedResponseException when the answer is not a v1 chat answer
	 */
	public ChatResponse fromV1(String json, Map<String, JsonNode> documents, Usage.@Nullable Tokens tokens) {
		JsonNode root;
		try {
			root = this.mapper.readTree(json);
		}
		catch (JacksonException ex) {
			throw new CohereMalformedResponseException("The chat answer is not JSON: " + ex.getOriginalMessage(), json,
					ex);
		}
		if (root == null || !root.isObject() || !(root.has("text") || root.has("tool_calls"))) {
			throw new CohereMalformedResponseException("The chat answer is not a Cohere v1 chat response (no 'text' "
					+ "or 'tool_calls'): " + shorten(json), json, null);
		}
		String id = text(root, "response_id");
		String generationId = text(root, "generation_id");
		if (id == null) {
			id = generationId;
		}
		List<ToolCall> toolCalls = toolCalls(root.path("tool_calls"), generationId);
		String text = root.path("text").asString("");
		List<Citation> citations = citations(root.path("citations"), documents);
		AssistantMessage message;
		if (!toolCalls.isEmpty()) {
			message = new AssistantMessage(toolCalls, text.isEmpty() ? null : text, null, citations);
		}
		else {
			message = new AssistantMessage(null, null,
					MessageContent.<AssistantContentBlock>of(List.of(new TextContent(text))), citations);
		}
		FinishReason finishReason = finishReason(text(root, "finish_reason"), !toolCalls.isEmpty());
		return new ChatResponse(id, finishReason, message, usage(root.path("meta"), tokens), null);
	}

	/**
	 * Reads the tool calls of a v1 answer or stream event.
	 * @param calls the {@code tool_calls} array
	 * @param generationId the generation id, to make call ids unique, or {@code null}
	 * @return the v2 tool calls, with ids {@code <generation>_<index>} (v1 calls have no
	 * ids)
	 */
	List<ToolCall> toolCalls(JsonNode calls, @Nullable String generationId) {
		List<ToolCall> result = new ArrayList<>();
		int index = 0;
		for (JsonNode call : calls) {
			String name = call.path("name").asString("");
			JsonNode parameters = call.get("parameters");
			String arguments = (parameters != null && !parameters.isNull()) ? parameters.toString() : "{}";
			String prefix = (generationId != null) ? generationId : "call";
			result.add(ToolCall.of(prefix + "_" + index++, name, arguments));
		}
		return result;
	}

	/**
	 * Reads v1 citations.
	 * @param citations the {@code citations} array
	 * @param documents the documents sent, by id
	 * @return the v2 citations: ids of documents sent become document sources, other ids
	 * (tool results) tool sources
	 */
	static List<Citation> citations(JsonNode citations, Map<String, JsonNode> documents) {
		List<Citation> result = new ArrayList<>();
		for (JsonNode citation : citations) {
			List<Source> sources = new ArrayList<>();
			for (JsonNode documentId : citation.path("document_ids")) {
				String id = documentId.asString();
				JsonNode document = documents.get(id);
				sources.add((document != null || id.startsWith("doc_")) ? new DocumentSource(id, document)
						: new ToolSource(id, null));
			}
			result.add(new Citation(integer(citation, "start"), integer(citation, "end"), text(citation, "text"),
					sources, 0, CitationType.TEXT_CONTENT));
		}
		return result;
	}

	/**
	 * Maps a v1 finish reason.
	 * @param v1 the v1 reason, or {@code null}
	 * @param toolCalls whether the answer made tool calls
	 * @return the v2 reason: {@code COMPLETE} with tool calls becomes {@code TOOL_CALL},
	 * the v1 error reasons ({@code ERROR_TOXIC}, {@code ERROR_LIMIT}) become
	 * {@code ERROR}, others are kept
	 */
	static @Nullable FinishReason finishReason(@Nullable String v1, boolean toolCalls) {
		if (v1 == null || v1.isBlank()) {
			return toolCalls ? FinishReason.TOOL_CALL : null;
		}
		if (v1.startsWith("ERROR")) {
			return FinishReason.ERROR;
		}
		if (toolCalls && v1.equals("COMPLETE")) {
			return FinishReason.TOOL_CALL;
		}
		return FinishReason.of(v1);
	}

	/**
	 * Reads the usage of a v1 {@code meta} object.
	 * @param meta the {@code meta} node (possibly missing)
	 * @param tokens token counts to use when {@code meta} has no {@code tokens}, or
	 * {@code null}
	 * @return the usage, or {@code null} when nothing is known
	 */
	static @Nullable Usage usage(JsonNode meta, Usage.@Nullable Tokens tokens) {
		JsonNode billed = meta.path("billed_units");
		Usage.BilledUnits billedUnits = billed.isObject()
				? new Usage.BilledUnits(number(billed, "input_tokens"), number(billed, "output_tokens"), null, null)
				: null;
		JsonNode tokenNode = meta.path("tokens");
		Usage.Tokens counted = tokenNode.isObject()
				? new Usage.Tokens(number(tokenNode, "input_tokens"), number(tokenNode, "output_tokens")) : tokens;
		if (counted == null && billedUnits != null) {
			counted = new Usage.Tokens(billedUnits.inputTokens(), billedUnits.outputTokens());
		}
		return (billedUnits == null && counted == null) ? null : new Usage(billedUnits, counted, null);
	}

	static @Nullable String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value != null && value.isString()) ? value.asString() : null;
	}

	private static @Nullable Integer integer(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value != null && value.isNumber()) ? value.asInt() : null;
	}

	static @Nullable Double number(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value != null && value.isNumber()) ? value.asDouble() : null;
	}

	static String shorten(String text) {
		String stripped = text.strip();
		return (stripped.length() <= 500) ? stripped : stripped.substring(0, 500) + "…";
	}

}
