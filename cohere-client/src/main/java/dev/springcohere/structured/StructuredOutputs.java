package dev.springcohere.structured;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import dev.springcohere.tool.JsonSchemaGenerator;
import dev.springcohere.tool.StrictSchemaChecker;

/**
 * Makes (and caches) the {@link StructuredOutputSpec} of Java types, with the same schema
 * generator and strict subset check as tools. Any record or class with properties works;
 * {@code @StructuredOutput} adds a name and a description. Thread-safe.
 *
 * @since 0.1.0
 */
public final class StructuredOutputs {

	private final JsonSchemaGenerator generator;

	private final StrictSchemaChecker checker;

	private final Map<Class<?>, StructuredOutputSpec<?>> specs = new ConcurrentHashMap<>();

	/**
	 * Creates a factory with a new {@link JsonSchemaGenerator}.
	 */
	public StructuredOutputs() {
		this(new JsonSchemaGenerator());
	}

	/**
	 * Creates a factory.
	 * @param generator the schema generator, whose mapper parses the answers
	 */
	public StructuredOutputs(JsonSchemaGenerator generator) {
		this.generator = Objects.requireNonNull(generator, "'generator' must not be null");
		this.checker = new StrictSchemaChecker();
	}

	/**
	 * Returns the spec of a type.
	 * @param type the answer type, whose schema root must be an object
	 * @param <T> the answer type
	 * @return the spec
	 * @throws dev.springcohere.tool.StrictSchemaException if the type's schema does not
	 * fit the subset Cohere accepts for {@code response_format}, naming each property and
	 * what to change
	 */
	@SuppressWarnings("unchecked")
	public <T> StructuredOutputSpec<T> spec(Class<T> type) {
		Objects.requireNonNull(type, "'type' must not be null");
		return (StructuredOutputSpec<T>) this.specs.computeIfAbsent(type,
				(key) -> new StructuredOutputSpec<>(key, this.generator, this.checker));
	}

}
