package dev.springcohere.engine.tokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.Filter;
import org.jspecify.annotations.Nullable;

/**
 * The Jinja filters whose Jinjava versions differ from the Jinja2 ones Hugging Face uses.
 */
final class TemplateFilters {

	private TemplateFilters() {
	}

	/**
	 * All filters to register, each replacing Jinjava's filter of the same name.
	 * @return the filters
	 */
	static List<Filter> all() {
		return List.of(new ToJson(), new Indent(), new Items(), new ToList());
	}

	private static @Nullable Object arg(Object[] args, Map<String, Object> kwargs, int index, String name) {
		if (kwargs.containsKey(name)) {
			return kwargs.get(name);
		}
		return (index < args.length) ? args[index] : null;
	}

	private static boolean truthy(@Nullable Object value) {
		if (value instanceof Boolean b) {
			return b;
		}
		if (value instanceof String s) {
			return !s.isEmpty() && !s.equalsIgnoreCase("false");
		}
		if (value instanceof Number n) {
			return n.doubleValue() != 0;
		}
		return value != null;
	}

	/**
	 * A filter that takes Python-style keyword arguments; positional-only calls are read
	 * the same way.
	 */
	abstract static class KeywordFilter implements Filter {

		@Override
		public Object filter(@Nullable Object var, JinjavaInterpreter interpreter, String... args) {
			return filter(var, interpreter, args, Map.of());
		}

		@Override
		public abstract Object filter(@Nullable Object var, JinjavaInterpreter interpreter, Object[] args,
				Map<String, Object> kwargs);

	}

	/**
	 * Hugging Face's {@code tojson}:
	 * {@code json.dumps(value, ensure_ascii=False, indent=..., separators=...,
	 * sort_keys=...)}.
	 */
	static final class ToJson extends KeywordFilter {

		@Override
		public String getName() {
			return "tojson";
		}

		@Override
		public Object filter(@Nullable Object var, JinjavaInterpreter interpreter, Object[] args,
				Map<String, Object> kwargs) {
			Object indentArg = arg(args, kwargs, 0, "indent");
			String indent = null;
			if (indentArg instanceof Number n) {
				indent = " ".repeat(Math.max(0, n.intValue()));
			}
			else if (indentArg instanceof String s) {
				indent = s;
			}
			String itemSeparator = null;
			String keySeparator = null;
			if (arg(args, kwargs, 1, "separators") instanceof List<?> separators && separators.size() == 2) {
				itemSeparator = String.valueOf(separators.get(0));
				keySeparator = String.valueOf(separators.get(1));
			}
			boolean sortKeys = truthy(arg(args, kwargs, 2, "sort_keys"));
			boolean ensureAscii = truthy(arg(args, kwargs, 3, "ensure_ascii"));
			return new PythonJson(indent, itemSeparator, keySeparator, sortKeys, ensureAscii).dumps(var);
		}

	}

	/** Jinja2's {@code indent(width=4, first=False, blank=False)}. */
	static final class Indent extends KeywordFilter {

		@Override
		public String getName() {
			return "indent";
		}

		@Override
		public Object filter(@Nullable Object var, JinjavaInterpreter interpreter, Object[] args,
				Map<String, Object> kwargs) {
			Object width = arg(args, kwargs, 0, "width");
			String indention;
			if (width == null) {
				indention = "    ";
			}
			else if (width instanceof Number n) {
				indention = " ".repeat(Math.max(0, n.intValue()));
			}
			else {
				String text = width.toString();
				indention = text.chars().allMatch(Character::isDigit) && !text.isEmpty()
						? " ".repeat(Integer.parseInt(text)) : text;
			}
			boolean first = truthy(arg(args, kwargs, 1, "first"));
			boolean blank = truthy(arg(args, kwargs, 2, "blank"));
			return indent((var != null) ? var.toString() : "", indention, first, blank);
		}

		static String indent(String s, String indention, boolean first, boolean blank) {
			List<String> lines = PythonStrings.splitlines(s + "\n");
			StringBuilder out = new StringBuilder();
			if (blank) {
				out.append(String.join("\n" + indention, lines));
			}
			else {
				out.append(lines.get(0));
				for (int i = 1; i < lines.size(); i++) {
					out.append('\n');
					if (!lines.get(i).isEmpty()) {
						out.append(indention);
					}
					out.append(lines.get(i));
				}
			}
			return first ? indention + out : out.toString();
		}

	}

	/**
	 * Jinja2's {@code items}: the key-value pairs of a dict, in order; nothing for
	 * {@code None}.
	 */
	static final class Items implements Filter {

		@Override
		public String getName() {
			return "items";
		}

		@Override
		public Object filter(@Nullable Object var, JinjavaInterpreter interpreter, String... args) {
			if (var == null) {
				return List.of();
			}
			if (var instanceof Map<?, ?> map) {
				return new ArrayList<>(map.entrySet());
			}
			throw new IllegalArgumentException(
					"The 'items' filter needs a mapping, got " + var.getClass().getSimpleName());
		}

	}

	/**
	 * Python's {@code list(value)}: the characters of a string, the keys of a dict, the
	 * items of anything else.
	 */
	static final class ToList implements Filter {

		@Override
		public String getName() {
			return "list";
		}

		@Override
		public Object filter(@Nullable Object var, JinjavaInterpreter interpreter, String... args) {
			List<Object> items = new ArrayList<>();
			if (var == null) {
				return items;
			}
			if (var instanceof CharSequence text) {
				text.toString().codePoints().forEach(cp -> items.add(new String(Character.toChars(cp))));
			}
			else if (var instanceof Map<?, ?> map) {
				items.addAll(map.keySet());
			}
			else if (var instanceof Iterable<?> iterable) {
				iterable.forEach(items::add);
			}
			else if (var instanceof Object[] array) {
				items.addAll(java.util.Arrays.asList(array));
			}
			else {
				throw new IllegalArgumentException("The 'list' filter needs a string, dict or list, got "
						+ var.getClass().getSimpleName() + " " + var);
			}
			return items;
		}

	}

}
