package dev.springcohere.springai;

import java.util.List;
import java.util.Objects;

import dev.springcohere.api.CohereJson;
import dev.springcohere.tool.ToolScanner;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.ToolCallbackProvider;

/**
 * Exposes {@code @CohereTool} methods as Spring AI {@link ToolCallback}s, for
 * {@code ChatClient.tools(..)}, {@code ToolCallingChatOptions.toolCallbacks(..)} or a
 * {@link ToolCallbackProvider} bean. The schemas come from our generator (the same as for
 * {@code CohereClient}'s agent loop), arguments are validated before the method runs.
 *
 * @since 0.1.0
 */
public final class CohereToolCallbacks {

	private CohereToolCallbacks() {
	}

	/**
	 * Scans the given objects for {@code @CohereTool} methods.
	 * @param toolObjects objects with {@code @CohereTool} methods
	 * @return one Spring AI callback per tool method
	 * @throws IllegalArgumentException if an object has no tool method or two tools share
	 * a name (as {@link ToolScanner} reports it)
	 */
	public static ToolCallback[] from(Object... toolObjects) {
		Objects.requireNonNull(toolObjects, "'toolObjects' must not be null");
		return from(new ToolScanner().scan(toolObjects)).toArray(new ToolCallback[0]);
	}

	/**
	 * Wraps our callbacks (from a {@link ToolScanner} or a tool registry) as Spring AI
	 * callbacks.
	 * @param callbacks our callbacks
	 * @return the Spring AI callbacks, in the same order
	 */
	public static List<ToolCallback> from(List<? extends dev.springcohere.tool.ToolCallback> callbacks) {
		Objects.requireNonNull(callbacks, "'callbacks' must not be null");
		JsonMapper mapper = CohereJson.createMapper();
		return callbacks.stream()
			.<ToolCallback>map(
					(dev.springcohere.tool.ToolCallback callback) -> new CohereSpringAiToolCallback(callback, mapper))
			.toList();
	}

	/**
	 * Scans the given objects for {@code @CohereTool} methods and offers them as a
	 * provider.
	 * @param toolObjects objects with {@code @CohereTool} methods
	 * @return a provider of one Spring AI callback per tool method
	 */
	public static ToolCallbackProvider provider(Object... toolObjects) {
		return ToolCallbackProvider.from(from(toolObjects));
	}

}
