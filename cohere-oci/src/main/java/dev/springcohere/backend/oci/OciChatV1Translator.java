package dev.springcohere.backend.oci;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.oracle.bmc.generativeaiinference.model.CohereChatBotMessage;
import com.oracle.bmc.generativeaiinference.model.CohereChatRequest;
import com.oracle.bmc.generativeaiinference.model.CohereChatResponse;
import com.oracle.bmc.generativeaiinference.model.CohereMessage;
import com.oracle.bmc.generativeaiinference.model.CohereParameterDefinition;
import com.oracle.bmc.generativeaiinference.model.CohereResponseFormat;
import com.oracle.bmc.generativeaiinference.model.CohereResponseJsonFormat;
import com.oracle.bmc.generativeaiinference.model.CohereResponseTextFormat;
import com.oracle.bmc.generativeaiinference.model.CohereSystemMessage;
import com.oracle.bmc.generativeaiinference.model.CohereTool;
import com.oracle.bmc.generativeaiinference.model.CohereToolCall;
import com.oracle.bmc.generativeaiinference.model.CohereToolMessage;
import com.oracle.bmc.generativeaiinference.model.CohereToolResult;
import com.oracle.bmc.generativeaiinference.model.CohereUserMessage;
import com.oracle.bmc.generativeaiinference.model.StreamOptions;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import dev.springcohere.api.ApiMeta;
import dev.springcohere.api.ChatRequest;
import dev.springcohere.api.ChatResponse;
import dev.springcohere.api.v1.V1ChatRequest;
import dev.springcohere.api.v1.V1ChatResponse;
import dev.springcohere.api.v1.V1Citation;
import dev.springcohere.api.v1.V1Message;
import dev.springcohere.api.v1.V1ResponseFormat;
import dev.springcohere.api.v1.V1Tool;
import dev.springcohere.api.v1.V1ToolCall;
import dev.springcohere.api.v1.V1ToolResult;
import dev.springcohere.backend.v1.V1Chat;
import dev.springcohere.backend.v1.V1ChatRequestMapper;
import dev.springcohere.backend.v1.V1ChatResponseMapper;

/**
 * OCI's {@code COHERE} api format: the typed v1 request of the shared
 * {@link V1ChatRequestMapper} converted to the OCI SDK's {@link CohereChatRequest}
 * (camelCase fields, {@code preambleOverride}, {@code isRequired}, enum constants), and
 * {@link CohereChatResponse} converted to the typed v1 answer that
 * {@link V1ChatResponseMapper} maps back to v2. What OCI's COHERE format has no field for
 * ({@code connectors}, {@code conversation_id}, a {@code citation_quality} other than
 * {@code FAST}/{@code ACCURATE}/{@code ENABLED}, a seed above 2^31-1) fails with a
 * message that names {@code cohere.oci.api-format=coherev2} where that helps.
 */
final class OciChatV1Translator {

	private static final String USE_V2 = "set 'cohere.oci.api-format' to coherev2 for a model that supports it";

	private static final V1ChatRequestMapper REQUESTS = new V1ChatRequestMapper(OciJson.MAPPER);

	private OciChatV1Translator() {
	}

	static V1Chat toV1(ChatRequest request) {
		return REQUESTS.toV1(request, "the OCI COHERE api format", USE_V2);
	}

