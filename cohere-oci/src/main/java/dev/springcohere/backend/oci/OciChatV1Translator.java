package dev.springcohere.backend.oci;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.oracle.bmc.generativeaiinference.model.CohereChatBotMessage;
import com.oracle.bmc.generativeaiinference.model.CohereChatRequest;
import com.oracle.bmc.generativeaiinference.model.CohereChatResponse;
import com.oracle.bmc.generativeaiinference.model.CohereMessage;
import com.oracle.bmc.generativeaiinference.model.CohereParameterDefinition;
import com.oracle.bmc.generativeaiinference.model.CohereResponseJsonFormat;
import com.oracle.bmc.generativeaiinference.model.CohereResponseTextFormat;
import com.oracle.bmc.generativeaiinference.model.CohereTool;
import com.oracle.bmc.generativeaiinference.model.CohereToolCall;
import com.oracle.bmc.generativeaiinference.model.CohereToolMessage;
import com.oracle.bmc.generativeaiinference.model.CohereToolResult;
import com.oracle.bmc.generativeaiinference.model.CohereUserMessage;
import com.oracle.bmc.generativeaiinference.model.StreamOptions;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import dev.springcohere.api.AssistantContentBlock;
import dev.springcohere.api.AssistantMessage;
import dev.springcohere.api.ChatDocument;
import dev.springcohere.api.ChatMessage;
import dev.springcohere.api.ChatRequest;
import dev.springcohere.api.ChatResponse;
import dev.springcohere.api.Citation;
import dev.springcohere.api.CitationMode;
import dev.springcohere.api.CitationType;
import dev.springcohere.api.ContentBlock;
import dev.springcohere.api.Document;
import dev.springcohere.api.DocumentContent;
import dev.springcohere.api.DocumentSource;
import dev.springcohere.api.FinishReason;
import dev.springcohere.api.MessageContent;
import dev.springcohere.api.ResponseFormatType;
import dev.springcohere.api.SafetyMode;
import dev.springcohere.api.Source;
import dev.springcohere.api.SystemMessage;
import dev.springcohere.api.TextContent;
import dev.springcohere.api.TextDocument;
import dev.springcohere.api.ThinkingType;
import dev.springcohere.api.Tool;
import dev.springcohere.backend.v1.V1ToolParameters;
import dev.springcohere.api.ToolCall;
import dev.springcohere.api.ToolMessage;
import dev.springcohere.api.Usage;
import dev.springcohere.api.UserMessage;

/**
 * Translates Cohere v2 chat requests to OCI's v1-style {@link CohereChatRequest}
 * ({@code apiFormat} {@code COHERE}) and {@link CohereChatResponse} back to a Cohere v2
 * {@link ChatResponse}.
 * <p>
 * The v2 conversation becomes the v1 shape: system messages the {@code preambleOverride},
 * the last user message the {@code message}, trailing tool messages the
 * {@code toolResults}, everything before the {@code chatHistory}. v1 tool calls have no
 * ids, so the answer's calls get ids {@code <name>_<index>}, and a later tool message
 * finds its call by that id. v2 options v1 cannot express (thinking, tool choice, strict
 * tools, log probabilities, images) fail with a message that names
 * {@code cohere.oci.api-format=coherev2}.
 */
final class OciChatV1Translator {

	private static final String USE_V2 = "; set 'cohere.oci.api-format' to coherev2 for a model that supports it";

	private OciChatV1Translator() {
	}

