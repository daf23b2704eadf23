package dev.springcohere.api;

import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * A content block allowed in a {@link SystemMessage}: {@link TextContent}.
 *
 * @since 0.1.0
 */
@JsonDeserialize(using = ContentBlockDeserializer.ForSystem.class)
public sealed interface SystemContentBlock extends ContentBlock permits TextContent, UnknownContent {

}
