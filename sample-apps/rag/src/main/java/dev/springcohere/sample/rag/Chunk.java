package dev.springcohere.sample.rag;

/**
 * A piece of a Markdown file that is embedded, retrieved and cited on its own.
 *
 * @param id the chunk's id, {@code <file>#<index>} (index from 0 within the file), sent
 * to Cohere as document id
 * @param file the file's path relative to the documents folder, with {@code /} separators
 * @param heading the headings above the chunk, outermost first, joined with
 * {@code " > "}; empty before the first heading
 * @param text the chunk's text: its heading path (when it has one), a blank line, then
 * its paragraphs
 */
public record Chunk(String id, String file, String heading, String text) {

}