	static CohereChatRequest toOci(ChatRequest request, boolean stream) {
		rejectUnsupported(request);
		CohereChatRequest.Builder builder = CohereChatRequest.builder();
		List<ChatMessage> messages = request.messages();
		if (messages.isEmpty()) {
			throw new IllegalArgumentException("A chat request needs at least one message");
		}
		StringBuilder preamble = new StringBuilder();
		List<ChatMessage> conversation = new ArrayList<>();
		for (ChatMessage message : messages) {
			if (message instanceof SystemMessage system) {
				preamble.append((preamble.length() > 0) ? "\n" : "").append(system.text());
			}
			else {
				conversation.add(message);
			}
		}
		if (conversation.isEmpty()) {
			throw new IllegalArgumentException("A chat request needs a user message after its system messages");
		}
		Map<String, ToolCall> callsById = new HashMap<>();
		int trailingTools = 0;
		while (trailingTools < conversation.size()
				&& conversation.get(conversation.size() - 1 - trailingTools) instanceof ToolMessage) {
			trailingTools++;
		}
		List<ChatMessage> history;
		if (trailingTools > 0) {
			history = conversation.subList(0, conversation.size() - trailingTools);
			builder.message("");
		}
		else if (conversation.get(conversation.size() - 1) instanceof UserMessage user) {
			history = conversation.subList(0, conversation.size() - 1);
			builder.message(userText(user));
		}
		else {
			throw new IllegalArgumentException("The last message of a chat request must be a user or tool message for "
					+ "the OCI COHERE api format, got an " + conversation.get(conversation.size() - 1).role().value()
					+ " message");
		}
		List<CohereMessage> chatHistory = new ArrayList<>();
		for (ChatMessage message : history) {
			chatHistory.add(historyMessage(message, callsById));
		}
		if (trailingTools > 0) {
			List<CohereToolResult> results = new ArrayList<>();
			for (ChatMessage message : conversation.subList(conversation.size() - trailingTools, conversation.size())) {
				results.add(toolResult((ToolMessage) message, callsById));
			}
			builder.toolResults(results);
		}
		if (!chatHistory.isEmpty()) {
			builder.chatHistory(chatHistory);
		}
		if (preamble.length() > 0) {
			builder.preambleOverride(preamble.toString());
		}
		if (!request.documents().isEmpty()) {
			List<Object> documents = new ArrayList<>();
			for (ChatDocument document : request.documents()) {
				documents.add(document(document));
			}
			builder.documents(documents);
		}
		if (!request.tools().isEmpty()) {
			List<CohereTool> tools = new ArrayList<>();
			for (Tool tool : request.tools()) {
				tools.add(tool(tool));
			}
			builder.tools(tools);
		}
		if (request.citationOptions() != null && request.citationOptions().mode() != null) {
			CitationMode mode = request.citationOptions().mode();
			if (CitationMode.FAST.equals(mode)) {
				builder.citationQuality(CohereChatRequest.CitationQuality.Fast);
			}
			else if (CitationMode.ACCURATE.equals(mode)) {
				builder.citationQuality(CohereChatRequest.CitationQuality.Accurate);
			}
			else if (!CitationMode.ENABLED.equals(mode)) {
				throw new IllegalArgumentException("Citation mode " + mode.value() + " is not available in the OCI "
						+ "COHERE api format (only FAST and ACCURATE)" + USE_V2);
			}
		}
		if (request.responseFormat() != null) {
			if (ResponseFormatType.JSON_OBJECT.equals(request.responseFormat().type())) {
				JsonNode schema = request.responseFormat().jsonSchema();
				CohereResponseJsonFormat.Builder format = CohereResponseJsonFormat.builder();
				if (schema != null) {
					format.schema(OciJson.toPlain(schema));
				}
				builder.responseFormat(format.build());
			}
			else {
				builder.responseFormat(CohereResponseTextFormat.builder().build());
			}
		}
		if (request.safetyMode() != null) {
			builder.safetyMode(safetyMode(request.safetyMode()));
		}
		if (!request.stopSequences().isEmpty()) {
			builder.stopSequences(request.stopSequences());
		}
		if (request.seed() != null) {
			if (request.seed() > Integer.MAX_VALUE) {
				throw new IllegalArgumentException("Chat 'seed' " + request.seed() + " is too large for the OCI COHERE "
						+ "api format (at most " + Integer.MAX_VALUE + ")");
			}
			builder.seed(request.seed().intValue());
		}
		// the SDK writes every field that was set, nulls included: set only what the
		// request has
		if (request.maxTokens() != null) {
			builder.maxTokens(request.maxTokens());
		}
		if (request.temperature() != null) {
			builder.temperature(request.temperature());
		}
		if (request.frequencyPenalty() != null) {
			builder.frequencyPenalty(request.frequencyPenalty());
		}
		if (request.presencePenalty() != null) {
			builder.presencePenalty(request.presencePenalty());
		}
		if (request.k() != null) {
			builder.topK(request.k());
		}
		if (request.p() != null) {
			builder.topP(request.p());
		}
		if (stream) {
			builder.isStream(true).streamOptions(StreamOptions.builder().isIncludeUsage(true).build());
		}
		return builder.build();
	}

