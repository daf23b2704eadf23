package dev.springcohere.api;

import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * A content block allowed in a {@link UserMessage}: {@link TextContent} or
 * {@link ImageUrlContent}.
 *
 * @since 0.1.0
 */
@JsonDeserialize(using = ContentBlockDeserializer.ForUser.class)
public sealed interface UserContentBlock extends ContentBlock permits TextContent, ImageUrlContent, UnknownContent {

}
