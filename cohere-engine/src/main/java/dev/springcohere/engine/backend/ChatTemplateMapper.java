package dev.springcohere.engine.backend;

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
import tools.jackson.databind.node.ObjectNode;

import dev.springcohere.api.AssistantMessage;
import dev.springcohere.api.ChatDocument;
import dev.springcohere.api.ChatMessage;
import dev.springcohere.api.ChatRequest;
import dev.springcohere.api.CitationMode;
import dev.springcohere.api.CohereJson;
import dev.springcohere.api.ContentBlock;
import dev.springcohere.api.Document;
import dev.springcohere.api.DocumentContent;
import dev.springcohere.api.DocumentSource;
import dev.springcohere.api.MessageContent;
import dev.springcohere.api.Source;
import dev.springcohere.api.SystemMessage;
import dev.springcohere.api.TextContent;
import dev.springcohere.api.TextDocument;
import dev.springcohere.api.ThinkingContent;
import dev.springcohere.api.Tool;
import dev.springcohere.api.ToolCall;
import dev.springcohere.api.ToolChoice;
import dev.springcohere.api.ToolMessage;
import dev.springcohere.api.ToolSource;
import dev.springcohere.api.UserMessage;
import dev.springcohere.engine.backend.output.SourceResolver;
import dev.springcohere.engine.tokenizer.ChatTemplateRequest;

/**
 * Turns a v2 {@link ChatRequest} into the variables of a Hugging Face chat template
 * render (the shape Command R7B's and Command R+'s templates expect), and tells which
 * citation index points at which document or tool result.
 * <p>
 * Mapping: system, user and assistant messages become {@code {"role", "content"}} with
 * their text (blocks joined); an assistant message with tool calls becomes
 * {@code {"role": "assistant", "tool_plan", "tool_calls": [{"id", "type": "function",
 * "function": {"name", "arguments": {...}}}]}} with the arguments parsed from their JSON
 * string; a tool message becomes {@code {"role": "tool", "tool_call_id", "content":
 * [...]}} where each document block is its data object and each text block its string;
 * documents become their data objects ({@code {"text": ...}} for plain-text documents);
 * tools become OpenAI-style function dicts. Citations are switched on
 * ({@code enable_citations}) when there are documents or tool results, unless the
 * citation mode is {@code OFF}/{@code DISABLED}. {@code tool_choice: NONE} renders the
 * request without its tools.
 * <p>
 * Citation numbering follows the tool results as the R7B template renders them: the
 * documents are the results of call {@code "0"} (result {@code i} is document {@code i}),
 * and each tool message is result 0 of call {@code n}, the position of the call it
 * answers among all tool calls of the conversation (counting from 0, without the
 * documents' call). The template lets the two collide on group 0; the tool result wins
 * there for result 0, the documents for the other results. Images in user messages are
 * rejected: the local models read text only.
 *
 * @since 0.1.0
 */
public final class ChatTemplateMapper {

	private final JsonMapper json = CohereJson.createMapper();

	private final boolean toolResultsAsText;

	/**
	 * Creates a mapper for Command R7B-style templates, which serialize tool results
	 * themselves (the tool message's {@code content} is a list).
	 */
	public ChatTemplateMapper() {
		this(false);
	}

	/**
	 * Creates a mapper.
	 * @param toolResultsAsText {@code true} for templates that print a tool message's
	 * {@code content} as is (the Command R/R+ {@code tool_use} template): the content
	 * list is then passed as its JSON text
	 */
	public ChatTemplateMapper(boolean toolResultsAsText) {
		this.toolResultsAsText = toolResultsAsText;
	}

	/**
	 * The template variables of a request plus the resolver of its citations.
	 *
	 * @param templateRequest the variables to render the chat template with
	 * @param sources the citation resolver matching the rendered numbering
	 */
	public record MappedChat(ChatTemplateRequest templateRequest, SourceResolver sources) {

		/**
		 * Checks that no component is {@code null}.
		 * @param templateRequest the variables
		 * @param sources the resolver
		 */
		public MappedChat {
			Objects.requireNonNull(templateRequest, "'templateRequest' must not be null");
			Objects.requireNonNull(sources, "'sources' must not be null");
		}

	}

