package dev.springcohere.sample.rag;

import dev.springcohere.sample.support.ApiException;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The RAG sample's REST API: ingest the documents, list them, ask a question.
 */
@RestController
@RequestMapping("/api")
public final class RagController {

	private final KnowledgeBase knowledgeBase;

	private final AskService askService;

	/**
	 * Creates the controller.
	 * @param knowledgeBase the ingested documents
	 * @param askService the question answering pipeline
	 */
	public RagController(KnowledgeBase knowledgeBase, AskService askService) {
		this.knowledgeBase = knowledgeBase;
		this.askService = askService;
	}

	/**
	 * A question.
	 *
	 * @param question the question
	 */
	public record AskIn(@Nullable String question) {
	}

	/**
	 * Reads, chunks and embeds the documents again, replacing the previous ones.
	 * @return the counts
	 */
	@PostMapping("/ingest")
	public KnowledgeBase.IngestResult ingest() {
		return this.knowledgeBase.ingest();
	}

	/**
	 * Lists the documents with their chunk counts.
	 * @return the listing
	 */
	@GetMapping("/documents")
	public KnowledgeBase.Listing documents() {
		return this.knowledgeBase.list();
	}

	/**
	 * Answers a question from the documents, with citations.
	 * @param in the request
	 * @return the answer, its citations and the retrieved and reranked chunks
	 */
	@PostMapping("/ask")
	public AskService.Answer ask(@RequestBody AskIn in) {
		if (in.question() == null || in.question().isBlank()) {
			throw ApiException.badField("question", "is required and must not be blank");
		}
		return this.askService.ask(in.question().strip());
	}

}
