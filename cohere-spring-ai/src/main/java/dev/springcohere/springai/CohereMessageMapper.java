package dev.springcohere.springai;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.springcohere.api.AssistantContentBlock;
import dev.springcohere.api.AssistantMessage;
import dev.springcohere.api.ChatMessage;
import dev.springcohere.api.ChatRequest;
import dev.springcohere.api.Citation;
import dev.springcohere.api.CitationOptions;
import dev.springcohere.api.ImageUrlContent;
import dev.springcohere.api.LogprobItem;
import dev.springcohere.api.MessageContent;
import dev.springcohere.api.ResponseFormat;
import dev.springcohere.api.SystemMessage;
import dev.springcohere.api.TextContent;
import dev.springcohere.api.ThinkingContent;
import dev.springcohere.api.Tool;
import dev.springcohere.api.ToolCall;
import dev.springcohere.api.ToolChoice;
import dev.springcohere.api.ToolMessage;
import dev.springcohere.api.Usage;
import dev.springcohere.api.UserContentBlock;
import dev.springcohere.api.UserMessage;
import dev.springcohere.tool.StrictSchemaChecker;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.metadata.ChatGenerationMetadata;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.content.Media;
import org.springframework.ai.tool.definition.ToolDefinition;

/**
 * Translates Spring AI prompts to Cohere v2 requests and v2 responses back to Spring AI
 * responses.
 */
final class CohereMessageMapper {

	private final StrictSchemaChecker strictSchemas = new StrictSchemaChecker();

	private final JsonMapper mapper;

	CohereMessageMapper(JsonMapper mapper) {
		this.mapper = mapper;
	}

	ChatRequest toRequest(List<Message> instructions, CohereChatOptions options, List<ToolDefinition> tools,
			@Nullable String defaultModel) {
		ChatRequest.Builder builder = ChatRequest.builder()
			.model((options.getModel() != null) ? options.getModel() : defaultModel)
			.messages(toMessages(instructions))
			.temperature(options.getTemperature())
			.maxTokens(options.getMaxTokens())
			.p(options.getTopP())
			.k(options.getTopK())
			.stopSequences(options.getStopSequences())
			.frequencyPenalty(options.getFrequencyPenalty())
			.presencePenalty(options.getPresencePenalty())
			.seed(options.getSeed())
			.safetyMode(options.getSafetyMode())
			.thinking(options.getThinking())
			.logprobs(options.getLogprobs())
			.priority(options.getPriority());
		if (!options.getDocuments().isEmpty()) {
			builder.documents(options.getDocuments());
		}
		if (options.getCitationMode() != null) {
			builder.citationOptions(CitationOptions.of(options.getCitationMode()));
		}
		if (options.getOutputSchema() != null) {
			builder.responseFormat(ResponseFormat.jsonObject(readJson(options.getOutputSchema(), "outputSchema")));
		}
		if (!tools.isEmpty()) {
			List<Tool> definitions = new ArrayList<>(tools.size());
			for (ToolDefinition tool : tools) {
				JsonNode schema = readJson(tool.inputSchema(), "input schema of tool '" + tool.name() + "'");
				if (Boolean.TRUE.equals(options.getStrictTools())) {
					// the check @CohereTool schemas get at startup, for tools that arrive
					// with the prompt
					// (Spring AI @Tool methods): a clear error here instead of Cohere's
					// 422
					this.strictSchemas.requireStrict(schema,
							"Spring AI tool '" + tool.name() + "' (sent with strict_tools)");
				}
				definitions.add(Tool.function(tool.name(), tool.description(), schema));
			}
			// strict_tools constrains tool calls: a request without tools does not carry
			// it
			builder.tools(definitions).strictTools(options.getStrictTools()).toolChoice(options.getToolChoice());
		}
		else if (ToolChoice.REQUIRED.equals(options.getToolChoice())) {
			throw new IllegalArgumentException("CohereChatOptions 'toolChoice' is REQUIRED but the prompt offers no"
					+ " tools: add tool callbacks to the options or unset toolChoice");
		}
		return builder.build();
	}

	private JsonNode readJson(String json, String what) {
		try {
			return this.mapper.readTree(json);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("The " + what + " is not valid JSON: " + ex.getOriginalMessage(), ex);
		}
	}

	List<ChatMessage> toMessages(List<Message> instructions) {
		List<ChatMessage> messages = new ArrayList<>(instructions.size());
		for (Message message : instructions) {
			switch (message.getMessageType()) {
				case SYSTEM -> messages.add(SystemMessage.of(text(message)));
				case USER -> messages.add(toUserMessage((org.springframework.ai.chat.messages.UserMessage) message));
				case ASSISTANT ->
					messages.add(toAssistantMessage((org.springframework.ai.chat.messages.AssistantMessage) message));
				case TOOL -> {
					for (ToolResponseMessage.ToolResponse response : ((ToolResponseMessage) message).getResponses()) {
						messages.add(ToolMessage.of(response.id(), response.responseData()));
					}
				}
				default -> throw new IllegalArgumentException("Unsupported Spring AI message type "
						+ message.getMessageType() + ": use system, user, assistant or tool messages");
			}
		}
		return messages;
	}

	private static String text(Message message) {
		String text = message.getText();
		return (text != null) ? text : "";
	}

	private static UserMessage toUserMessage(org.springframework.ai.chat.messages.UserMessage message) {
		List<Media> media = message.getMedia();
		if (media.isEmpty()) {
			return UserMessage.of(text(message));
		}
		List<UserContentBlock> blocks = new ArrayList<>();
		if (!text(message).isEmpty()) {
			blocks.add(TextContent.of(text(message)));
		}
		for (Media item : media) {
			blocks.add(ImageUrlContent.of(imageUrl(item)));
		}
		return UserMessage.of(blocks);
	}