	/**
	 * Maps a request.
	 * @param request the v2 request
	 * @return the template variables and the citation resolver
	 * @throws IllegalArgumentException if the request holds something a local model
	 * cannot read (an image, tool call arguments that are not a JSON object, an empty
	 * conversation)
	 */
	public MappedChat map(ChatRequest request) {
		Objects.requireNonNull(request, "'request' must not be null");
		if (request.messages().isEmpty()) {
			throw new IllegalArgumentException("The chat request has no messages; add at least one user message");
		}
		List<List<Source>> groups = new ArrayList<>();
		List<Source> docSources = new ArrayList<>();
		List<Map<String, Object>> documents = null;
		if (!request.documents().isEmpty()) {
			documents = new ArrayList<>();
			int i = 0;
			for (ChatDocument document : request.documents()) {
				JsonNode data = documentData(document);
				documents.add(toMap(data, "documents[" + i + "]"));
				String id = (document instanceof Document d && d.id() != null) ? d.id() : "doc:" + i;
				docSources.add(new DocumentSource(id, data));
				i++;
			}
		}
		Map<String, Integer> toolCallGroups = new LinkedHashMap<>();
		List<Map<String, Object>> messages = new ArrayList<>();
		boolean toolResults = false;
		int index = 0;
		for (ChatMessage message : request.messages()) {
			String where = "messages[" + index + "]";
			switch (message) {
				case SystemMessage system -> messages.add(textMessage("system", text(system.content(), where)));
				case UserMessage user -> messages.add(textMessage("user", text(user.content(), where)));
				case AssistantMessage assistant -> messages.add(assistant(assistant, where, groups, toolCallGroups));
				case ToolMessage tool -> {
					toolResults = true;
					messages.add(toolMessage(tool, where, groups, toolCallGroups));
				}
			}
			index++;
		}
		boolean withTools = !request.tools().isEmpty() && !ToolChoice.NONE.equals(request.toolChoice());
		List<Map<String, Object>> tools = withTools ? tools(request.tools()) : null;
		ChatTemplateRequest.Builder builder = ChatTemplateRequest.builder(messages).tools(tools).documents(documents);
		CitationMode mode = (request.citationOptions() != null) ? request.citationOptions().mode() : null;
		boolean citationsOff = CitationMode.OFF.equals(mode) || CitationMode.DISABLED.equals(mode);
		if ((documents != null || toolResults) && !citationsOff) {
			builder.variable("enable_citations", true);
		}
		SourceResolver sources = citationsOff ? SourceResolver.none() : resolver(groups, docSources);
		return new MappedChat(builder.build(), sources);
	}

	/**
	 * Tool results first (group {@code n} = the n-th tool call), then the documents for
	 * group 0: the template numbers both from 0, so for group 0 result 0 the tool result
	 * wins when there is one.
	 */
	private static SourceResolver resolver(List<List<Source>> toolGroups, List<Source> documents) {
		SourceResolver tools = SourceResolver.of(toolGroups);
		SourceResolver docs = SourceResolver.of(List.of(documents));
		return (group, result) -> {
			Source tool = tools.resolve(group, result);
			return (tool != null) ? tool : docs.resolve(group, result);
		};
	}

	private Map<String, Object> assistant(AssistantMessage message, String where, List<List<Source>> groups,
			Map<String, Integer> toolCallGroups) {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("role", "assistant");
		if (message.toolCalls().isEmpty()) {
			map.put("content", (message.content() != null) ? text(message.content(), where) : "");
			return map;
		}
		map.put("tool_plan", (message.toolPlan() != null) ? message.toolPlan() : "");
		List<Map<String, Object>> calls = new ArrayList<>();
		int i = 0;
		for (ToolCall call : message.toolCalls()) {
			String callWhere = where + ".tool_calls[" + i + "]";
			ToolCall.Function function = call.function();
			if (function == null || function.name() == null) {
				throw new IllegalArgumentException("The tool call at " + callWhere + " has no function name");
			}
			String id = (call.id() != null) ? call.id() : "call_" + groups.size();
			Map<String, Object> fn = new LinkedHashMap<>();
			fn.put("name", function.name());
			fn.put("arguments", arguments(function.arguments(), callWhere));
			Map<String, Object> c = new LinkedHashMap<>();
			c.put("id", id);
			c.put("type", "function");
			c.put("function", fn);
			calls.add(c);
			toolCallGroups.putIfAbsent(id, groups.size());
			groups.add(new ArrayList<>());
			i++;
		}
		map.put("tool_calls", calls);
		return map;
	}

