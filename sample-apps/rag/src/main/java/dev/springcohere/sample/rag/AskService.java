package dev.springcohere.sample.rag;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.springcohere.api.ChatDocument;
import dev.springcohere.api.ChatRequest;
import dev.springcohere.api.ChatResponse;
import dev.springcohere.api.Citation;
import dev.springcohere.api.DocumentSource;
import dev.springcohere.api.RerankRequest;
import dev.springcohere.api.RerankResponse;
import dev.springcohere.api.Source;
import dev.springcohere.api.SystemMessage;
import dev.springcohere.api.ToolSource;
import dev.springcohere.api.UserMessage;
import dev.springcohere.client.CohereClient;
import dev.springcohere.sample.support.ApiException;
import dev.springcohere.sample.support.CohereAccess;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Answers a question from the knowledge base: retrieves the most similar chunks, reranks
 * them with Cohere and asks Cohere chat with the best ones as documents (ids
 * {@code file#chunk}), so the answer's citations point at the files.
 */
@Service
public final class AskService {

	private static final String PREAMBLE = "You answer questions about the product described in the documents. "
			+ "Use only the documents; when they do not contain the answer, say so.";

	private static final int SNIPPET_CHARS = 200;

	private final CohereAccess cohere;

	private final KnowledgeBase knowledgeBase;

	private final int topK;

	private final int topN;

	/**
	 * Creates the service.
	 * @param cohere access to the client
	 * @param knowledgeBase the ingested documents
	 * @param properties the sample's settings ({@code rag.top-k}, {@code rag.top-n})
	 */
	public AskService(CohereAccess cohere, KnowledgeBase knowledgeBase, RagProperties properties) {
		this.cohere = cohere;
		this.knowledgeBase = knowledgeBase;
		this.topK = properties.getTopK();
		this.topN = properties.getTopN();
	}

	/**
	 * A chunk of the pipeline with its score.
	 *
	 * @param id the chunk's id, {@code file#index}
	 * @param file the file
	 * @param heading the chunk's heading path
	 * @param score the cosine similarity (retrieved) or the rerank relevance score
	 * (reranked)
	 */
	public record Hit(String id, String file, String heading, double score) {
	}

	/**
	 * A document cited by a span of the answer.
	 *
	 * @param id the document's id, {@code file#index}
	 * @param file the file it comes from, {@code null} when the id is not one of the
	 * documents sent
	 * @param snippet the beginning of the cited chunk
	 */
	public record CitedSource(String id, @Nullable String file, String snippet) {
	}

	/**
	 * A span of the answer and the documents it is based on.
	 *
	 * @param start the start offset in the answer
	 * @param end the end offset in the answer
	 * @param text the cited span
	 * @param sources the cited documents
	 */
	public record CitationOut(@Nullable Integer start, @Nullable Integer end, @Nullable String text,
			List<CitedSource> sources) {
	}

	/**
	 * An answer with the steps that led to it.
	 *
	 * @param answer the answer's text
	 * @param citations its citations
	 * @param retrieved the chunks the vector search found, most similar first
	 * @param reranked the chunks kept after reranking, most relevant first; these were
	 * sent to chat
	 */
	public record Answer(String answer, List<CitationOut> citations, List<Hit> retrieved, List<Hit> reranked) {
	}

	/**
	 * Answers a question.
	 * @param question the question
	 * @return the answer
	 * @throws ApiException with status 503 when Cohere is not configured, 409 when
	 * nothing is ingested
	 */
	public Answer ask(String question) {
		CohereClient client = this.cohere.client();
		List<KnowledgeBase.Retrieved> retrieved = this.knowledgeBase.search(question, this.topK);
		if (retrieved.isEmpty()) {
			throw new ApiException(HttpStatus.CONFLICT, "The knowledge base is empty: call POST /api/ingest");
		}
		RerankResponse ranking = client.rerank(RerankRequest.builder()
			.query(question)
			.documents(retrieved.stream().map((hit) -> hit.chunk().text()).toList())
			.topN(Math.min(this.topN, retrieved.size()))
			.build());
		List<Hit> reranked = new ArrayList<>();
		Map<String, Chunk> sent = new LinkedHashMap<>();
		for (RerankResponse.Result result : ranking.results()) {
			if (result.index() < 0 || result.index() >= retrieved.size()) {
				throw new ApiException(HttpStatus.BAD_GATEWAY, "Cohere rerank returned the index " + result.index()
						+ " for " + retrieved.size() + " documents");
			}
			Chunk chunk = retrieved.get(result.index()).chunk();
			reranked.add(new Hit(chunk.id(), chunk.file(), chunk.heading(), result.relevanceScore()));
			sent.put(chunk.id(), chunk);
		}
		List<ChatDocument> documents = sent.values()
			.stream()
			.map((chunk) -> (ChatDocument) dev.springcohere.api.Document.of(chunk.id(),
					Map.of("file", chunk.file(), "section", chunk.heading(), "text", chunk.text())))
			.toList();
		ChatResponse response = client.chat(ChatRequest.builder()
			.messages(SystemMessage.of(PREAMBLE), UserMessage.of(question))
			.documents(documents)
			.build());
		List<CitationOut> citations = response.citations()
			.stream()
			.map((citation) -> citation(citation, sent))
			.toList();
		List<Hit> hits = retrieved.stream()
			.map((hit) -> new Hit(hit.chunk().id(), hit.chunk().file(), hit.chunk().heading(), hit.score()))
			.toList();
		return new Answer(response.text(), citations, hits, reranked);
	}

	private static CitationOut citation(Citation citation, Map<String, Chunk> sent) {
		List<CitedSource> sources = citation.sources().stream().map((source) -> source(source, sent)).toList();
		return new CitationOut(citation.start(), citation.end(), citation.text(), sources);
	}

	private static CitedSource source(Source source, Map<String, Chunk> sent) {
		String id = null;
		JsonNode fields = null;
		if (source instanceof DocumentSource document) {
			id = document.id();
			fields = document.document();
		}
		else if (source instanceof ToolSource tool) {
			id = tool.id();
		}
		Chunk chunk = (id != null) ? sent.get(id) : null;
		if (chunk != null) {
			return new CitedSource(chunk.id(), chunk.file(), snippet(chunk.text()));
		}
		JsonNode text = (fields != null) ? fields.get("text") : null;
		return new CitedSource((id != null) ? id : "", null, (text != null) ? snippet(text.asString()) : "");
	}

	private static String snippet(String text) {
		String flat = text.replaceAll("\\s+", " ").strip();
		if (flat.length() <= SNIPPET_CHARS) {
			return flat;
		}
		int cut = flat.lastIndexOf(' ', SNIPPET_CHARS);
		return flat.substring(0, (cut > SNIPPET_CHARS / 2) ? cut : SNIPPET_CHARS) + "…";
	}

}
