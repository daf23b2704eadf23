package dev.springcohere.sample.rag;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MarkdownChunkerTests {

	@Test
	void everyHeadingStartsAChunkWithItsPathAndIdsCountPerFile() {
		List<Chunk> chunks = new MarkdownChunker(500).chunk("guide.md", """
				Intro before any heading.

				# Guide

				Welcome.

				## Install

				Run the installer.

				### On Linux

				Use the package.

				## Use

				Open the app.
				""");
		assertThat(chunks).extracting(Chunk::id)
			.containsExactly("guide.md#0", "guide.md#1", "guide.md#2", "guide.md#3", "guide.md#4");
		assertThat(chunks).extracting(Chunk::heading)
			.containsExactly("", "Guide", "Guide > Install", "Guide > Install > On Linux", "Guide > Use");
		assertThat(chunks.get(0).text()).isEqualTo("Intro before any heading.");
		assertThat(chunks.get(3).text()).isEqualTo("Guide > Install > On Linux\n\nUse the package.");
		assertThat(chunks).allSatisfy((chunk) -> assertThat(chunk.file()).isEqualTo("guide.md"));
	}

	@Test
	void headingsWithoutTextMakeNoChunk() {
		List<Chunk> chunks = new MarkdownChunker(500).chunk("a.md", "# Title\n\n## Part\n\nText.\n");
		assertThat(chunks).hasSize(1);
		assertThat(chunks.get(0).heading()).isEqualTo("Title > Part");
	}

	@Test
	void longSectionsAreCutBetweenParagraphsThenSentencesWithinTheLimit() {
		String sentence = "This sentence has exactly sixty characters in it, all right. ";
		String longParagraph = sentence.repeat(6).strip();
		String markdown = "# Long\n\nShort one.\n\nShort two.\n\n" + longParagraph + "\n";
		List<Chunk> chunks = new MarkdownChunker(150).chunk("long.md", markdown);
		assertThat(chunks).allSatisfy((chunk) -> {
			assertThat(chunk.text().length()).isLessThanOrEqualTo(150);
			assertThat(chunk.text()).startsWith("Long\n\n");
		});
		assertThat(chunks.get(0).text()).isEqualTo("Long\n\nShort one.\n\nShort two.");
		String rejoined = String.join(" ",
				chunks.subList(1, chunks.size())
					.stream()
					.map((chunk) -> chunk.text().substring("Long\n\n".length()))
					.toList());
		assertThat(rejoined).isEqualTo(longParagraph);
		assertThat(chunks.subList(1, chunks.size())).allSatisfy((chunk) -> assertThat(chunk.text()).endsWith("."));
	}

	@Test
	void linesInCodeFencesAreNotHeadings() {
		List<Chunk> chunks = new MarkdownChunker(500).chunk("code.md", """
				# Script

				```bash
				# not a heading

				echo hi
				```
				""");
		assertThat(chunks).hasSize(1);
		assertThat(chunks.get(0).text()).contains("# not a heading\n\necho hi");
	}

	@Test
	void titleIsTheFirstLevelOneHeading() {
		assertThat(MarkdownChunker.title("intro\n## Sub\n# Main title #\n# Second")).isEqualTo("Main title");
		assertThat(MarkdownChunker.title("no heading")).isNull();
	}

	@Test
	void tooSmallALimitIsRejectedNamingTheProperty() {
		assertThatIllegalArgumentException().isThrownBy(() -> new MarkdownChunker(20))
			.withMessageContaining("rag.max-chunk-chars")
			.withMessageContaining("20");
	}

}
