package dev.springcohere.api;

import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * A content block allowed in an {@link AssistantMessage}: {@link TextContent} or
 * {@link ThinkingContent}.
 *
 * @since 0.1.0
 */
@JsonDeserialize(using = ContentBlockDeserializer.ForAssistant.class)
public sealed interface AssistantContentBlock extends ContentBlock
		permits TextContent, ThinkingContent, UnknownContent {

}
