package dev.springcohere.engine.backend.output;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the source references of a citation tag: {@code 0:[1,2],1:[0]} (Command R7B:
 * groups of result indexes) or {@code 0,1} (Command R+: flat indexes, read as group 0).
 * Unreadable parts are skipped.
 */
final class CitationRefs {

	private static final Pattern GROUP = Pattern.compile("(\\d{1,9})\\s*:\\s*\\[([^\\]]*)\\]");

	private CitationRefs() {
	}

	/**
	 * Returns the (group, result) pairs of a tag's reference text.
	 * @param refs the text after {@code <co:} or {@code </co:}, before {@code >}
	 * @return the pairs, in order; empty when there are none
	 */
	static List<int[]> parse(String refs) {
		List<int[]> pairs = new ArrayList<>();
		Matcher group = GROUP.matcher(refs);
		boolean grouped = false;
		while (group.find()) {
			grouped = true;
			int groupIndex = Integer.parseInt(group.group(1));
			for (int result : numbers(group.group(2))) {
				pairs.add(new int[] { groupIndex, result });
			}
		}
		if (!grouped) {
			for (int result : numbers(refs)) {
				pairs.add(new int[] { 0, result });
			}
		}
		return pairs;
	}

	private static List<Integer> numbers(String list) {
		List<Integer> numbers = new ArrayList<>();
		for (String part : list.split(",")) {
			String trimmed = part.strip();
			if (!trimmed.isEmpty() && trimmed.length() < 10 && trimmed.chars().allMatch(Character::isDigit)) {
				numbers.add(Integer.parseInt(trimmed));
			}
		}
		return numbers;
	}

}
