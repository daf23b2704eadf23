package dev.springcohere.backend.oci;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
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
import dev.springcohere.api.ImageUrlContent;
import dev.springcohere.api.MessageContent;
import dev.springcohere.api.ResponseFormatType;
import dev.springcohere.api.Source;
import dev.springcohere.api.SystemMessage;
import dev.springcohere.api.TextContent;
import dev.springcohere.api.TextDocument;
import dev.springcohere.api.ThinkingContent;
import dev.springcohere.api.Tool;
import dev.springcohere.api.ToolCall;
import dev.springcohere.api.ToolMessage;
import dev.springcohere.api.ToolSource;
import dev.springcohere.api.UnknownSource;
import dev.springcohere.api.Usage;
import dev.springcohere.api.UserMessage;

/**
 * Translates Cohere v2 chat requests to OCI's {@code CohereChatRequestV2} fields
 * (camelCase keys, UPPERCASE enum values) and OCI's {@code CohereChatResponseV2} back to
 * a Cohere v2 {@link ChatResponse}.
 */
final class OciChatV2Translator {

	private OciChatV2Translator() {
	}

	static Map<String, Object> toOci(ChatRequest request, boolean stream) {
		ObjectNode body = OciJson.object();
		ArrayNode messages = body.putArray("messages");
		for (ChatMessage message : request.messages()) {
			messages.add(message(message));
		}
		if (!request.documents().isEmpty()) {
			ArrayNode documents = body.putArray("documents");
			for (ChatDocument document : request.documents()) {
				documents.add(document(document));
			}
		}
		if (!request.tools().isEmpty()) {
			ArrayNode tools = body.putArray("tools");
			for (Tool tool : request.tools()) {
				tools.add(tool(tool));
			}
		}
		if (request.strictTools() != null) {
			body.put("isStrictToolsEnabled", request.strictTools());
		}
		if (request.toolChoice() != null) {
			body.put("toolsChoice", OciJson.upper(request.toolChoice().value()));
		}
		if (request.citationOptions() != null && request.citationOptions().mode() != null) {
			body.putObject("citationOptions").put("mode", OciJson.upper(request.citationOptions().mode().value()));
		}
		if (request.thinking() != null) {
			ObjectNode thinking = body.putObject("thinking")
				.put("type", OciJson.upper(request.thinking().type().value()));
			if (request.thinking().tokenBudget() != null) {
				thinking.put("tokenBudget", request.thinking().tokenBudget());
			}
		}
		if (request.responseFormat() != null) {
			ObjectNode format = body.putObject("responseFormat");
			format.put("type", OciJson.upper(request.responseFormat().type().value()));
			JsonNode schema = request.responseFormat().jsonSchema();
			if (schema != null && ResponseFormatType.JSON_OBJECT.equals(request.responseFormat().type())) {
				format.set("schema", schema);
			}
		}
		if (request.safetyMode() != null) {
			body.put("safetyMode", OciJson.upper(request.safetyMode().value()));
		}
		if (request.maxTokens() != null) {
			body.put("maxTokens", request.maxTokens());
		}
		if (!request.stopSequences().isEmpty()) {
			ArrayNode stops = body.putArray("stopSequences");
			request.stopSequences().forEach(stops::add);
		}
		if (request.temperature() != null) {
			body.put("temperature", request.temperature());
		}
		if (request.seed() != null) {
			body.put("seed", request.seed());
		}
		if (request.frequencyPenalty() != null) {
			body.put("frequencyPenalty", request.frequencyPenalty());
		}
		if (request.presencePenalty() != null) {
			body.put("presencePenalty", request.presencePenalty());
		}
		if (request.k() != null) {
			body.put("topK", request.k());
		}
		if (request.p() != null) {
			body.put("topP", request.p());
		}
		if (request.logprobs() != null) {
			body.put("isLogProbsEnabled", request.logprobs());
		}
		if (request.priority() != null) {
			body.put("priority", request.priority());
		}
		if (stream) {
			body.put("isStream", true);
			body.putObject("streamOptions").put("isIncludeUsage", true);
		}
		return OciJson.toMap(body);
	}

	private static ObjectNode message(ChatMessage message) {
		ObjectNode node = OciJson.object().put("role", OciJson.upper(message.role().value()));
		if (message instanceof SystemMessage system) {
			node.set("content", content(system.content()));
		}
		else if (message instanceof UserMessage user) {
			node.set("content", content(user.content()));
		}
		else if (message instanceof AssistantMessage assistant) {
			if (assistant.content() != null) {
				node.set("content", content(assistant.content()));
			}
			if (!assistant.toolCalls().isEmpty()) {
				ArrayNode calls = node.putArray("toolCalls");
				for (ToolCall call : assistant.toolCalls()) {
					ObjectNode callNode = calls.addObject();
					if (call.id() != null) {
						callNode.put("id", call.id());
					}
					callNode.put("type", "FUNCTION");
					ObjectNode function = callNode.putObject("function");
					if (call.function() != null) {
						function.put("name", call.function().name());
						function.put("arguments", call.function().arguments());
					}
				}
			}
			if (assistant.toolPlan() != null) {
				node.put("toolPlan", assistant.toolPlan());
			}
		}
		else if (message instanceof ToolMessage tool) {
			node.put("toolCallId", tool.toolCallId());
			node.set("content", content(tool.content()));
		}
		return node;
	}

