package dev.springcohere.api;

/**
 * A block of message content, discriminated by its {@code type}.
 * <p>
 * Which blocks a message may hold depends on its role; each role has its own sealed
 * interface: {@link UserContentBlock} (text, image_url), {@link SystemContentBlock}
 * (text), {@link AssistantContentBlock} (text, thinking) and {@link ToolContentBlock}
 * (text, document). A block of a type this library does not know is kept as
 * {@link UnknownContent}.
 *
 * @since 0.1.0
 */
public sealed interface ContentBlock
		permits UserContentBlock, SystemContentBlock, AssistantContentBlock, ToolContentBlock {

	/**
	 * Returns the block type, written as the {@code type} property.
	 * @return the block type
	 */
	ContentType type();

}
