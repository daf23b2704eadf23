package dev.springcohere.engine.tokenizer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Python {@code str} methods that chat templates call, with Python's semantics
 * (whitespace as {@code str.isspace()}, {@code split()} without a separator splitting on
 * runs of whitespace, and so on).
 */
final class PythonStrings {

	private PythonStrings() {
	}

	/**
	 * Calls a Python string method.
	 * @param s the receiver
	 * @param method the Python method name
	 * @param args the positional arguments
	 * @return the result, or {@link #UNSUPPORTED} when the method or its arity is not one
	 * of Python's
	 */
	static Object call(String s, String method, @Nullable Object[] args) {
		int n = args.length;
		return switch (method) {
			case "strip" ->
				(n == 0 || args[0] == null) ? strip(s, null, true, true) : strip(s, str(args[0]), true, true);
			case "lstrip" ->
				(n == 0 || args[0] == null) ? strip(s, null, true, false) : strip(s, str(args[0]), true, false);
			case "rstrip" ->
				(n == 0 || args[0] == null) ? strip(s, null, false, true) : strip(s, str(args[0]), false, true);
			case "upper" -> s.toUpperCase(java.util.Locale.ROOT);
			case "lower" -> s.toLowerCase(java.util.Locale.ROOT);
			case "title" -> title(s);
			case "capitalize" -> s.isEmpty() ? s : s.substring(0, 1).toUpperCase(java.util.Locale.ROOT)
					+ s.substring(1).toLowerCase(java.util.Locale.ROOT);
			case "startswith" -> (n >= 1) ? anyMatch(args[0], s::startsWith) : UNSUPPORTED;
			case "endswith" -> (n >= 1) ? anyMatch(args[0], s::endsWith) : UNSUPPORTED;
			case "split" -> split(s, (n >= 1 && args[0] != null) ? str(args[0]) : null,
					(n >= 2) ? ((Number) args[1]).intValue() : -1);
			case "splitlines" -> splitlines(s);
			case "replace" -> (n == 2) ? s.replace(str(args[0]), str(args[1])) : UNSUPPORTED;
			case "find" -> (n == 1) ? (long) s.indexOf(str(args[0])) : UNSUPPORTED;
			case "rfind" -> (n == 1) ? (long) s.lastIndexOf(str(args[0])) : UNSUPPORTED;
			case "count" -> (n == 1) ? count(s, str(args[0])) : UNSUPPORTED;
			case "join" -> (n == 1) ? join(s, args[0]) : UNSUPPORTED;
			case "isdigit" -> !s.isEmpty() && s.chars().allMatch(Character::isDigit);
			case "isalpha" -> !s.isEmpty() && s.chars().allMatch(Character::isLetter);
			case "isalnum" -> !s.isEmpty() && s.chars().allMatch(Character::isLetterOrDigit);
			case "isspace" -> !s.isEmpty() && s.chars().allMatch(c -> JinjaWhitespace.isPythonSpace((char) c));
			case "isupper" -> s.chars().anyMatch(Character::isLetter) && s.equals(s.toUpperCase(java.util.Locale.ROOT));
			case "islower" -> s.chars().anyMatch(Character::isLetter) && s.equals(s.toLowerCase(java.util.Locale.ROOT));
			default -> UNSUPPORTED;
		};
	}

	/** Marks a method this class does not implement. */
	static final Object UNSUPPORTED = new Object();

	static String strip(String s, @Nullable String chars, boolean left, boolean right) {
		int start = 0;
		int end = s.length();
		while (left && start < end && stripped(s.charAt(start), chars)) {
			start++;
		}
		while (right && end > start && stripped(s.charAt(end - 1), chars)) {
			end--;
		}
		return s.substring(start, end);
	}

	private static boolean stripped(char c, @Nullable String chars) {
		return (chars == null) ? JinjaWhitespace.isPythonSpace(c) : chars.indexOf(c) >= 0;
	}

	private static String title(String s) {
		StringBuilder out = new StringBuilder(s.length());
		boolean previousCased = false;
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			out.append(previousCased ? Character.toLowerCase(c) : Character.toTitleCase(c));
			previousCased = Character.isLetter(c);
		}
		return out.toString();
	}

	private static boolean anyMatch(@Nullable Object prefixes, java.util.function.Predicate<String> test) {
		if (prefixes instanceof Collection<?> collection) {
			return collection.stream().anyMatch(p -> test.test(str(p)));
		}
		if (prefixes instanceof Object[] array) {
			return java.util.Arrays.stream(array).anyMatch(p -> test.test(str(p)));
		}
		return test.test(str(prefixes));
	}

	static List<String> split(String s, @Nullable String sep, int maxSplit) {
		List<String> parts = new ArrayList<>();
		if (sep == null) {
			int i = 0;
			int len = s.length();
			while (true) {
				while (i < len && JinjaWhitespace.isPythonSpace(s.charAt(i))) {
					i++;
				}
				if (i >= len) {
					break;
				}
				if (maxSplit >= 0 && parts.size() == maxSplit) {
					parts.add(strip(s.substring(i), null, false, true));
					break;
				}
				int j = i;
				while (j < len && !JinjaWhitespace.isPythonSpace(s.charAt(j))) {
					j++;
				}
				parts.add(s.substring(i, j));
				i = j;
			}
			return parts;
		}
		if (sep.isEmpty()) {
			throw new IllegalArgumentException("empty separator in str.split() within a chat template");
		}
		int from = 0;
		int at;
		while ((maxSplit < 0 || parts.size() < maxSplit) && (at = s.indexOf(sep, from)) >= 0) {
			parts.add(s.substring(from, at));
			from = at + sep.length();
		}
		parts.add(s.substring(from));
		return parts;
	}

	/**
	 * Python's {@code str.splitlines()}: splits on every line boundary Python knows,
	 * dropping them.
	 */
	static List<String> splitlines(String s) {
		List<String> lines = new ArrayList<>();
		int start = 0;
		int i = 0;
		while (i < s.length()) {
			char c = s.charAt(i);
			if (isLineBoundary(c)) {
				lines.add(s.substring(start, i));
				if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
					i++;
				}
				start = i + 1;
			}
			i++;
		}
		if (start < s.length()) {
			lines.add(s.substring(start));
		}
		return lines;
	}

	private static boolean isLineBoundary(char c) {
		return c == '\n' || c == '\r' || c == '\u000b' || c == '\u000c' || c == '\u001c' || c == '\u001d'
				|| c == '\u001e' || c == '\u0085' || c == '\u2028' || c == '\u2029';
	}

	private static long count(String s, String sub) {
		if (sub.isEmpty()) {
			return s.length() + 1L;
		}
		long n = 0;
		int from = 0;
		int at;
		while ((at = s.indexOf(sub, from)) >= 0) {
			n++;
			from = at + sub.length();
		}
		return n;
	}

	private static String join(String separator, @Nullable Object items) {
		List<String> parts = new ArrayList<>();
		if (items instanceof Iterable<?> iterable) {
			iterable.forEach(item -> parts.add(str(item)));
		}
		else if (items instanceof Object[] array) {
			for (Object item : array) {
				parts.add(str(item));
			}
		}
		else {
			throw new IllegalArgumentException("str.join() in a chat template needs a list, got " + items);
		}
		return String.join(separator, parts);
	}

	private static String str(@Nullable Object o) {
		if (o instanceof String s) {
			return s;
		}
		if (o instanceof CharSequence cs) {
			return cs.toString();
		}
		throw new IllegalArgumentException("expected a string in a chat template, got "
				+ ((o == null) ? "None" : o.getClass().getSimpleName() + " " + o));
	}

}
