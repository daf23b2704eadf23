package dev.springcohere.sample.rag;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Reads the Markdown files to ingest: every {@code *.md} under {@code rag.docs-dir}
 * (recursively, in path order), or the sample's own documents under
 * {@code classpath:docs/} when the property is unset.
 */
public final class DocumentFolder {

	private static final String BUNDLED = "classpath:docs/*.md";

	private final @Nullable Path dir;

	/**
	 * Creates the folder.
	 * @param docsDir the {@code rag.docs-dir} setting, or {@code null} (or blank) for the
	 * bundled documents
	 */
	public DocumentFolder(@Nullable String docsDir) {
		this.dir = (docsDir != null && !docsDir.isBlank()) ? Path.of(docsDir.strip()).toAbsolutePath().normalize()
				: null;
	}

	/**
	 * Describes where the documents come from.
	 * @return the folder's absolute path, or {@code classpath:docs/*.md}
	 */
	public String location() {
		return (this.dir != null) ? this.dir.toString() : BUNDLED;
	}

	/**
	 * Reads the files.
	 * @return the files, sorted by name
	 * @throws IllegalStateException if the folder is missing, is not a folder or holds no
	 * Markdown file
	 */
	public List<MarkdownFile> read() {
		List<MarkdownFile> files = (this.dir != null) ? readFolder(this.dir) : readBundled();
		if (files.isEmpty()) {
			throw new IllegalStateException("No Markdown file (*.md) in " + location()
					+ "; put some there or point rag.docs-dir at a folder that has them");
		}
		return files;
	}

	private static List<MarkdownFile> readFolder(Path dir) {
		if (!Files.isDirectory(dir)) {
			throw new IllegalStateException(
					"rag.docs-dir is '" + dir + "', which " + (Files.exists(dir) ? "is not a folder" : "does not exist")
							+ "; set it to a folder of Markdown files, or leave it unset for the bundled documents");
		}
		try (Stream<Path> paths = Files.walk(dir)) {
			List<Path> markdown = paths.filter(Files::isRegularFile)
				.filter((path) -> path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".md"))
				.sorted(Comparator.comparing((path) -> dir.relativize(path).toString()))
				.toList();
			List<MarkdownFile> files = new ArrayList<>();
			for (Path path : markdown) {
				String name = dir.relativize(path).toString().replace('\\', '/');
				files.add(new MarkdownFile(name, Files.readString(path, StandardCharsets.UTF_8)));
			}
			return files;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read the Markdown files under " + dir + ": " + ex.getMessage(),
					ex);
		}
	}

	private static List<MarkdownFile> readBundled() {
		try {
			Resource[] resources = new PathMatchingResourcePatternResolver().getResources(BUNDLED);
			List<MarkdownFile> files = new ArrayList<>();
			for (Resource resource : resources) {
				String name = resource.getFilename();
				if (name != null) {
					files.add(new MarkdownFile(name, resource.getContentAsString(StandardCharsets.UTF_8)));
				}
			}
			files.sort(Comparator.comparing(MarkdownFile::name));
			return files;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read the bundled documents " + BUNDLED + ": " + ex.getMessage(),
					ex);
		}
	}

}