	private static String imageUrl(Media media) {
		if (!"image".equals(media.getMimeType().getType())) {
			throw new IllegalArgumentException(
					"Cohere chat accepts images only, but the user message has media of type " + media.getMimeType()
							+ ": remove it or describe it as text");
		}
		Object data = media.getData();
		if (data instanceof String url) {
			return url;
		}
		return "data:" + media.getMimeType() + ";base64,"
				+ Base64.getEncoder().encodeToString(media.getDataAsByteArray());
	}

	private static AssistantMessage toAssistantMessage(org.springframework.ai.chat.messages.AssistantMessage message) {
		if (!message.hasToolCalls()) {
			return AssistantMessage.of(text(message));
		}
		List<ToolCall> calls = new ArrayList<>();
		for (org.springframework.ai.chat.messages.AssistantMessage.ToolCall call : message.getToolCalls()) {
			calls.add(ToolCall.of(call.id(), call.name(), call.arguments()));
		}
		String plan = message.getText();
		// Cohere wants the reasoning that led to tool calls back with them on the next
		// turn
		Object thinking = message.getMetadata().get(CohereChatModel.THINKING_METADATA_KEY);
		MessageContent<AssistantContentBlock> content = (thinking instanceof String text && !text.isEmpty())
				? MessageContent.of(List.of(ThinkingContent.of(text))) : null;
		return new AssistantMessage(calls, (plan != null && !plan.isEmpty()) ? plan : null, content, null);
	}

	ChatResponse toChatResponse(dev.springcohere.api.ChatResponse response, @Nullable String model, boolean withText) {
		AssistantMessage message = response.message();
		Map<String, Object> properties = new LinkedHashMap<>();
		if (response.id() != null) {
			properties.put("id", response.id());
		}
		if (response.finishReason() != null) {
			properties.put("finishReason", response.finishReason().value());
		}
		if (message.toolPlan() != null) {
			properties.put(CohereChatModel.TOOL_PLAN_METADATA_KEY, message.toolPlan());
		}
		String thinking = message.thinking();
		if (!thinking.isEmpty()) {
			properties.put(CohereChatModel.THINKING_METADATA_KEY, thinking);
		}
		List<Citation> citations = response.citations();
		if (!citations.isEmpty()) {
			properties.put(CohereChatModel.CITATIONS_METADATA_KEY, citations);
		}
		List<org.springframework.ai.chat.messages.AssistantMessage.ToolCall> toolCalls = new ArrayList<>();
		for (ToolCall call : response.toolCalls()) {
			ToolCall.Function function = call.function();
			toolCalls.add(new org.springframework.ai.chat.messages.AssistantMessage.ToolCall(
					(call.id() != null) ? call.id() : "", "function",
					(function != null && function.name() != null) ? function.name() : "",
					(function != null && function.arguments() != null) ? function.arguments() : "{}"));
		}
		String text = withText ? response.text() : "";
		org.springframework.ai.chat.messages.AssistantMessage output = org.springframework.ai.chat.messages.AssistantMessage
			.builder()
			.content((withText && text.isEmpty() && !toolCalls.isEmpty() && message.toolPlan() != null)
					? message.toolPlan() : text)
			.properties(properties)
			.toolCalls(toolCalls)
			.build();
		ChatGenerationMetadata.Builder generationMetadata = ChatGenerationMetadata.builder();
		if (response.finishReason() != null) {
			generationMetadata.finishReason(response.finishReason().value());
		}
		if (!citations.isEmpty()) {
			generationMetadata.metadata(CohereChatModel.CITATIONS_METADATA_KEY, citations);
		}
		if (!response.logprobs().isEmpty()) {
			generationMetadata.metadata(CohereChatModel.LOGPROBS_METADATA_KEY, response.logprobs());
		}
		Generation generation = new Generation(output, generationMetadata.build());
		ChatResponseMetadata.Builder metadata = ChatResponseMetadata.builder().usage(toUsage(response.usage()));
		if (response.id() != null) {
			metadata.id(response.id());
		}
		if (model != null) {
			metadata.model(model);
		}
		if (!citations.isEmpty()) {
			metadata.keyValue(CohereChatModel.CITATIONS_METADATA_KEY, citations);
		}
		return new ChatResponse(List.of(generation), metadata.build());
	}

	ChatResponse toDelta(@Nullable String text, @Nullable String thinking, @Nullable LogprobItem logprobs) {
		Map<String, Object> properties = (thinking != null && !thinking.isEmpty())
				? Map.of(CohereChatModel.THINKING_METADATA_KEY, thinking) : Map.of();
		org.springframework.ai.chat.messages.AssistantMessage output = org.springframework.ai.chat.messages.AssistantMessage
			.builder()
			.content((text != null) ? text : "")
			.properties(properties)
			.build();
		ChatGenerationMetadata metadata = (logprobs != null) ? ChatGenerationMetadata.builder()
			.metadata(CohereChatModel.LOGPROBS_METADATA_KEY, List.of(logprobs))
			.build() : ChatGenerationMetadata.NULL;
		return new ChatResponse(List.of(new Generation(output, metadata)));
	}

	static DefaultUsage toUsage(@Nullable Usage usage) {
		if (usage == null) {
			return new DefaultUsage(0, 0);
		}
		int prompt = (int) usage.inputTokens();
		int completion = (int) usage.outputTokens();
		return new DefaultUsage(prompt, completion, prompt + completion, usage);
	}

}
