package dev.springcohere.tool;

import java.util.List;
import java.util.Objects;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

import dev.springcohere.api.Document;
import dev.springcohere.api.DocumentContent;
import dev.springcohere.api.TextContent;
import dev.springcohere.api.ToolContentBlock;

/**
 * The result of one tool call, as the content of the {@code tool} message sent back to
 * the model.
 * <p>
 * Results are sent as document content where possible, so that the model's citations can
 * point to them.
 *
 * @param content the content blocks of the tool message, never empty
 * @param error whether the call failed (the content then explains the failure to the
 * model)
 * @since 0.1.0
 */
public record ToolResult(List<ToolContentBlock> content, boolean error) {

	/**
	 * Creates a result.
	 * @param content the content blocks, never empty
	 * @param error whether the call failed
	 */
	public ToolResult {
		Objects.requireNonNull(content, "'content' must not be null");
		content = List.copyOf(content);
		if (content.isEmpty()) {
			throw new IllegalArgumentException("A tool result needs at least one content block");
		}
	}

	/**
	 * A successful result holding text.
	 * @param text the text
	 * @return the result
	 */
	public static ToolResult ofText(String text) {
		return new ToolResult(List.of(TextContent.of(text)), false);
	}

	/**
	 * A successful result holding a JSON value as one document (objects as they are,
	 * other values wrapped as {@code {"value": ...}}, since a document's data is a JSON
	 * object).
	 * @param value the value
	 * @return the result
	 */
	public static ToolResult ofJson(JsonNode value) {
		Objects.requireNonNull(value, "'value' must not be null");
		JsonNode data = value.isObject() ? value : JsonNodeFactory.instance.objectNode().set("value", value);
		return new ToolResult(List.of(DocumentContent.of(new Document(null, data))), false);
	}

	/**
	 * A failed call, explained to the model.
	 * @param message what went wrong and, where possible, how the model can call the tool
	 * correctly
	 * @return the result
	 */
	public static ToolResult error(String message) {
		Objects.requireNonNull(message, "'message' must not be null");
		return new ToolResult(List.of(TextContent.of(message)), true);
	}

	/**
	 * Tells whether the call failed.
	 * @return {@code true} for a failed call
	 */
	public boolean isError() {
		return this.error;
	}

}
