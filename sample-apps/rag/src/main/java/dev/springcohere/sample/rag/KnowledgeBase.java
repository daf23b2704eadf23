package dev.springcohere.sample.rag;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import dev.springcohere.sample.support.ApiException;
import dev.springcohere.sample.support.CohereAccess;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.SimpleVectorStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The ingested documents: Markdown files split into chunks, embedded with Cohere and held
 * in Spring AI's in-memory {@link SimpleVectorStore}. Each ingest builds a new store and
 * swaps it in when complete, so questions asked meanwhile are answered from the previous
 * one.
 */
@Component
public final class KnowledgeBase {

	private final CohereAccess cohere;

	private final ObjectProvider<EmbeddingModel> embeddingModel;

	private final DocumentFolder folder;

	private final MarkdownChunker chunker;

	private final AtomicReference<@Nullable Index> index = new AtomicReference<>();

	/**
	 * Creates the knowledge base.
	 * @param cohere access to Cohere: a 503 naming the property to set when it is not
	 * configured
	 * @param embeddingModel the starter's Spring AI embedding model (documents are
	 * embedded as {@code search_document}, queries as {@code search_query}), created
	 * lazily
	 * @param properties the sample's settings ({@code rag.docs-dir},
	 * {@code rag.max-chunk-chars})
	 */
	public KnowledgeBase(CohereAccess cohere, ObjectProvider<EmbeddingModel> embeddingModel, RagProperties properties) {
		this.cohere = cohere;
		this.embeddingModel = embeddingModel;
		this.folder = new DocumentFolder(properties.getDocsDir());
		this.chunker = new MarkdownChunker(properties.getMaxChunkChars());
	}

	/**
	 * A chunk found by the vector search.
	 *
	 * @param chunk the chunk
	 * @param score its cosine similarity to the question
	 */
	public record Retrieved(Chunk chunk, double score) {
	}

	/**
	 * A Markdown file of the knowledge base.
	 *
	 * @param file the file's path relative to the documents folder
	 * @param title its first level-1 heading, or its name when it has none
	 * @param chunks how many chunks it was split into
	 */
	public record FileSummary(String file, String title, int chunks) {
	}

	/**
	 * The result of an ingest.
	 *
	 * @param source where the files were read from
	 * @param files how many files were ingested
	 * @param chunks how many chunks were embedded and stored
	 */
	public record IngestResult(String source, int files, int chunks) {
	}

	/**
	 * The documents of the knowledge base.
	 *
	 * @param source where the files are read from
	 * @param ingested whether they are ingested (else they are only listed, read from the
	 * folder now)
	 * @param files the files
	 */
	public record Listing(String source, boolean ingested, List<FileSummary> files) {
	}

	private record Index(SimpleVectorStore store, Map<String, Chunk> chunks, List<FileSummary> files) {
	}

	private record Split(List<Chunk> chunks, List<FileSummary> files) {
	}

	/**
	 * Reads, chunks and embeds the documents, and replaces the store with them.
	 * @return the counts
	 * @throws ApiException with status 503 when Cohere is not configured, 500 when the
	 * folder cannot be read
	 */
	public synchronized IngestResult ingest() {
		Split split = split(readFolder());
		if (split.chunks().isEmpty()) {
			throw new ApiException(HttpStatus.INTERNAL_SERVER_ERROR,
					"The Markdown files in " + this.folder.location() + " hold no text to ingest");
		}
		BatchEmbeddingModel embeddings = new BatchEmbeddingModel(this.cohere.resolve(this.embeddingModel));
		SimpleVectorStore store = SimpleVectorStore.builder(embeddings).build();
		List<Document> documents = split.chunks()
			.stream()
			.map((chunk) -> Document.builder()
				.id(chunk.id())
				.text(chunk.text())
				.metadata(Map.of("file", chunk.file(), "heading", chunk.heading()))
				.build())
			.toList();
		try {
			embeddings.prepare(documents);
			store.add(documents);
		}
		finally {
			embeddings.clear();
		}
		Map<String, Chunk> byId = new LinkedHashMap<>();
		split.chunks().forEach((chunk) -> byId.put(chunk.id(), chunk));
		this.index.set(new Index(store, byId, split.files()));
		return new IngestResult(this.folder.location(), split.files().size(), byId.size());
	}

	/**
	 * Finds the chunks most similar to a question (the question is embedded as
	 * {@code search_query}).
	 * @param question the question
	 * @param topK how many chunks to return at most
	 * @return the chunks, most similar first
	 * @throws ApiException with status 409 when nothing is ingested yet
	 */
	public List<Retrieved> search(String question, int topK) {
		Index current = requireIndex();
		List<Document> found = current.store()
			.similaritySearch(SearchRequest.builder().query(question).topK(topK).similarityThresholdAll().build());
		List<Retrieved> retrieved = new ArrayList<>(found.size());
		for (Document document : found) {
			Chunk chunk = current.chunks().get(document.getId());
			if (chunk == null) {
				throw new IllegalStateException("The vector store returned the unknown chunk id " + document.getId());
			}
			retrieved.add(new Retrieved(chunk, (document.getScore() != null) ? document.getScore() : 0.0));
		}
		return retrieved;
	}

	/**
	 * Lists the documents: the ingested ones, or, before the first ingest, the files in
	 * the folder.
	 * @return the listing
	 */
	public Listing list() {
		Index current = this.index.get();
		if (current != null) {
			return new Listing(this.folder.location(), true, current.files());
		}
		return new Listing(this.folder.location(), false, split(readFolder()).files());
	}

	private Index requireIndex() {
		Index current = this.index.get();
		if (current == null) {
			throw new ApiException(HttpStatus.CONFLICT, "No documents are ingested yet: call POST /api/ingest first "
					+ "(or start with rag.ingest-on-startup=true and Cohere configured)");
		}
		return current;
	}

	private List<MarkdownFile> readFolder() {
		try {
			return this.folder.read();
		}
		catch (IllegalStateException | java.io.UncheckedIOException ex) {
			throw new ApiException(HttpStatus.INTERNAL_SERVER_ERROR, ex.getMessage());
		}
	}

	private Split split(List<MarkdownFile> files) {
		List<Chunk> chunks = new ArrayList<>();
		List<FileSummary> summaries = new ArrayList<>();
		for (MarkdownFile file : files) {
			List<Chunk> fileChunks = this.chunker.chunk(file.name(), file.content());
			String title = MarkdownChunker.title(file.content());
			summaries.add(new FileSummary(file.name(), (title != null) ? title : file.name(), fileChunks.size()));
			chunks.addAll(fileChunks);
		}
		return new Split(chunks, summaries);
	}

}
