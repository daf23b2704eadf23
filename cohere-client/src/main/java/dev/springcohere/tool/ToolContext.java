package dev.springcohere.tool;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * What the caller of a conversation passes to its tools besides the model's arguments: a
 * conversation id and any data of its own (the current user, a tenant, a transaction). A
 * tool method receives it by declaring a {@code ToolContext} parameter, which is not part
 * of the tool's JSON schema. Immutable.
 *
 * @since 0.1.0
 */
public final class ToolContext {

	private static final ToolContext EMPTY = new ToolContext(null, Map.of());

	private final @Nullable String conversationId;

	private final Map<String, Object> data;

	private ToolContext(@Nullable String conversationId, Map<String, Object> data) {
		this.conversationId = conversationId;
		this.data = Map.copyOf(data);
	}

	/**
	 * A context without conversation id or data.
	 * @return the empty context
	 */
	public static ToolContext empty() {
		return EMPTY;
	}

	/**
	 * Creates a context.
	 * @param conversationId the conversation id, or {@code null}
	 * @param data the caller's data (no {@code null} keys or values)
	 * @return the context
	 */
	public static ToolContext of(@Nullable String conversationId, Map<String, ?> data) {
		Objects.requireNonNull(data, "'data' must not be null");
		return new ToolContext(conversationId, new LinkedHashMap<>(data));
	}

	/**
	 * Returns the conversation id.
	 * @return the id, or empty when none was given
	 */
	public Optional<String> conversationId() {
		return Optional.ofNullable(this.conversationId);
	}

	/**
	 * Returns the caller's data.
	 * @return an unmodifiable map
	 */
	public Map<String, Object> data() {
		return this.data;
	}

	/**
	 * Returns one value of the caller's data.
	 * @param key the key
	 * @param type the expected type
	 * @param <T> the type
	 * @return the value, or empty when absent
	 * @throws ClassCastException if the value has another type
	 */
	public <T> Optional<T> get(String key, Class<T> type) {
		Object value = this.data.get(key);
		return (value != null) ? Optional.of(type.cast(value)) : Optional.empty();
	}

	/**
	 * Returns a copy with one more entry.
	 * @param key the key
	 * @param value the value
	 * @return a new context
	 */
	public ToolContext with(String key, Object value) {
		Map<String, Object> copy = new LinkedHashMap<>(this.data);
		copy.put(Objects.requireNonNull(key, "'key' must not be null"),
				Objects.requireNonNull(value, "'value' must not be null"));
		return new ToolContext(this.conversationId, copy);
	}

	@Override
	public String toString() {
		return "ToolContext[conversationId=" + this.conversationId + ", keys=" + this.data.keySet() + "]";
	}

}