	private static ArrayNode content(MessageContent<?> content) {
		ArrayNode blocks = OciJson.MAPPER.createArrayNode();
		for (ContentBlock block : content.asBlocks()) {
			if (block instanceof TextContent text) {
				blocks.addObject().put("type", "TEXT").put("text", text.text());
			}
			else if (block instanceof ImageUrlContent image) {
				ObjectNode url = blocks.addObject().put("type", "IMAGE_URL").putObject("imageUrl");
				url.put("url", image.imageUrl().url());
				if (image.imageUrl().detail() != null) {
					url.put("detail", OciJson.upper(image.imageUrl().detail().value()));
				}
			}
			else if (block instanceof ThinkingContent thinking) {
				blocks.addObject().put("type", "THINKING").put("thinking", thinking.thinking());
			}
			else if (block instanceof DocumentContent document) {
				blocks.addObject().put("type", "DOCUMENT").set("document", document(document.document()));
			}
			else {
				throw new IllegalArgumentException("The 'oci' backend cannot send a content block of type '"
						+ block.type().value() + "' to OCI Generative AI; use text, image_url, thinking or document");
			}
		}
		return blocks;
	}

	private static JsonNode document(ChatDocument document) {
		if (document instanceof TextDocument text) {
			return OciJson.MAPPER.getNodeFactory().stringNode(text.text());
		}
		Document structured = (Document) document;
		ObjectNode node = OciJson.object();
		if (structured.id() != null) {
			node.put("id", structured.id());
		}
		node.set("data", structured.data());
		return node;
	}

	private static ObjectNode tool(Tool tool) {
		if (tool.function() == null) {
			throw new IllegalArgumentException("The 'oci' backend can only send function tools; tool of type '"
					+ tool.type() + "' has no function");
		}
		ObjectNode node = OciJson.object().put("type", "FUNCTION");
		ObjectNode function = node.putObject("function").put("name", tool.function().name());
		if (tool.function().description() != null) {
			function.put("description", tool.function().description());
		}
		function.set("parameters", tool.function().parameters());
		return node;
	}

	static ChatResponse fromOci(Map<String, Object> fields) {
		JsonNode response = OciJson.toTree(fields);
		JsonNode message = response.get("message");
		String finishReason = OciJson.text(response, "finishReason");
		return new ChatResponse(OciJson.text(response, "id"),
				(finishReason != null) ? FinishReason.of(finishReason) : null, assistantMessage(message),
				usage(response.get("usage")), null);
	}

	static AssistantMessage assistantMessage(@Nullable JsonNode message) {
		List<AssistantContentBlock> blocks = new ArrayList<>();
		List<ToolCall> toolCalls = new ArrayList<>();
		List<Citation> citations = new ArrayList<>();
		String toolPlan = null;
		if (message != null) {
			JsonNode content = message.get("content");
			if (content != null && content.isArray()) {
				for (JsonNode block : content) {
					AssistantContentBlock converted = contentBlock(block);
					if (converted != null) {
						blocks.add(converted);
					}
				}
			}
			JsonNode calls = message.get("toolCalls");
			if (calls != null && calls.isArray()) {
				for (JsonNode call : calls) {
					toolCalls.add(toolCall(call));
				}
			}
			JsonNode citationNodes = message.get("citations");
			if (citationNodes != null && citationNodes.isArray()) {
				for (JsonNode citation : citationNodes) {
					citations.add(citation(citation));
				}
			}
			toolPlan = OciJson.text(message, "toolPlan");
		}
		return new AssistantMessage(toolCalls, toolPlan, blocks.isEmpty() ? null : MessageContent.of(blocks),
				citations);
	}

	static @Nullable AssistantContentBlock contentBlock(JsonNode block) {
		String type = OciJson.text(block, "type");
		if ("THINKING".equalsIgnoreCase(type)) {
			String thinking = OciJson.text(block, "thinking");
			return (thinking != null) ? new ThinkingContent(thinking) : null;
		}
		String text = OciJson.text(block, "text");
		return (text != null) ? new TextContent(text) : null;
	}

	static ToolCall toolCall(JsonNode call) {
		JsonNode function = call.get("function");
		String name = OciJson.text(function, "name");
		String arguments = null;
		JsonNode argumentsNode = (function != null) ? function.get("arguments") : null;
		if (argumentsNode != null && !argumentsNode.isNull()) {
			arguments = argumentsNode.isString() ? argumentsNode.asString() : argumentsNode.toString();
		}
		return new ToolCall(OciJson.text(call, "id"), ToolCall.FUNCTION, new ToolCall.Function(name, arguments));
	}

	static Citation citation(JsonNode citation) {
		List<Source> sources = new ArrayList<>();
		JsonNode sourceNodes = citation.get("sources");
		if (sourceNodes != null && sourceNodes.isArray()) {
			for (JsonNode source : sourceNodes) {
				String type = OciJson.text(source, "type");
				String id = OciJson.text(source, "id");
				if ("TOOL".equalsIgnoreCase(type)) {
					sources.add(new ToolSource(id, source.get("toolOutput")));
				}
				else if (type == null || "DOCUMENT".equalsIgnoreCase(type)) {
					sources.add(new DocumentSource(id, source.get("document")));
				}
				else {
					sources.add(new UnknownSource(source));
				}
			}
		}
		String type = OciJson.text(citation, "type");
		return new Citation(OciJson.integer(citation, "start"), OciJson.integer(citation, "end"),
				OciJson.text(citation, "text"), sources, OciJson.integer(citation, "contentIndex"),
				(type != null) ? CitationType.of(type) : null);
	}

	static @Nullable Usage usage(@Nullable JsonNode usage) {
		if (usage == null || !usage.isObject()) {
			return null;
		}
		Double prompt = OciJson.number(usage, "promptTokens");
		Double completion = OciJson.number(usage, "completionTokens");
		return new Usage(new Usage.BilledUnits(prompt, completion, null, null), new Usage.Tokens(prompt, completion),
				null);
	}

}
