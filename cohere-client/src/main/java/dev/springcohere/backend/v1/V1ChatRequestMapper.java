package dev.springcohere.backend.v1;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import dev.springcohere.api.AssistantMessage;
import dev.springcohere.api.ChatDocument;
import dev.springcohere.api.ChatMessage;
import dev.springcohere.api.ChatRequest;
import dev.springcohere.api.CitationMode;
import dev.springcohere.api.ContentBlock;
import dev.springcohere.api.Document;
import dev.springcohere.api.DocumentContent;
import dev.springcohere.api.MessageContent;
import dev.springcohere.api.ResponseFormat;
import dev.springcohere.api.ResponseFormatType;
import dev.springcohere.api.SafetyMode;
import dev.springcohere.api.SystemMessage;
import dev.springcohere.api.TextContent;
import dev.springcohere.api.TextDocument;
import dev.springcohere.api.ThinkingType;
import dev.springcohere.api.Tool;
import dev.springcohere.api.ToolCall;
import dev.springcohere.api.ToolMessage;
import dev.springcohere.api.UserMessage;
import dev.springcohere.api.v1.V1ChatRequest;
import dev.springcohere.api.v1.V1Message;
import dev.springcohere.api.v1.V1ResponseFormat;
import dev.springcohere.api.v1.V1Tool;
import dev.springcohere.api.v1.V1ToolCall;
import dev.springcohere.api.v1.V1ToolResult;

/**
 * Turns a v2 chat request into the typed v1 request, the one mapping every backend with a
 * v1 body shares (Bedrock and SageMaker serialize it, OCI's {@code COHERE} format
 * converts it to the OCI SDK's types).
 * <p>
 * Rules: system messages become the {@code preamble} (joined by a blank line); the last
 * message must be a user message (its text is the {@code message}) or a run of tool
 * messages (they become {@code tool_results} with an empty {@code message}); earlier
 * turns become the {@code chat_history} ({@code USER}, {@code CHATBOT} with its
 * {@code tool_calls}, {@code TOOL} with its {@code tool_results}); a model turn without
 * text carries its tool plan (v1 turns need a non-empty message). A tool message finds
 * its call (name and parameters) by id among earlier assistant messages. Tool output text
 * that is a JSON object is sent as that object, a JSON array of objects as those objects,
 * other text as {@code {"output": text}}; document blocks as their data. Documents get
 * ids ({@code doc_0}, … unless they carry their own) so citations can point back; their
 * non-string fields are sent as JSON text, as the v1 {@code ChatDocument} (a map of
 * strings) requires. Tools map through {@link V1ToolParameters}. {@code response_format}
 * ({@code json_schema} becomes {@code schema}), {@code citation_options.mode} (as
 * {@code citation_quality}) and {@code safety_mode} ({@code OFF} becomes v1's
 * {@code NONE}) carry over; so do the sampling options.
 * <p>
 * What v1 cannot carry is rejected with an {@link IllegalArgumentException} naming the
 * fields and the target, never dropped: {@code thinking} (unless disabled),
 * {@code logprobs}, {@code strict_tools}, {@code tool_choice}, {@code priority}, and
 * non-text user content.
 *
 * @since 0.1.0
 */
public final class V1ChatRequestMapper {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private final JsonMapper mapper;

	/**
	 * Creates a mapper.
	 * @param mapper the JSON mapper that parses tool arguments and outputs
	 */
	public V1ChatRequestMapper(JsonMapper mapper) {
		this.mapper = Objects.requireNonNull(mapper, "'mapper' must not be null");
	}

