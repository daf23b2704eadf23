package dev.springcohere.api;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonValue;

import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * The {@code content} of a chat message, which the API accepts either as a plain string
 * or as a list of content blocks; the form given is kept, so a string is written back as
 * a string.
 *
 * @param <B> the content blocks allowed for the message role
 * @since 0.1.0
 */
@JsonDeserialize(using = MessageContentDeserializer.class)
public sealed interface MessageContent<B extends ContentBlock> permits MessageContent.Text, MessageContent.Blocks {

	/**
	 * Creates content given as a plain string.
	 * @param <B> the content blocks allowed for the message role
	 * @param text the text
	 * @return the content
	 */
	static <B extends ContentBlock> MessageContent<B> of(String text) {
		return new Text<>(text);
	}

	/**
	 * Creates content given as a list of blocks.
	 * @param <B> the content blocks allowed for the message role
	 * @param blocks the blocks
	 * @return the content
	 */
	static <B extends ContentBlock> MessageContent<B> of(List<? extends B> blocks) {
		return new Blocks<B>(List.copyOf(Objects.requireNonNull(blocks, "'blocks' must not be null")));
	}

	/**
	 * Returns the text of this content: the string itself, or the text of all
	 * {@link TextContent} blocks joined without separator (other blocks are skipped).
	 * @return the text, possibly empty
	 */
	String text();

	/**
	 * Returns the content as blocks: a single {@link TextContent} for a plain string, the
	 * blocks otherwise.
	 * @return the blocks
	 */
	List<ContentBlock> asBlocks();

	/**
	 * Content given as a plain string.
	 *
	 * @param <B> the content blocks allowed for the message role
	 * @param text the text
	 */
	record Text<B extends ContentBlock>(String text) implements MessageContent<B> {

		/**
		 * Creates string content.
		 * @param text the text
		 */
		public Text {
			Objects.requireNonNull(text, "'text' must not be null");
		}

		@Override
		@JsonValue
		public String text() {
			return this.text;
		}

		@Override
		public List<ContentBlock> asBlocks() {
			return List.of(new TextContent(this.text));
		}

	}

	/**
	 * Content given as a list of blocks.
	 *
	 * @param <B> the content blocks allowed for the message role
	 * @param blocks the blocks
	 */
	record Blocks<B extends ContentBlock>(List<B> blocks) implements MessageContent<B> {

		/**
		 * Creates block content.
		 * @param blocks the blocks, copied
		 */
		public Blocks {
			blocks = List.copyOf(Objects.requireNonNull(blocks, "'blocks' must not be null"));
		}

		/**
		 * Returns the blocks, written as the JSON array.
		 * @return the blocks
		 */
		@Override
		@JsonValue
		public List<B> blocks() {
			return this.blocks;
		}

		@Override
		public String text() {
			return this.blocks.stream()
				.filter(TextContent.class::isInstance)
				.map((block) -> ((TextContent) block).text())
				.collect(Collectors.joining());
		}

		@Override
		public List<ContentBlock> asBlocks() {
			return List.copyOf(this.blocks);
		}

	}

}