	private static void rejectUnsupported(ChatRequest request) {
		if (request.thinking() != null && !ThinkingType.DISABLED.equals(request.thinking().type())) {
			throw new IllegalArgumentException("Thinking is not available in the OCI COHERE api format" + USE_V2);
		}
		if (request.toolChoice() != null) {
			throw new IllegalArgumentException("'tool_choice' is not available in the OCI COHERE api format" + USE_V2);
		}
		if (Boolean.TRUE.equals(request.strictTools())) {
			throw new IllegalArgumentException("'strict_tools' is not available in the OCI COHERE api format" + USE_V2);
		}
		if (Boolean.TRUE.equals(request.logprobs())) {
			throw new IllegalArgumentException("'logprobs' is not available in the OCI COHERE api format" + USE_V2);
		}
	}

	private static CohereChatRequest.SafetyMode safetyMode(SafetyMode mode) {
		if (SafetyMode.CONTEXTUAL.equals(mode)) {
			return CohereChatRequest.SafetyMode.Contextual;
		}
		if (SafetyMode.STRICT.equals(mode)) {
			return CohereChatRequest.SafetyMode.Strict;
		}
		if (SafetyMode.OFF.equals(mode)) {
			return CohereChatRequest.SafetyMode.Off;
		}
		throw new IllegalArgumentException(
				"Unknown safety mode '" + mode.value() + "' for OCI; use CONTEXTUAL, " + "STRICT or OFF");
	}

	private static String userText(UserMessage user) {
		for (ContentBlock block : user.content().asBlocks()) {
			if (!(block instanceof TextContent)) {
				throw new IllegalArgumentException("A user message with a '" + block.type().value()
						+ "' block cannot be sent in the OCI COHERE api format (text only)" + USE_V2);
			}
		}
		return user.text();
	}

	private static CohereMessage historyMessage(ChatMessage message, Map<String, ToolCall> callsById) {
		if (message instanceof UserMessage user) {
			return CohereUserMessage.builder().message(userText(user)).build();
		}
		if (message instanceof AssistantMessage assistant) {
			CohereChatBotMessage.Builder builder = CohereChatBotMessage.builder().message(assistant.text());
			if (!assistant.toolCalls().isEmpty()) {
				List<CohereToolCall> calls = new ArrayList<>();
				for (ToolCall call : assistant.toolCalls()) {
					calls.add(cohereToolCall(call));
					if (call.id() != null) {
						callsById.put(call.id(), call);
					}
				}
				builder.toolCalls(calls);
			}
			return builder.build();
		}
		ToolMessage tool = (ToolMessage) message;
		return CohereToolMessage.builder().toolResults(List.of(toolResult(tool, callsById))).build();
	}

	private static CohereToolCall cohereToolCall(ToolCall call) {
		String name = (call.function() != null) ? call.function().name() : null;
		if (name == null) {
			throw new IllegalArgumentException("A tool call without a function name cannot be sent to OCI: " + call);
		}
		return CohereToolCall.builder().name(name).parameters(arguments(call)).build();
	}

	private static Object arguments(ToolCall call) {
		String arguments = (call.function() != null) ? call.function().arguments() : null;
		if (arguments == null || arguments.isBlank()) {
			return new LinkedHashMap<String, Object>();
		}
		try {
			return OciJson.toPlain(OciJson.MAPPER.readTree(arguments));
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException(
					"The arguments of tool call '" + call.id() + "' are not JSON: " + arguments, ex);
		}
	}

	private static CohereToolResult toolResult(ToolMessage message, Map<String, ToolCall> callsById) {
		ToolCall call = callsById.get(message.toolCallId());
		if (call == null) {
			throw new IllegalArgumentException("Tool message for call '" + message.toolCallId() + "' has no matching "
					+ "tool call in an earlier assistant message; the OCI COHERE api format needs the call's name and "
					+ "parameters");
		}
		List<Object> outputs = new ArrayList<>();
		for (ContentBlock block : message.content().asBlocks()) {
			if (block instanceof TextContent text) {
				outputs.add(textOutput(text.text()));
			}
			else if (block instanceof DocumentContent document) {
				outputs.add(document(document.document()));
			}
		}
		return CohereToolResult.builder().call(cohereToolCall(call)).outputs(outputs).build();
	}

	private static Object textOutput(String text) {
		try {
			JsonNode node = OciJson.MAPPER.readTree(text);
			if (node != null && node.isObject()) {
				return OciJson.toPlain(node);
			}
		}
		catch (JacksonException ex) {
			// not JSON: sent as a text result below
		}
		Map<String, Object> output = new LinkedHashMap<>();
		output.put("text", text);
		return output;
	}

