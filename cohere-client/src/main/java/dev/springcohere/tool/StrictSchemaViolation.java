package dev.springcohere.tool;

import java.util.Objects;

/**
 * One way a JSON schema leaves the subset that Cohere documents for strict tools and
 * structured outputs.
 *
 * @param pointer the JSON pointer of the offending schema node ({@code ""} for the root)
 * @param problem what is wrong
 * @param fix how to change the Java type or annotation to fix it
 * @since 0.1.0
 */
public record StrictSchemaViolation(String pointer, String problem, String fix) {

	/**
	 * Creates a violation.
	 * @param pointer the JSON pointer of the offending schema node
	 * @param problem what is wrong
	 * @param fix how to fix it
	 */
	public StrictSchemaViolation {
		Objects.requireNonNull(pointer, "'pointer' must not be null");
		Objects.requireNonNull(problem, "'problem' must not be null");
		Objects.requireNonNull(fix, "'fix' must not be null");
	}

	/**
	 * Returns the Java-side name of the offending node: parameters and properties joined
	 * with dots, {@code []} for list items, definitions by their type name; for example
	 * {@code person.addresses[].zip}.
	 * @return the path, or {@code "(root)"} for the root
	 */
	public String path() {
		String[] segments = this.pointer.isEmpty() ? new String[0] : this.pointer.substring(1).split("/", -1);
		StringBuilder path = new StringBuilder();
		for (int i = 0; i < segments.length; i++) {
			String segment = segments[i].replace("~1", "/").replace("~0", "~");
			if ((segment.equals("properties") || segment.equals("$defs")) && i + 1 < segments.length) {
				String name = segments[++i].replace("~1", "/").replace("~0", "~");
				if (path.length() > 0) {
					path.append('.');
				}
				path.append(name);
			}
			else if (segment.equals("items")) {
				path.append("[]");
			}
			else if (segment.equals("anyOf") && i + 1 < segments.length) {
				path.append("(anyOf ").append(segments[++i]).append(')');
			}
		}
		return (path.length() == 0) ? "(root)" : path.toString();
	}

	/**
	 * Describes the violation in one line.
	 * @return {@code path (pointer): problem; fix}
	 */
	@Override
	public String toString() {
		return path() + " (" + (this.pointer.isEmpty() ? "/" : this.pointer) + "): " + this.problem + "; " + this.fix;
	}

}