	static CohereChatRequest toOci(V1Chat chat, boolean stream) {
		V1ChatRequest request = chat.request();
		reject(request);
		CohereChatRequest.Builder builder = CohereChatRequest.builder().message(request.message());
		// the SDK writes every field that was set, nulls included: set only what the
		// request has
		if (!request.chatHistory().isEmpty()) {
			builder.chatHistory(request.chatHistory().stream().map(OciChatV1Translator::message).toList());
		}
		if (request.preamble() != null) {
			builder.preambleOverride(request.preamble());
		}
		if (!request.documents().isEmpty()) {
			builder.documents(new ArrayList<>(request.documents()));
		}
		if (!request.tools().isEmpty()) {
			builder.tools(request.tools().stream().map(OciChatV1Translator::tool).toList());
		}
		if (!request.toolResults().isEmpty()) {
			builder.toolResults(request.toolResults().stream().map(OciChatV1Translator::toolResult).toList());
		}
		citationQuality(request.citationQuality(), builder);
		if (request.responseFormat() != null) {
			builder.responseFormat(responseFormat(request.responseFormat()));
		}
		if (request.safetyMode() != null) {
			builder.safetyMode(safetyMode(request.safetyMode()));
		}
		if (request.promptTruncation() != null) {
			builder.promptTruncation(promptTruncation(request.promptTruncation()));
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
		setIfPresent(request.maxTokens(), builder::maxTokens);
		setIfPresent(request.maxInputTokens(), builder::maxInputTokens);
		setIfPresent(request.temperature(), builder::temperature);
		setIfPresent(request.frequencyPenalty(), builder::frequencyPenalty);
		setIfPresent(request.presencePenalty(), builder::presencePenalty);
		setIfPresent(request.k(), builder::topK);
		setIfPresent(request.p(), builder::topP);
		setIfPresent(request.forceSingleStep(), builder::isForceSingleStep);
		setIfPresent(request.searchQueriesOnly(), builder::isSearchQueriesOnly);
		setIfPresent(request.rawPrompting(), builder::isRawPrompting);
		if (stream) {
			builder.isStream(true).streamOptions(StreamOptions.builder().isIncludeUsage(true).build());
		}
		return builder.build();
	}

	private static <T> void setIfPresent(@Nullable T value, Consumer<T> setter) {
		if (value != null) {
			setter.accept(value);
		}
	}

	private static void reject(V1ChatRequest request) {
		if (!request.connectors().isEmpty() || request.conversationId() != null) {
			throw new IllegalArgumentException("The OCI COHERE api format has no 'connectors' or 'conversation_id' "
					+ "(they are features of Cohere's own platform); remove them");
		}
	}

	private static void citationQuality(@Nullable String quality, CohereChatRequest.Builder builder) {
		if (quality == null || quality.equals("ENABLED")) {
			return;
		}
		switch (quality) {
			case "FAST" -> builder.citationQuality(CohereChatRequest.CitationQuality.Fast);
			case "ACCURATE" -> builder.citationQuality(CohereChatRequest.CitationQuality.Accurate);
			default -> throw new IllegalArgumentException("Citation mode " + quality + " is not available in the OCI "
					+ "COHERE api format (only FAST and ACCURATE); " + USE_V2);
		}
	}

	private static CohereResponseFormat responseFormat(V1ResponseFormat format) {
		if ("json_object".equals(format.type())) {
			CohereResponseJsonFormat.Builder json = CohereResponseJsonFormat.builder();
			JsonNode schema = format.schema();
			if (schema != null) {
				json.schema(OciJson.toPlain(schema));
			}
			return json.build();
		}
		return CohereResponseTextFormat.builder().build();
	}

	private static CohereChatRequest.SafetyMode safetyMode(String mode) {
		return switch (mode) {
			case "CONTEXTUAL" -> CohereChatRequest.SafetyMode.Contextual;
			case "STRICT" -> CohereChatRequest.SafetyMode.Strict;
			case "NONE" -> CohereChatRequest.SafetyMode.Off;
			default -> throw new IllegalArgumentException(
					"Unknown safety mode '" + mode + "' for OCI; use CONTEXTUAL, STRICT or OFF");
		};
	}

	private static CohereChatRequest.PromptTruncation promptTruncation(String truncation) {
		return switch (truncation) {
			case "OFF" -> CohereChatRequest.PromptTruncation.Off;
			case "AUTO_PRESERVE_ORDER" -> CohereChatRequest.PromptTruncation.AutoPreserveOrder;
			default -> throw new IllegalArgumentException("Prompt truncation '" + truncation
					+ "' is not available in the OCI COHERE api format (only OFF and AUTO_PRESERVE_ORDER)");
		};
	}

	private static CohereMessage message(V1Message message) {
		String text = (message.message() != null) ? message.message() : "";
		return switch (message.role()) {
			case V1Message.USER -> CohereUserMessage.builder().message(text).build();
			case V1Message.SYSTEM -> CohereSystemMessage.builder().message(text).build();
			case V1Message.TOOL -> CohereToolMessage.builder()
				.toolResults(message.toolResults().stream().map(OciChatV1Translator::toolResult).toList())
				.build();
			default -> {
				CohereChatBotMessage.Builder builder = CohereChatBotMessage.builder().message(text);
				if (!message.toolCalls().isEmpty()) {
					builder.toolCalls(message.toolCalls().stream().map(OciChatV1Translator::toolCall).toList());
				}
				yield builder.build();
			}
		};
	}

	private static CohereToolCall toolCall(V1ToolCall call) {
		return CohereToolCall.builder().name(call.name()).parameters(OciJson.toPlain(call.parameters())).build();
	}

	private static CohereToolResult toolResult(V1ToolResult result) {
		List<Object> outputs = result.outputs().stream().map(OciJson::toPlain).toList();
		return CohereToolResult.builder().call(toolCall(result.call())).outputs(outputs).build();
	}

	private static CohereTool tool(V1Tool tool) {
		Map<String, CohereParameterDefinition> definitions = new LinkedHashMap<>();
		tool.parameterDefinitions().forEach((name, parameter) -> {
			CohereParameterDefinition.Builder definition = CohereParameterDefinition.builder()
				.type(parameter.type())
				.isRequired(Boolean.TRUE.equals(parameter.required()));
			if (parameter.description() != null) {
				definition.description(parameter.description());
			}
			definitions.put(name, definition.build());
		});
		// OCI requires a description; an empty one stands in for a tool without
		CohereTool.Builder builder = CohereTool.builder().name(tool.name()).description(tool.description());
		if (!definitions.isEmpty()) {
			builder.parameterDefinitions(definitions);
		}
		return builder.build();
	}

	static ChatResponse fromOci(CohereChatResponse response, Map<String, JsonNode> documents) {
		List<V1ToolCall> toolCalls = new ArrayList<>();
		if (response.getToolCalls() != null) {
			response.getToolCalls()
				.forEach((call) -> toolCalls.add(new V1ToolCall(call.getName(), OciJson.toTree(call.getParameters()))));
		}
		List<V1Citation> citations = new ArrayList<>();
		if (response.getCitations() != null) {
			response.getCitations()
				.forEach((citation) -> citations.add(new V1Citation(citation.getStart(), citation.getEnd(),
						citation.getText(), citation.getDocumentIds(), null)));
		}
		String finishReason = (response.getFinishReason() != null) ? response.getFinishReason().getValue() : null;
		V1ChatResponse v1 = new V1ChatResponse(response.getText(), null, null, citations, null, null, null, null,
				finishReason, toolCalls, null, meta(response.getUsage()));
		return V1ChatResponseMapper.toV2(v1, documents, null);
	}

	static @Nullable ApiMeta meta(com.oracle.bmc.generativeaiinference.model.@Nullable Usage usage) {
		if (usage == null) {
			return null;
		}
		Double prompt = (usage.getPromptTokens() != null) ? usage.getPromptTokens().doubleValue() : null;
		Double completion = (usage.getCompletionTokens() != null) ? usage.getCompletionTokens().doubleValue() : null;
		return new ApiMeta(null, new ApiMeta.BilledUnits(null, prompt, null, completion, null, null, null),
				new ApiMeta.Tokens(prompt, completion), null, null);
	}

}