	private Map<String, Object> toolMessage(ToolMessage message, String where, List<List<Source>> groups,
			Map<String, Integer> toolCallGroups) {
		ArrayNode content = this.json.createArrayNode();
		if (message.content() instanceof MessageContent.Text<?> text) {
			content.add(text.text());
		}
		else if (message.content() instanceof MessageContent.Blocks<?> blocks) {
			int i = 0;
			for (ContentBlock block : blocks.blocks()) {
				switch (block) {
					case TextContent t -> content.add(t.text());
					case DocumentContent d -> content.add(d.document().data());
					default -> throw new IllegalArgumentException("The tool message at " + where + ".content[" + i
							+ "] is of a type local models cannot read (" + block.getClass().getSimpleName()
							+ "); use text or document blocks");
				}
				i++;
			}
		}
		Integer group = toolCallGroups.get(message.toolCallId());
		if (group != null && groups.get(group).isEmpty()) {
			groups.get(group).add(new ToolSource(message.toolCallId(), content));
		}
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("role", "tool");
		map.put("tool_call_id", message.toolCallId());
		map.put("content", this.toolResultsAsText ? this.json.writeValueAsString(content) : fromJson(content));
		return map;
	}

	private List<Map<String, Object>> tools(List<Tool> tools) {
		List<Map<String, Object>> out = new ArrayList<>();
		int i = 0;
		for (Tool tool : tools) {
			Tool.Function function = tool.function();
			if (function == null) {
				throw new IllegalArgumentException(
						"tools[" + i + "] has no function; local models accept only " + "function tools");
			}
			Map<String, Object> fn = new LinkedHashMap<>();
			fn.put("name", function.name());
			fn.put("description", (function.description() != null) ? function.description() : "");
			fn.put("parameters", fromJson(function.parameters()));
			Map<String, Object> map = new LinkedHashMap<>();
			map.put("type", "function");
			map.put("function", fn);
			out.add(map);
			i++;
		}
		return out;
	}

	private Object arguments(@Nullable String arguments, String where) {
		if (arguments == null || arguments.isBlank()) {
			return new LinkedHashMap<String, Object>();
		}
		try {
			JsonNode node = this.json.readTree(arguments);
			if (!node.isObject()) {
				throw new IllegalArgumentException("The arguments of the tool call at " + where
						+ " must be a JSON object, got: " + abbreviate(arguments));
			}
			return fromJson(node);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("The arguments of the tool call at " + where + " are not valid JSON ("
					+ ex.getOriginalMessage() + "): " + abbreviate(arguments), ex);
		}
	}

	private JsonNode documentData(ChatDocument document) {
		return switch (document) {
			case Document d -> d.data();
			case TextDocument t -> {
				ObjectNode node = this.json.createObjectNode();
				node.put("text", t.text());
				yield node;
			}
		};
	}

	private static Map<String, Object> textMessage(String role, String content) {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("role", role);
		map.put("content", content);
		return map;
	}

	private static String text(MessageContent<?> content, String where) {
		if (content instanceof MessageContent.Text<?> text) {
			return text.text();
		}
		StringBuilder out = new StringBuilder();
		int i = 0;
		for (ContentBlock block : ((MessageContent.Blocks<?>) content).blocks()) {
			switch (block) {
				case TextContent t -> out.append(t.text());
				case ThinkingContent t -> {
					// earlier reasoning is not replayed to the model
				}
				default -> throw new IllegalArgumentException(
						"The content block at " + where + ".content[" + i + "] is of a type local models cannot read ("
								+ block.getClass().getSimpleName() + "); local chat models accept text only");
			}
			i++;
		}
		return out.toString();
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> toMap(JsonNode node, String where) {
		if (!node.isObject()) {
			throw new IllegalArgumentException(where + " must be a JSON object, got: " + node.getNodeType());
		}
		return (Map<String, Object>) fromJson(node);
	}

	private Object fromJson(JsonNode node) {
		Object value = this.json.convertValue(node, Object.class);
		return (value != null) ? value : "";
	}

	private static String abbreviate(String text) {
		return (text.length() <= 200) ? text : text.substring(0, 200) + "...";
	}

}
