package dev.springcohere.engine.constrain;

/**
 * A JSON schema that constrained decoding cannot enforce: an unsupported keyword, a
 * malformed value or an unsatisfiable combination. The message names the keyword and
 * where it is in the schema.
 *
 * @since 0.1.0
 */
public class UnsupportedSchemaException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	private final String keyword;

	private final String location;

	/**
	 * Creates an exception.
	 * @param keyword the offending keyword, such as {@code oneOf}
	 * @param location the JSON pointer of the schema object holding it ({@code ""} for
	 * the root)
	 * @param message what is wrong and how to fix it
	 */
	public UnsupportedSchemaException(String keyword, String location, String message) {
		super("Schema keyword '" + keyword + "' at '" + (location.isEmpty() ? "/" : location) + "': " + message);
		this.keyword = keyword;
		this.location = location;
	}

	/**
	 * The offending keyword.
	 * @return the keyword
	 */
	public String keyword() {
		return this.keyword;
	}

	/**
	 * Where the keyword is: the JSON pointer of the schema object holding it.
	 * @return the pointer, {@code ""} for the root
	 */
	public String location() {
		return this.location;
	}

}
