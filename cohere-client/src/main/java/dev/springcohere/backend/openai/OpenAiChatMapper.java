package dev.springcohere.backend.openai;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
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
import dev.springcohere.api.CitationMode;
import dev.springcohere.api.ContentBlock;
import dev.springcohere.api.Document;
import dev.springcohere.api.DocumentContent;
import dev.springcohere.api.FinishReason;
import dev.springcohere.api.ImageUrlContent;
import dev.springcohere.api.MessageContent;
import dev.springcohere.api.ResponseFormat;
import dev.springcohere.api.ResponseFormatType;
import dev.springcohere.api.SystemMessage;
import dev.springcohere.api.TextContent;
import dev.springcohere.api.TextDocument;
import dev.springcohere.api.ThinkingContent;
import dev.springcohere.api.ThinkingType;
import dev.springcohere.api.Tool;
import dev.springcohere.api.ToolCall;
import dev.springcohere.api.ToolChoice;
import dev.springcohere.api.ToolMessage;
import dev.springcohere.api.Usage;
import dev.springcohere.api.UserMessage;

/**
 * Translates Cohere v2 chat requests into OpenAI Chat Completions bodies and OpenAI
 * answers back into v2 responses. Fields the OpenAI format cannot carry are emulated
 * ({@code documents} are rendered into the system prompt) or rejected with an
 * {@link UnsupportedRequestFieldException}; nothing is dropped silently except what the
 * model produced itself and only Cohere's API reads back (assistant thinking blocks and
 * citations).
 */
final class OpenAiChatMapper {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private static final Pattern SCHEMA_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

	private final String backendId;

	private final OpenAiRoutes routes;

	private final JsonMapper mapper;

	OpenAiChatMapper(String backendId, OpenAiRoutes routes, JsonMapper mapper) {
		this.backendId = backendId;
		this.routes = routes;
		this.mapper = mapper;
	}

	ObjectNode toRequest(ChatRequest request, boolean stream) {
		Objects.requireNonNull(request, "'request' must not be null");
		rejectUnsupported(request);
		ObjectNode body = NODES.objectNode();
		if (request.model() != null) {
			body.put("model", request.model());
		}
		body.set("messages", messages(request));
		if (!request.tools().isEmpty()) {
			body.set("tools", tools(request.tools(), Boolean.TRUE.equals(request.strictTools())));
		}
		if (request.toolChoice() != null) {
			body.put("tool_choice", toolChoice(request.toolChoice()));
		}
		if (request.responseFormat() != null) {
			body.set("response_format", responseFormat(request.responseFormat()));
		}
		if (request.maxTokens() != null) {
			body.put("max_tokens", request.maxTokens());
		}
		if (!request.stopSequences().isEmpty()) {
			ArrayNode stop = body.putArray("stop");
			request.stopSequences().forEach(stop::add);
		}
		if (request.temperature() != null) {
			body.put("temperature", request.temperature());
		}
		if (request.p() != null) {
			body.put("top_p", request.p());
		}
		if (request.k() != null) {
			body.put("top_k", request.k());
		}
		if (request.seed() != null) {
			body.put("seed", request.seed());
		}
		if (request.frequencyPenalty() != null) {
			body.put("frequency_penalty", request.frequencyPenalty());
		}
		if (request.presencePenalty() != null) {
			body.put("presence_penalty", request.presencePenalty());
		}
		if (request.thinking() != null) {
			body.put("reasoning_effort", ThinkingType.DISABLED.equals(request.thinking().type()) ? "none" : "high");
		}
		if (request.priority() != null) {
			body.put("priority", request.priority());
		}
		if (stream) {
			body.put("stream", true);
			body.putObject("stream_options").put("include_usage", true);
		}
		return body;
	}

