package dev.springcohere.api;

import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * A content block allowed in a {@link ToolMessage}: {@link TextContent} or
 * {@link DocumentContent}.
 *
 * @since 0.1.0
 */
@JsonDeserialize(using = ContentBlockDeserializer.ForTool.class)
public sealed interface ToolContentBlock extends ContentBlock permits TextContent, DocumentContent, UnknownContent {

}