	/**
	 * Maps a v2 request.
	 * @param request the v2 request
	 * @param target what the request goes to, for messages, such as
	 * {@code Bedrock model cohere.command-r-v1:0}
	 * @param remedy what the user can do instead when a field has no v1 form, appended to
	 * the message, such as {@code use a model that takes v2 bodies}
	 * @return the v1 request and the documents it carries
	 * @throws IllegalArgumentException when the request uses something v1 cannot carry
	 */
	public V1Chat toV1(ChatRequest request, String target, String remedy) {
		Objects.requireNonNull(request, "'request' must not be null");
		Objects.requireNonNull(target, "'target' must not be null");
		rejectUnsupported(request, target, remedy);
		List<ChatMessage> messages = request.messages();
		if (messages.isEmpty()) {
			throw new IllegalArgumentException("A chat request for " + target + " needs at least one message");
		}
		int end = messages.size();
		int lastTurn = end - 1;
		while (lastTurn > 0 && messages.get(lastTurn) instanceof SystemMessage) {
			lastTurn--;
		}
		int firstTrailingTool = lastTurn + 1;
		while (firstTrailingTool > 0 && messages.get(firstTrailingTool - 1) instanceof ToolMessage) {
			firstTrailingTool--;
		}
		ChatMessage last = messages.get(lastTurn);
		V1ChatRequest.Builder builder = V1ChatRequest.builder();
		int historyEnd;
		if (last instanceof UserMessage user) {
			builder.message(userText(user, target, remedy));
			historyEnd = lastTurn;
		}
		else if (last instanceof ToolMessage) {
			builder.message("");
			historyEnd = firstTrailingTool;
		}
		else {
			throw new IllegalArgumentException("The last message of a chat request for " + target + " must be a "
					+ "user message or tool results, got a " + last.role().value() + " message");
		}
		Map<String, ToolCall> toolCalls = new LinkedHashMap<>();
		List<String> preamble = new ArrayList<>();
		List<V1Message> history = new ArrayList<>();
		List<V1ToolResult> toolRun = new ArrayList<>();
		for (int i = 0; i < historyEnd; i++) {
			ChatMessage current = messages.get(i);
			if (current instanceof ToolMessage tool) {
				toolRun.add(toolResult(tool, toolCalls, target));
				continue;
			}
			flushToolRun(toolRun, history);
			if (current instanceof SystemMessage system) {
				preamble.add(system.text());
			}
			else if (current instanceof UserMessage user) {
				history.add(V1Message.user(userText(user, target, remedy)));
			}
			else if (current instanceof AssistantMessage assistant) {
				history.add(chatbotTurn(assistant, toolCalls));
			}
		}
		flushToolRun(toolRun, history);
		for (int i = historyEnd; i < end; i++) {
			if (messages.get(i) instanceof SystemMessage system) {
				preamble.add(system.text());
			}
		}
		builder.chatHistory(history);
		if (!preamble.isEmpty()) {
			builder.preamble(String.join("\n\n", preamble));
		}
		Map<String, JsonNode> documents = new LinkedHashMap<>();
		List<Map<String, String>> v1Documents = new ArrayList<>();
		int index = 0;
		for (ChatDocument document : request.documents()) {
			Map<String, String> v1 = v1Document(document, index++);
			ObjectNode json = NODES.objectNode();
			v1.forEach(json::put);
			documents.put(v1.get("id"), json);
			v1Documents.add(v1);
		}
		builder.documents(v1Documents);
		builder.tools(request.tools().stream().map((tool) -> v1Tool(tool, target)).toList());
		if (last instanceof ToolMessage) {
			List<V1ToolResult> results = new ArrayList<>();
			for (int i = firstTrailingTool; i <= lastTurn; i++) {
				results.add(toolResult((ToolMessage) messages.get(i), toolCalls, target));
			}
			builder.toolResults(results);
		}
		builder.citationQuality(citationQuality(request))
			.responseFormat(responseFormat(request.responseFormat()))
			.safetyMode(safetyMode(request.safetyMode()))
			.maxTokens(request.maxTokens())
			.temperature(request.temperature())
			.p(request.p())
			.k(request.k())
			.seed(request.seed())
			.stopSequences(request.stopSequences())
			.frequencyPenalty(request.frequencyPenalty())
			.presencePenalty(request.presencePenalty());
		return new V1Chat(builder.build(), documents);
	}

	private static void flushToolRun(List<V1ToolResult> toolRun, List<V1Message> history) {
		if (!toolRun.isEmpty()) {
			history.add(V1Message.tool(toolRun));
			toolRun.clear();
		}
	}

	private static void rejectUnsupported(ChatRequest request, String target, String remedy) {
		List<String> unsupported = new ArrayList<>();
		if (request.thinking() != null && !ThinkingType.DISABLED.equals(request.thinking().type())) {
			unsupported.add("'thinking'");
		}
		if (Boolean.TRUE.equals(request.logprobs())) {
			unsupported.add("'logprobs'");
		}
		if (Boolean.TRUE.equals(request.strictTools())) {
			unsupported.add("'strict_tools'");
		}
		if (request.toolChoice() != null) {
			unsupported.add("'tool_choice'");
		}
		if (request.priority() != null) {
			unsupported.add("'priority'");
		}
		if (!unsupported.isEmpty()) {
			throw new IllegalArgumentException("The Cohere v1 chat body used by " + target + " has no field for "
					+ String.join(", ", unsupported) + "; remove " + ((unsupported.size() == 1) ? "it" : "them")
					+ " from the request, or " + remedy);
		}
	}

	private static @Nullable String citationQuality(ChatRequest request) {
		if (request.citationOptions() == null) {
			return null;
		}
		CitationMode mode = request.citationOptions().mode();
		return (mode != null) ? mode.value() : null;
	}

	private static @Nullable V1ResponseFormat responseFormat(@Nullable ResponseFormat format) {
		if (format == null) {
			return null;
		}
		return ResponseFormatType.JSON_OBJECT.equals(format.type()) ? V1ResponseFormat.jsonObject(format.jsonSchema())
				: new V1ResponseFormat(format.type().value(), null);
	}

