package dev.springcohere.sample.rag;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class DocumentFolderTests {

	@TempDir
	Path dir;

	@Test
	void readsMarkdownFilesRecursivelyInPathOrder() throws Exception {
		Files.createDirectories(this.dir.resolve("sub"));
		Files.writeString(this.dir.resolve("sub/b.md"), "# B");
		Files.writeString(this.dir.resolve("a.MD"), "# A");
		Files.writeString(this.dir.resolve("c.txt"), "not markdown");
		assertThat(new DocumentFolder(this.dir.toString()).read()).extracting(MarkdownFile::name)
			.containsExactly("a.MD", "sub/b.md");
	}

	@Test
	void missingFolderOrFolderWithoutMarkdownFailsNamingTheProperty() throws Exception {
		assertThatIllegalStateException()
			.isThrownBy(() -> new DocumentFolder(this.dir.resolve("nope").toString()).read())
			.withMessageContaining("rag.docs-dir")
			.withMessageContaining("does not exist");
		Files.writeString(this.dir.resolve("file.md"), "# A");
		assertThatIllegalStateException()
			.isThrownBy(() -> new DocumentFolder(this.dir.resolve("file.md").toString()).read())
			.withMessageContaining("is not a folder");
		Path empty = Files.createDirectories(this.dir.resolve("empty"));
		assertThatIllegalStateException().isThrownBy(() -> new DocumentFolder(empty.toString()).read())
			.withMessageContaining("No Markdown file");
	}

	@Test
	void unsetFolderReadsTheBundledDocuments() {
		DocumentFolder bundled = new DocumentFolder("  ");
		assertThat(bundled.location()).isEqualTo("classpath:docs/*.md");
		assertThat(bundled.read()).hasSize(8).allSatisfy((file) -> assertThat(file.content()).startsWith("# "));
	}

}
