package dev.springcohere.springai;

import java.util.Objects;

import dev.springcohere.api.ContentBlock;
import dev.springcohere.api.DocumentContent;
import dev.springcohere.api.TextContent;
import dev.springcohere.api.Tool;
import dev.springcohere.tool.ToolResult;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.ai.chat.model.ToolContext;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.ToolDefinition;

/**
 * A Spring AI {@link ToolCallback} over one of our
 * {@link dev.springcohere.tool.ToolCallback}s (typically a {@code @CohereTool} method):
 * the definition carries our name, description and generated JSON schema; a call runs our
 * callback (arguments validated against the schema) and answers its result as text, a
 * JSON document as JSON. Failures of the tool are answered as text for the model to read,
 * never thrown.
 *
 * @since 0.1.0
 */
public final class CohereSpringAiToolCallback implements ToolCallback {

	private final dev.springcohere.tool.ToolCallback delegate;

	private final ToolDefinition definition;

	private final JsonMapper mapper;

	CohereSpringAiToolCallback(dev.springcohere.tool.ToolCallback delegate, JsonMapper mapper) {
		this.delegate = Objects.requireNonNull(delegate, "'delegate' must not be null");
		this.mapper = mapper;
		Tool.Function function = Objects.requireNonNull(delegate.definition().function(),
				() -> "The definition of " + delegate + " has no function");
		this.definition = ToolDefinition.builder()
			.name(function.name())
			.description((function.description() != null) ? function.description() : function.name())
			.inputSchema(mapper.writeValueAsString(function.parameters()))
			.build();
	}

	/**
	 * Returns the wrapped callback.
	 * @return our callback
	 */
	public dev.springcohere.tool.ToolCallback getDelegate() {
		return this.delegate;
	}

	@Override
	public ToolDefinition getToolDefinition() {
		return this.definition;
	}

	@Override
	public String call(String toolInput) {
		return call(toolInput, null);
	}

	@Override
	public String call(String toolInput, @Nullable ToolContext toolContext) {
		dev.springcohere.tool.ToolContext context = (toolContext != null)
				? dev.springcohere.tool.ToolContext.of(null, toolContext.getContext())
				: dev.springcohere.tool.ToolContext.empty();
		ToolResult result = this.delegate.call(toolInput, context);
		return text(result);
	}

	private String text(ToolResult result) {
		if (result.content().size() == 1) {
			return text(result.content().get(0));
		}
		StringBuilder text = new StringBuilder();
		for (ContentBlock block : result.content()) {
			if (text.length() > 0) {
				text.append('\n');
			}
			text.append(text(block));
		}
		return text.toString();
	}

	private String text(ContentBlock block) {
		if (block instanceof TextContent content) {
			return content.text();
		}
		if (block instanceof DocumentContent content) {
			return this.mapper.writeValueAsString(content.document().data());
		}
		return this.mapper.writeValueAsString(block);
	}

	@Override
	public String toString() {
		return "CohereSpringAiToolCallback{" + this.delegate + "}";
	}

}