	private void rejectUnsupported(ChatRequest request) {
		if (request.safetyMode() != null) {
			throw reject("safety_mode", "the OpenAI format has no safety modes; remove 'safetyMode' from the request"
					+ " (and the property 'cohere.chat.safety-mode'), or use the platform backend");
		}
		CitationMode citations = (request.citationOptions() != null) ? request.citationOptions().mode() : null;
		if (citations != null && !CitationMode.OFF.equals(citations) && !CitationMode.DISABLED.equals(citations)) {
			throw reject("citation_options", "the OpenAI format returns no citations (documents are rendered into the"
					+ " system prompt instead); remove 'citationOptions' or set its mode to OFF");
		}
		if (Boolean.TRUE.equals(request.logprobs())) {
			throw reject("logprobs", "log probabilities are not mapped back from the OpenAI format; remove 'logprobs'");
		}
		if (request.thinking() != null && request.thinking().tokenBudget() != null) {
			throw reject("thinking.token_budget", "the OpenAI format only has 'reasoning_effort' (thinking enabled"
					+ " maps to 'high', disabled to 'none'); remove the token budget");
		}
		if (!this.routes.samplingExtensions() && request.k() != null) {
			throw reject("k", "this server takes no top-k sampling; use 'p' (top_p) instead");
		}
		if (!this.routes.samplingExtensions() && request.priority() != null) {
			throw reject("priority", "this server takes no request priority; remove 'priority'");
		}
	}

	private ArrayNode messages(ChatRequest request) {
		ArrayNode messages = NODES.arrayNode();
		String documents = renderDocuments(request.documents());
		boolean documentsPlaced = (documents == null);
		List<ChatMessage> conversation = request.messages();
		for (int i = 0; i < conversation.size(); i++) {
			ChatMessage message = conversation.get(i);
			String where = "messages[" + i + "]";
			if (message instanceof SystemMessage system) {
				String text = systemText(system, where);
				if (!documentsPlaced) {
					text = text + "\n\n" + documents;
					documentsPlaced = true;
				}
				messages.addObject().put("role", "system").put("content", text);
			}
			else {
				if (!documentsPlaced) {
					messages.addObject().put("role", "system").put("content", documents);
					documentsPlaced = true;
				}
				messages.add(message(message, where));
			}
		}
		if (!documentsPlaced) {
			messages.addObject().put("role", "system").put("content", documents);
		}
		return messages;
	}

	private ObjectNode message(ChatMessage message, String where) {
		ObjectNode node = NODES.objectNode();
		if (message instanceof UserMessage user) {
			node.put("role", "user");
			userContent(node, user.content(), where);
		}
		else if (message instanceof AssistantMessage assistant) {
			node.put("role", "assistant");
			String text = assistantText(assistant, where);
			if (text.isEmpty() && assistant.toolPlan() != null) {
				text = assistant.toolPlan();
			}
			if (!text.isEmpty() || assistant.toolCalls().isEmpty()) {
				node.put("content", text);
			}
			else {
				node.putNull("content");
			}
			if (!assistant.toolCalls().isEmpty()) {
				ArrayNode calls = node.putArray("tool_calls");
				for (int i = 0; i < assistant.toolCalls().size(); i++) {
					calls.add(toolCall(assistant.toolCalls().get(i), where + ".tool_calls[" + i + "]"));
				}
			}
		}
		else if (message instanceof ToolMessage tool) {
			node.put("role", "tool");
			node.put("tool_call_id", tool.toolCallId());
			node.put("content", toolText(tool.content(), where));
		}
		else {
			throw reject(where + ".role", "unknown role '" + message.role() + "'");
		}
		return node;
	}

	private String systemText(SystemMessage system, String where) {
		StringBuilder text = new StringBuilder();
		List<ContentBlock> blocks = system.content().asBlocks();
		for (int i = 0; i < blocks.size(); i++) {
			text.append(textOf(blocks.get(i), where + ".content[" + i + "]"));
		}
		return text.toString();
	}

	private void userContent(ObjectNode node, MessageContent<?> content, String where) {
		if (content instanceof MessageContent.Text<?> text) {
			node.put("content", text.text());
			return;
		}
		ArrayNode parts = node.putArray("content");
		List<ContentBlock> blocks = content.asBlocks();
		for (int i = 0; i < blocks.size(); i++) {
			ContentBlock block = blocks.get(i);
			if (block instanceof ImageUrlContent image) {
				ObjectNode url = parts.addObject().put("type", "image_url").putObject("image_url");
				url.put("url", image.imageUrl().url());
				if (image.imageUrl().detail() != null) {
					url.put("detail", image.imageUrl().detail().value());
				}
			}
			else {
				parts.addObject().put("type", "text").put("text", textOf(block, where + ".content[" + i + "]"));
			}
		}
	}

