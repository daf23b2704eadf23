package dev.springcohere.api;

import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * A message of a chat conversation, discriminated by its {@code role}:
 * {@link SystemMessage}, {@link UserMessage}, {@link AssistantMessage} or
 * {@link ToolMessage}.
 * <p>
 * Reading a message with a role other than these four fails with a message naming the
 * role, because a conversation with a message dropped would be silently different.
 *
 * @since 0.1.0
 */
@JsonDeserialize(using = ChatMessageDeserializer.class)
public sealed interface ChatMessage permits SystemMessage, UserMessage, AssistantMessage, ToolMessage {

	/**
	 * Returns the role, written as the {@code role} property.
	 * @return the role
	 */
	Role role();

}
