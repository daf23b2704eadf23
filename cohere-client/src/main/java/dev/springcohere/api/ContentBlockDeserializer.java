package dev.springcohere.api;

import java.util.List;
import java.util.stream.Collectors;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ValueDeserializer;

/**
 * Reads a content block by its {@code type}, checking that the block is allowed for the
 * message role.
 */
abstract class ContentBlockDeserializer<B extends ContentBlock> extends ValueDeserializer<B> {

	private final Class<B> target;

	private final String role;

	private final List<ContentType> allowed;

	ContentBlockDeserializer(Class<B> target, String role, List<ContentType> allowed) {
		this.target = target;
		this.role = role;
		this.allowed = allowed;
	}

	@Override
	public B deserialize(JsonParser parser, DeserializationContext context) {
		JsonNode node = context.readTree(parser);
		if (!node.isObject() || !node.path("type").isString()) {
			return context.reportInputMismatch(this.target,
					"A content block of a %s message must be an object with a string 'type' (one of %s), got: %s",
					this.role, names(), node);
		}
		ContentType type = ContentType.of(node.get("type").asString());
		ContentBlock block;
		if (ContentType.TEXT.equals(type)) {
			block = context.readTreeAsValue(node, TextContent.class);
		}
		else if (ContentType.IMAGE_URL.equals(type)) {
			block = context.readTreeAsValue(node, ImageUrlContent.class);
		}
		else if (ContentType.DOCUMENT.equals(type)) {
			block = context.readTreeAsValue(node, DocumentContent.class);
		}
		else if (ContentType.THINKING.equals(type)) {
			block = context.readTreeAsValue(node, ThinkingContent.class);
		}
		else {
			block = new UnknownContent(node);
		}
		if (!this.target.isInstance(block)) {
			return context.reportInputMismatch(this.target,
					"Content block type '%s' is not allowed in a %s message; allowed types: %s", type, this.role,
					names());
		}
		return this.target.cast(block);
	}

	private String names() {
		return this.allowed.stream().map(ContentType::value).collect(Collectors.joining(", "));
	}

	static final class ForUser extends ContentBlockDeserializer<UserContentBlock> {

		ForUser() {
			super(UserContentBlock.class, "user", List.of(ContentType.TEXT, ContentType.IMAGE_URL));
		}

	}

	static final class ForSystem extends ContentBlockDeserializer<SystemContentBlock> {

		ForSystem() {
			super(SystemContentBlock.class, "system", List.of(ContentType.TEXT));
		}

	}

	static final class ForAssistant extends ContentBlockDeserializer<AssistantContentBlock> {

		ForAssistant() {
			super(AssistantContentBlock.class, "assistant", List.of(ContentType.TEXT, ContentType.THINKING));
		}

	}

	static final class ForTool extends ContentBlockDeserializer<ToolContentBlock> {

		ForTool() {
			super(ToolContentBlock.class, "tool", List.of(ContentType.TEXT, ContentType.DOCUMENT));
		}

	}

}