	private String assistantText(AssistantMessage assistant, String where) {
		if (assistant.content() == null) {
			return "";
		}
		StringBuilder text = new StringBuilder();
		List<ContentBlock> blocks = assistant.content().asBlocks();
		for (int i = 0; i < blocks.size(); i++) {
			ContentBlock block = blocks.get(i);
			if (!(block instanceof ThinkingContent)) {
				text.append(textOf(block, where + ".content[" + i + "]"));
			}
		}
		return text.toString();
	}

	private String toolText(MessageContent<?> content, String where) {
		if (content instanceof MessageContent.Text<?> text) {
			return text.text();
		}
		List<String> parts = new ArrayList<>();
		List<ContentBlock> blocks = content.asBlocks();
		for (int i = 0; i < blocks.size(); i++) {
			ContentBlock block = blocks.get(i);
			if (block instanceof DocumentContent document) {
				parts.add(documentJson(document.document()));
			}
			else {
				parts.add(textOf(block, where + ".content[" + i + "]"));
			}
		}
		return (parts.size() == 1) ? parts.get(0) : String.join("\n", parts);
	}

	private String textOf(ContentBlock block, String where) {
		if (block instanceof TextContent text) {
			return text.text();
		}
		throw reject(where, "content blocks of type '" + block.type() + "' have no OpenAI equivalent here; send text");
	}

	private ObjectNode toolCall(ToolCall call, String where) {
		if (call.id() == null || call.function() == null || call.function().name() == null) {
			throw reject(where, "an assistant tool call needs an id and a function name to be sent back");
		}
		ObjectNode node = NODES.objectNode();
		node.put("id", call.id());
		node.put("type", "function");
		ObjectNode function = node.putObject("function");
		function.put("name", call.function().name());
		function.put("arguments", (call.function().arguments() != null) ? call.function().arguments() : "{}");
		return node;
	}

	private ArrayNode tools(List<Tool> tools, boolean strict) {
		ArrayNode array = NODES.arrayNode();
		for (int i = 0; i < tools.size(); i++) {
			Tool tool = tools.get(i);
			if (!Tool.FUNCTION.equals(tool.type()) || tool.function() == null) {
				throw reject("tools[" + i + "]",
						"only tools of type 'function' exist in the OpenAI format, got '" + tool.type() + "'");
			}
			ObjectNode function = array.addObject().put("type", "function").putObject("function");
			function.put("name", tool.function().name());
			if (tool.function().description() != null) {
				function.put("description", tool.function().description());
			}
			function.set("parameters", tool.function().parameters());
			if (strict) {
				function.put("strict", true);
			}
		}
		return array;
	}

	private String toolChoice(ToolChoice choice) {
		if (ToolChoice.REQUIRED.equals(choice)) {
			return "required";
		}
		if (ToolChoice.NONE.equals(choice)) {
			return "none";
		}
		throw reject("tool_choice", "unknown value '" + choice + "'; use REQUIRED or NONE");
	}

	private ObjectNode responseFormat(ResponseFormat format) {
		ObjectNode node = NODES.objectNode();
		if (ResponseFormatType.TEXT.equals(format.type())) {
			return node.put("type", "text");
		}
		if (!ResponseFormatType.JSON_OBJECT.equals(format.type())) {
			throw reject("response_format.type", "unknown value '" + format.type() + "'; use text or json_object");
		}
		JsonNode schema = format.jsonSchema();
		if (schema == null) {
			return node.put("type", "json_object");
		}
		node.put("type", "json_schema");
		ObjectNode jsonSchema = node.putObject("json_schema");
		String title = schema.path("title").isString() ? schema.path("title").asString() : "";
		jsonSchema.put("name", SCHEMA_NAME.matcher(title).matches() ? title : "response");
		jsonSchema.set("schema", schema);
		jsonSchema.put("strict", true);
		return node;
	}

