package dev.springcohere.sample.rag;

/**
 * A Markdown file read from the documents folder.
 *
 * @param name the file's path relative to the folder, with {@code /} separators
 * @param content the file's text
 */
public record MarkdownFile(String name, String content) {

}
