package dev.springcohere.backend.v1;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import dev.springcohere.api.ApiMeta;
import dev.springcohere.api.AssistantContentBlock;
import dev.springcohere.api.AssistantMessage;
import dev.springcohere.api.ChatResponse;
import dev.springcohere.api.Citation;
import dev.springcohere.api.CitationType;
import dev.springcohere.api.DocumentSource;
import dev.springcohere.api.FinishReason;
import dev.springcohere.api.MessageContent;
import dev.springcohere.api.Source;
import dev.springcohere.api.TextContent;
import dev.springcohere.api.ToolCall;
import dev.springcohere.api.ToolSource;
import dev.springcohere.api.Usage;
import dev.springcohere.api.v1.V1ChatResponse;
import dev.springcohere.api.v1.V1Citation;
import dev.springcohere.api.v1.V1ToolCall;

/**
 * Turns a typed v1 chat answer (or its parts) into the v2 vocabulary: the one mapping
 * every backend with a v1 body shares.
 * <p>
 * Rules: v1 tool calls have no ids, so each gets {@code <generation id>_<index>} (or
 * {@code <tool name>_<index>} when the answer has no generation id); citations whose
 * document id was sent as a document (or has the {@code doc_} form) get document sources,
 * other ids (tool outputs) tool sources; {@code COMPLETE} with tool calls becomes
 * {@code TOOL_CALL}, the v1 error reasons ({@code ERROR}, {@code ERROR_TOXIC},
 * {@code ERROR_LIMIT}) become {@code ERROR}, others are kept; {@code meta.tokens} (else
 * the billed units, else counts the target reports elsewhere) become the usage.
 *
 * @since 0.1.0
 */
public final class V1ChatResponseMapper {

	private V1ChatResponseMapper() {
	}

	/**
	 * Maps a v1 answer.
	 * @param response the v1 answer
	 * @param documents the documents sent, by id (from {@link V1Chat#documents()})
	 * @param tokens token counts from elsewhere (such as Bedrock's headers), used when
	 * the answer has none, or {@code null}
	 * @return the v2 answer
	 */
	public static ChatResponse toV2(V1ChatResponse response, Map<String, JsonNode> documents,
			Usage.@Nullable Tokens tokens) {
		String id = (response.responseId() != null) ? response.responseId() : response.generationId();
		List<ToolCall> toolCalls = toolCalls(response.toolCalls(), response.generationId(), 0);
		String text = response.text();
		List<Citation> citations = citations(response.citations(), documents);
		AssistantMessage message;
		if (!toolCalls.isEmpty()) {
			message = new AssistantMessage(toolCalls, text.isEmpty() ? null : text, null, citations);
		}
		else {
			message = new AssistantMessage(null, null,
					MessageContent.<AssistantContentBlock>of(List.of(new TextContent(text))), citations);
		}
		return new ChatResponse(id, finishReason(response.finishReason(), !toolCalls.isEmpty()), message,
				usage(response.meta(), tokens), null);
	}

	/**
	 * Maps v1 tool calls.
	 * @param calls the v1 calls
	 * @param generationId the generation id, to make call ids unique, or {@code null}
	 * @param firstIndex the index of the first call (calls of earlier events of a stream
	 * come before)
	 * @return the v2 calls with ids {@code <generation>_<index>}, or
	 * {@code <name>_<index>} without a generation id
	 */
	public static List<ToolCall> toolCalls(List<V1ToolCall> calls, @Nullable String generationId, int firstIndex) {
		List<ToolCall> result = new ArrayList<>();
		int index = firstIndex;
		for (V1ToolCall call : calls) {
			String prefix = (generationId != null) ? generationId : call.name();
			result.add(ToolCall.of(prefix + "_" + index++, call.name(), call.parameters().toString()));
		}
		return result;
	}

	/**
	 * Maps v1 citations.
	 * @param citations the v1 citations
	 * @param documents the documents sent, by id
	 * @return the v2 citations
	 */
	public static List<Citation> citations(List<V1Citation> citations, Map<String, JsonNode> documents) {
		List<Citation> result = new ArrayList<>();
		for (V1Citation citation : citations) {
			List<Source> sources = new ArrayList<>();
			for (String id : citation.documentIds()) {
				JsonNode document = documents.get(id);
				sources.add((document != null || id.startsWith("doc_")) ? new DocumentSource(id, document)
						: new ToolSource(id, null));
			}
			CitationType type = "PLAN".equals(citation.type()) ? CitationType.PLAN : CitationType.TEXT_CONTENT;
			result.add(new Citation(citation.start(), citation.end(), citation.text(), sources, 0, type));
		}
		return result;
	}

	/**
	 * Maps a v1 finish reason.
	 * @param v1 the v1 reason, or {@code null}
	 * @param toolCalls whether the answer made tool calls
	 * @return the v2 reason, or {@code null} when there is none and no tool calls
	 */
	public static @Nullable FinishReason finishReason(@Nullable String v1, boolean toolCalls) {
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
	 * Maps a v1 {@code meta} to usage.
	 * @param meta the meta, or {@code null}
	 * @param tokens token counts to use when {@code meta} has no {@code tokens}, or
	 * {@code null}
	 * @return the usage, or {@code null} when nothing is known
	 */
	public static @Nullable Usage usage(@Nullable ApiMeta meta, Usage.@Nullable Tokens tokens) {
		ApiMeta.BilledUnits billed = (meta != null) ? meta.billedUnits() : null;
		Usage.BilledUnits billedUnits = (billed != null) ? new Usage.BilledUnits(billed.inputTokens(),
				billed.outputTokens(), billed.searchUnits(), billed.classifications()) : null;
		ApiMeta.Tokens metaTokens = (meta != null) ? meta.tokens() : null;
		Usage.Tokens counted = (metaTokens != null)
				? new Usage.Tokens(metaTokens.inputTokens(), metaTokens.outputTokens()) : tokens;
		if (counted == null && billedUnits != null) {
			counted = new Usage.Tokens(billedUnits.inputTokens(), billedUnits.outputTokens());
		}
		Double cached = (meta != null) ? meta.cachedTokens() : null;
		return (billedUnits == null && counted == null) ? null : new Usage(billedUnits, counted, cached);
	}

}