	private @Nullable String renderDocuments(List<ChatDocument> documents) {
		if (documents.isEmpty()) {
			return null;
		}
		StringBuilder text = new StringBuilder(
				"Use the following documents when they help to answer. Each one" + " starts with its id.");
		for (int i = 0; i < documents.size(); i++) {
			ChatDocument document = documents.get(i);
			text.append("\n\n");
			if (document instanceof Document structured) {
				String id = (structured.id() != null) ? structured.id() : "doc_" + i;
				text.append("Document ").append(id).append(":\n").append(documentJson(structured));
			}
			else {
				text.append("Document doc_").append(i).append(":\n").append(((TextDocument) document).text());
			}
		}
		return text.toString();
	}

	private String documentJson(Document document) {
		return this.mapper.writeValueAsString(document.data());
	}

	ChatResponse toResponse(JsonNode body) {
		JsonNode choices = body.path("choices");
		if (!choices.isArray() || choices.isEmpty()) {
			throw new IllegalArgumentException("it has no 'choices'");
		}
		JsonNode choice = choices.get(0);
		JsonNode message = choice.path("message");
		if (!message.isObject()) {
			throw new IllegalArgumentException("its first choice has no 'message'");
		}
		List<AssistantContentBlock> blocks = new ArrayList<>();
		String reasoning = reasoning(message);
		if (!reasoning.isEmpty()) {
			blocks.add(ThinkingContent.of(reasoning));
		}
		String text = contentText(message.path("content"));
		if (!text.isEmpty()) {
			blocks.add(TextContent.of(text));
		}
		List<ToolCall> calls = new ArrayList<>();
		for (JsonNode call : message.path("tool_calls")) {
			JsonNode function = call.path("function");
			JsonNode arguments = function.path("arguments");
			String argumentsText = arguments.isString() ? arguments.asString()
					: arguments.isObject() ? this.mapper.writeValueAsString(arguments) : null;
			calls.add(new ToolCall(string(call.path("id")), ToolCall.FUNCTION,
					new ToolCall.Function(string(function.path("name")), argumentsText)));
		}
		AssistantMessage assistant = new AssistantMessage(calls, null,
				blocks.isEmpty() ? null : MessageContent.of(blocks), null);
		String finish = string(choice.path("finish_reason"));
		return new ChatResponse(string(body.path("id")), (finish != null) ? finishReason(finish) : null, assistant,
				usage(body.path("usage")), null);
	}

	static String reasoning(JsonNode message) {
		JsonNode reasoning = message.path("reasoning_content");
		if (!reasoning.isString()) {
			reasoning = message.path("reasoning");
		}
		return reasoning.isString() ? reasoning.asString() : "";
	}

	private static String contentText(JsonNode content) {
		if (content.isString()) {
			return content.asString();
		}
		StringBuilder text = new StringBuilder();
		for (JsonNode part : content) {
			if (part.path("text").isString()) {
				text.append(part.path("text").asString());
			}
		}
		return text.toString();
	}

	static FinishReason finishReason(String reason) {
		return switch (reason.toLowerCase(Locale.ROOT)) {
			case "stop", "eos", "eos_token", "end_turn" -> FinishReason.COMPLETE;
			case "length", "max_tokens" -> FinishReason.MAX_TOKENS;
			case "tool_calls", "function_call" -> FinishReason.TOOL_CALL;
			case "content_filter", "error" -> FinishReason.ERROR;
			default -> FinishReason.of(reason.toUpperCase(Locale.ROOT));
		};
	}

	static @Nullable Usage usage(JsonNode usage) {
		if (!usage.isObject()) {
			return null;
		}
		Double input = number(usage.path("prompt_tokens"));
		Double output = number(usage.path("completion_tokens"));
		Double cached = number(usage.path("prompt_tokens_details").path("cached_tokens"));
		return new Usage(new Usage.BilledUnits(input, output, null, null), new Usage.Tokens(input, output), cached);
	}

	static @Nullable Double number(JsonNode node) {
		return node.isNumber() ? node.doubleValue() : null;
	}

	static @Nullable String string(JsonNode node) {
		return node.isString() ? node.asString() : null;
	}

	private UnsupportedRequestFieldException reject(String field, String reason) {
		return new UnsupportedRequestFieldException(this.backendId, field, reason);
	}

}
