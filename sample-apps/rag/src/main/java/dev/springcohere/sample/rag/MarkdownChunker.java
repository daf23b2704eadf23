package dev.springcohere.sample.rag;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits Markdown into chunks: every heading starts a section, a section is cut between
 * paragraphs when it would grow past the size limit, and a paragraph longer than the
 * limit is cut between sentences (between words as a last resort). Fenced code blocks are
 * kept whole as paragraphs where they fit, and lines in them are never read as headings.
 * Every chunk starts with its section's heading path ({@code Setup > First start}), so
 * that it can be understood, embedded and cited alone.
 */
public final class MarkdownChunker {

	private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.*?)\\s*#*\\s*$");

	private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+");

	/** The smallest size limit that leaves room for a heading and some text. */
	static final int MIN_CHARS = 100;

	private final int maxChars;

	/**
	 * Creates a chunker.
	 * @param maxChars the most characters of one chunk, at least {@value #MIN_CHARS}
	 * @throws IllegalArgumentException if {@code maxChars} is smaller
	 */
	public MarkdownChunker(int maxChars) {
		if (maxChars < MIN_CHARS) {
			throw new IllegalArgumentException(
					"rag.max-chunk-chars must be at least " + MIN_CHARS + ", was " + maxChars);
		}
		this.maxChars = maxChars;
	}

	/**
	 * Splits a Markdown file into chunks.
	 * @param file the file's name, used in the chunk ids
	 * @param markdown the file's content
	 * @return the chunks in document order, ids {@code file#0}, {@code file#1}, ...
	 */
	public List<Chunk> chunk(String file, String markdown) {
		List<Section> sections = sections(markdown);
		List<Chunk> chunks = new ArrayList<>();
		for (Section section : sections) {
			String header = section.path.isEmpty() ? "" : section.path + "\n\n";
			int budget = Math.max(this.maxChars - header.length(), MIN_CHARS / 2);
			for (String body : pack(section.paragraphs, budget)) {
				chunks.add(new Chunk(file + "#" + chunks.size(), file, section.path, header + body));
			}
		}
		return chunks;
	}

	/**
	 * Returns the text of the file's first level-1 heading.
	 * @param markdown the file's content
	 * @return the title, or {@code null} when the file has no level-1 heading
	 */
	public static @org.jspecify.annotations.Nullable String title(String markdown) {
		boolean fenced = false;
		for (String line : markdown.split("\\R", -1)) {
			if (isFence(line)) {
				fenced = !fenced;
				continue;
			}
			Matcher heading = HEADING.matcher(line);
			if (!fenced && heading.matches() && heading.group(1).length() == 1) {
				return heading.group(2);
			}
		}
		return null;
	}

	private static List<Section> sections(String markdown) {
		List<Section> sections = new ArrayList<>();
		String[] path = new String[6];
		Section current = new Section("");
		StringBuilder paragraph = new StringBuilder();
		boolean fenced = false;
		for (String line : markdown.split("\\R", -1)) {
			if (isFence(line)) {
				fenced = !fenced;
				paragraph.append(line).append('\n');
				continue;
			}
			Matcher heading = fenced ? null : HEADING.matcher(line);
			if (heading != null && heading.matches()) {
				current.add(paragraph);
				sections.add(current);
				int level = heading.group(1).length();
				path[level - 1] = heading.group(2);
				for (int i = level; i < path.length; i++) {
					path[i] = null;
				}
				current = new Section(joinPath(path));
			}
			else if (!fenced && line.isBlank()) {
				current.add(paragraph);
			}
			else {
				paragraph.append(line).append('\n');
			}
		}
		current.add(paragraph);
		sections.add(current);
		sections.removeIf((section) -> section.paragraphs.isEmpty());
		return sections;
	}

	private List<String> pack(List<String> paragraphs, int budget) {
		List<String> pieces = new ArrayList<>();
		for (String paragraph : paragraphs) {
			pieces.addAll((paragraph.length() <= budget) ? List.of(paragraph) : split(paragraph, budget));
		}
		List<String> bodies = new ArrayList<>();
		StringBuilder body = new StringBuilder();
		for (String piece : pieces) {
			if (body.length() > 0 && body.length() + 2 + piece.length() > budget) {
				bodies.add(body.toString());
				body.setLength(0);
			}
			if (body.length() > 0) {
				body.append("\n\n");
			}
			body.append(piece);
		}
		if (body.length() > 0) {
			bodies.add(body.toString());
		}
		return bodies;
	}

	private static List<String> split(String paragraph, int budget) {
		List<String> parts = new ArrayList<>();
		StringBuilder part = new StringBuilder();
		for (String sentence : SENTENCE_END.split(paragraph)) {
			for (String piece : (sentence.length() <= budget) ? List.of(sentence) : words(sentence, budget)) {
				if (part.length() > 0 && part.length() + 1 + piece.length() > budget) {
					parts.add(part.toString());
					part.setLength(0);
				}
				if (part.length() > 0) {
					part.append(' ');
				}
				part.append(piece);
			}
		}
		if (part.length() > 0) {
			parts.add(part.toString());
		}
		return parts;
	}

	private static List<String> words(String sentence, int budget) {
		List<String> parts = new ArrayList<>();
		StringBuilder part = new StringBuilder();
		for (String word : sentence.split("\\s+")) {
			while (word.length() > budget) {
				if (part.length() > 0) {
					parts.add(part.toString());
					part.setLength(0);
				}
				parts.add(word.substring(0, budget));
				word = word.substring(budget);
			}
			if (part.length() > 0 && part.length() + 1 + word.length() > budget) {
				parts.add(part.toString());
				part.setLength(0);
			}
			if (part.length() > 0) {
				part.append(' ');
			}
			part.append(word);
		}
		if (part.length() > 0) {
			parts.add(part.toString());
		}
		return parts;
	}

	private static boolean isFence(String line) {
		String stripped = line.stripLeading();
		return stripped.startsWith("```") || stripped.startsWith("~~~");
	}

	private static String joinPath(String[] path) {
		List<String> parts = new ArrayList<>();
		for (String part : path) {
			if (part != null) {
				parts.add(part);
			}
		}
		return String.join(" > ", parts);
	}

	private static final class Section {

		private final String path;

		private final List<String> paragraphs = new ArrayList<>();

		private Section(String path) {
			this.path = path;
		}

		private void add(StringBuilder paragraph) {
			String text = paragraph.toString().strip();
			if (!text.isEmpty()) {
				this.paragraphs.add(text);
			}
			paragraph.setLength(0);
		}

	}

}
