package dev.springcohere.api;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * A source of a {@link Citation}, discriminated by {@code type}: a
 * {@link DocumentSource}, a {@link ToolSource}, or an {@link UnknownSource} for a type
 * this library does not know.
 *
 * @since 0.1.0
 */
@JsonDeserialize(using = SourceDeserializer.class)
public sealed interface Source permits DocumentSource, ToolSource, UnknownSource {

	/**
	 * Returns the source type, written as the {@code type} property ({@code document},
	 * {@code tool}, ...).
	 * @return the type
	 */
	String type();

	/**
	 * Returns the source id: the document id or the tool call id, or {@code null} if the
	 * server sent none.
	 * @return the id
	 */
	@Nullable String id();

}