	private static @Nullable String safetyMode(@Nullable SafetyMode mode) {
		if (mode == null) {
			return null;
		}
		return SafetyMode.OFF.equals(mode) ? "NONE" : mode.value();
	}

	private static String userText(UserMessage user, String target, String remedy) {
		for (ContentBlock block : user.content().asBlocks()) {
			if (!(block instanceof TextContent)) {
				throw new IllegalArgumentException("The Cohere v1 chat body used by " + target + " takes text only, "
						+ "but a user message holds a '" + block.type().value() + "' block; send text, or " + remedy);
			}
		}
		return user.text();
	}

	private V1Message chatbotTurn(AssistantMessage assistant, Map<String, ToolCall> toolCalls) {
		String text = assistant.text();
		if (text.isEmpty() && assistant.toolPlan() != null) {
			text = assistant.toolPlan();
		}
		List<V1ToolCall> calls = new ArrayList<>();
		for (ToolCall call : assistant.toolCalls()) {
			if (call.id() != null) {
				toolCalls.put(call.id(), call);
			}
			calls.add(v1Call(call));
		}
		return V1Message.chatbot(text, calls);
	}

	private V1ToolCall v1Call(ToolCall call) {
		ToolCall.Function function = call.function();
		String name = (function != null) ? function.name() : null;
		if (name == null) {
			throw new IllegalArgumentException("A tool call of an assistant message has no function name: " + call);
		}
		String arguments = function.arguments();
		if (arguments == null || arguments.isBlank()) {
			return new V1ToolCall(name, null);
		}
		JsonNode parsed;
		try {
			parsed = this.mapper.readTree(arguments);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException(
					"The arguments of the tool call '" + name + "' are not valid JSON: " + arguments, ex);
		}
		if (!parsed.isObject()) {
			throw new IllegalArgumentException(
					"The arguments of the tool call '" + name + "' must be a JSON object, got: " + arguments);
		}
		return new V1ToolCall(name, parsed);
	}

	private V1ToolResult toolResult(ToolMessage tool, Map<String, ToolCall> toolCalls, String target) {
		ToolCall call = toolCalls.get(tool.toolCallId());
		if (call == null) {
			throw new IllegalArgumentException("A tool message for " + target + " answers the tool call id '"
					+ tool.toolCallId() + "', which no earlier assistant message made; v1 tool results need the call "
					+ "(name and parameters) they answer");
		}
		List<JsonNode> outputs = new ArrayList<>();
		MessageContent<?> content = tool.content();
		for (ContentBlock block : content.asBlocks()) {
			if (block instanceof TextContent text) {
				addOutputs(outputs, text.text());
			}
			else if (block instanceof DocumentContent document) {
				outputs.add(document.document().data());
			}
			else {
				throw new IllegalArgumentException("A tool message for " + target + " holds a '" + block.type().value()
						+ "' block; v1 tool results take text or documents");
			}
		}
		return new V1ToolResult(v1Call(call), outputs);
	}

	private void addOutputs(List<JsonNode> outputs, String text) {
		JsonNode parsed = parseOrNull(text);
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
		outputs.add(NODES.objectNode().put("output", text));
	}

	private @Nullable JsonNode parseOrNull(String text) {
		String trimmed = text.strip();
		if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) {
			return null;
		}
		try {
			return this.mapper.readTree(trimmed);
		}
		catch (JacksonException ex) {
			// text that only looks like JSON is sent as text
			return null;
		}
	}

	private static Map<String, String> v1Document(ChatDocument document, int index) {
		Map<String, String> v1 = new LinkedHashMap<>();
		if (document instanceof TextDocument text) {
			v1.put("id", "doc_" + index);
			v1.put("text", text.text());
			return v1;
		}
		Document structured = (Document) document;
		v1.put("id", (structured.id() != null) ? structured.id() : "doc_" + index);
		for (Map.Entry<String, JsonNode> field : structured.data().properties()) {
			if (!field.getKey().equals("id")) {
				JsonNode value = field.getValue();
				v1.put(field.getKey(), value.isString() ? value.asString() : value.toString());
			}
		}
		return v1;
	}

	private static V1Tool v1Tool(Tool tool, String target) {
		List<V1ToolParameters.Definition> parameters = V1ToolParameters.definitions(tool, target);
		Tool.Function function = Objects.requireNonNull(tool.function());
		Map<String, V1Tool.ParameterDefinition> definitions = new LinkedHashMap<>();
		for (V1ToolParameters.Definition parameter : parameters) {
			definitions.put(parameter.name(),
					new V1Tool.ParameterDefinition(parameter.description(), parameter.type(), parameter.required()));
		}
		return new V1Tool(function.name(), function.description(), definitions);
	}

}
