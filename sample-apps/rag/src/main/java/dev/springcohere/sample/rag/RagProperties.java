package dev.springcohere.sample.rag;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the RAG sample, under {@code rag.}.
 */
@ConfigurationProperties("rag")
public class RagProperties {

	/**
	 * Folder of Markdown files ({@code *.md}, searched recursively) to ingest; when
	 * unset, the sample's own documents under {@code classpath:docs/}.
	 */
	private @Nullable String docsDir;

	/**
	 * Whether the documents are ingested when the application starts.
	 */
	private boolean ingestOnStartup = true;

	/**
	 * How many chunks the vector search retrieves for a question.
	 */
	private int topK = 8;

	/**
	 * How many of the retrieved chunks are kept after reranking and passed to chat as
	 * documents.
	 */
	private int topN = 3;

	/**
	 * Most characters of one chunk; longer sections are split at paragraphs, then at
	 * sentences.
	 */
	private int maxChunkChars = 800;

	/**
	 * Returns the {@code docs-dir} setting.
	 * @return the folder, or {@code null} for the bundled documents
	 */
	public @Nullable String getDocsDir() {
		return this.docsDir;
	}

	/**
	 * Sets the {@code docs-dir} setting.
	 * @param docsDir the folder
	 */
	public void setDocsDir(@Nullable String docsDir) {
		this.docsDir = docsDir;
	}

	/**
	 * Returns the {@code ingest-on-startup} setting.
	 * @return the value
	 */
	public boolean isIngestOnStartup() {
		return this.ingestOnStartup;
	}

	/**
	 * Sets the {@code ingest-on-startup} setting.
	 * @param ingestOnStartup the value
	 */
	public void setIngestOnStartup(boolean ingestOnStartup) {
		this.ingestOnStartup = ingestOnStartup;
	}

	/**
	 * Returns the {@code top-k} setting.
	 * @return the value
	 */
	public int getTopK() {
		return this.topK;
	}

	/**
	 * Sets the {@code top-k} setting.
	 * @param topK the value
	 * @throws IllegalArgumentException if it is smaller than 1
	 */
	public void setTopK(int topK) {
		if (topK < 1) {
			throw new IllegalArgumentException("rag.top-k must be 1 or more, was " + topK);
		}
		this.topK = topK;
	}

	/**
	 * Returns the {@code top-n} setting.
	 * @return the value
	 */
	public int getTopN() {
		return this.topN;
	}

	/**
	 * Sets the {@code top-n} setting.
	 * @param topN the value
	 * @throws IllegalArgumentException if it is smaller than 1
	 */
	public void setTopN(int topN) {
		if (topN < 1) {
			throw new IllegalArgumentException("rag.top-n must be 1 or more, was " + topN);
		}
		this.topN = topN;
	}

	/**
	 * Returns the {@code max-chunk-chars} setting.
	 * @return the value
	 */
	public int getMaxChunkChars() {
		return this.maxChunkChars;
	}

	/**
	 * Sets the {@code max-chunk-chars} setting.
	 * @param maxChunkChars the value
	 * @throws IllegalArgumentException if it is smaller than 100
	 */
	public void setMaxChunkChars(int maxChunkChars) {
		if (maxChunkChars < MarkdownChunker.MIN_CHARS) {
			throw new IllegalArgumentException(
					"rag.max-chunk-chars must be at least " + MarkdownChunker.MIN_CHARS + ", was " + maxChunkChars);
		}
		this.maxChunkChars = maxChunkChars;
	}

}