	private static Object document(ChatDocument document) {
		if (document instanceof TextDocument text) {
			Map<String, Object> map = new LinkedHashMap<>();
			map.put("text", text.text());
			return map;
		}
		Document structured = (Document) document;
		@SuppressWarnings("unchecked")
		Map<String, Object> map = new LinkedHashMap<>((Map<String, Object>) OciJson.toPlain(structured.data()));
		if (structured.id() != null) {
			map.put("id", structured.id());
		}
		return map;
	}

	private static CohereTool tool(Tool tool) {
		if (tool.function() == null) {
			throw new IllegalArgumentException("The 'oci' backend can only send function tools; tool of type '"
					+ tool.type() + "' has no function");
		}
		Map<String, CohereParameterDefinition> definitions = new LinkedHashMap<>();
		for (V1ToolParameters.Definition parameter : V1ToolParameters.definitions(tool, "the 'oci' backend")) {
			CohereParameterDefinition.Builder definition = CohereParameterDefinition.builder()
				.type(parameter.type())
				.isRequired(parameter.required());
			if (parameter.description() != null) {
				definition.description(parameter.description());
			}
			definitions.put(parameter.name(), definition.build());
		}
		CohereTool.Builder builder = CohereTool.builder()
			.name(tool.function().name())
			.description((tool.function().description() != null) ? tool.function().description() : "");
		// OCI requires a description; an empty one stands in for a tool without
		if (!definitions.isEmpty()) {
			builder.parameterDefinitions(definitions);
		}
		return builder.build();
	}

	static ChatResponse fromOci(CohereChatResponse response) {
		List<ToolCall> toolCalls = toolCalls(response.getToolCalls());
		List<Citation> citations = new ArrayList<>();
		if (response.getCitations() != null) {
			for (com.oracle.bmc.generativeaiinference.model.Citation citation : response.getCitations()) {
				citations.add(citation(citation));
			}
		}
		String text = response.getText();
		MessageContent<AssistantContentBlock> content = (text != null && !text.isEmpty())
				? MessageContent.of(List.of(new TextContent(text))) : null;
		String finishReason = (response.getFinishReason() != null) ? response.getFinishReason().getValue() : null;
		return new ChatResponse(null, finishReason(finishReason, !toolCalls.isEmpty()),
				new AssistantMessage(toolCalls, null, content, citations), usage(response.getUsage()), null);
	}

	static List<ToolCall> toolCalls(@Nullable List<CohereToolCall> calls) {
		List<ToolCall> result = new ArrayList<>();
		if (calls != null) {
			for (int i = 0; i < calls.size(); i++) {
				CohereToolCall call = calls.get(i);
				result.add(ToolCall.of(call.getName() + "_" + i, call.getName(),
						OciJson.toTree(call.getParameters()).toString()));
			}
		}
		return result;
	}

	static Citation citation(com.oracle.bmc.generativeaiinference.model.Citation citation) {
		List<Source> sources = new ArrayList<>();
		if (citation.getDocumentIds() != null) {
			for (String id : citation.getDocumentIds()) {
				sources.add(new DocumentSource(id, null));
			}
		}
		return new Citation(citation.getStart(), citation.getEnd(), citation.getText(), sources, null,
				CitationType.TEXT_CONTENT);
	}

	static @Nullable FinishReason finishReason(@Nullable String value, boolean toolCalls) {
		if (value == null) {
			return null;
		}
		return switch (value) {
			case "COMPLETE" -> toolCalls ? FinishReason.TOOL_CALL : FinishReason.COMPLETE;
			case "MAX_TOKENS" -> FinishReason.MAX_TOKENS;
			case "ERROR", "ERROR_TOXIC", "ERROR_LIMIT", "USER_CANCEL" -> FinishReason.ERROR;
			default -> FinishReason.of(value);
		};
	}

	static @Nullable Usage usage(com.oracle.bmc.generativeaiinference.model.@Nullable Usage usage) {
		if (usage == null) {
			return null;
		}
		Double prompt = (usage.getPromptTokens() != null) ? usage.getPromptTokens().doubleValue() : null;
		Double completion = (usage.getCompletionTokens() != null) ? usage.getCompletionTokens().doubleValue() : null;
		return new Usage(new Usage.BilledUnits(prompt, completion, null, null), new Usage.Tokens(prompt, completion),
				null);
	}

}
