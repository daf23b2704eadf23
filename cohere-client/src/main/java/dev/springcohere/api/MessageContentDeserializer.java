package dev.springcohere.api;

import java.util.List;

import org.jspecify.annotations.Nullable;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ValueDeserializer;

/**
 * Reads {@link MessageContent}: a JSON string becomes {@link MessageContent.Text}, an
 * array becomes {@link MessageContent.Blocks} of the block type declared by the property
 * ({@code MessageContent<UserContentBlock>} and so on).
 */
final class MessageContentDeserializer extends ValueDeserializer<MessageContent<?>> {

	private final @Nullable JavaType blockType;

	MessageContentDeserializer() {
		this(null);
	}

	private MessageContentDeserializer(@Nullable JavaType blockType) {
		this.blockType = blockType;
	}

	@Override
	public ValueDeserializer<?> createContextual(DeserializationContext context, @Nullable BeanProperty property) {
		JavaType type = (property != null) ? property.getType() : context.getContextualType();
		JavaType contained = (type != null) ? type.containedType(0) : null;
		if (contained == null || contained.getRawClass() == ContentBlock.class) {
			contained = context.constructType(ContentBlock.class);
		}
		return new MessageContentDeserializer(contained);
	}

	@Override
	public MessageContent<?> deserialize(JsonParser parser, DeserializationContext context) {
		JsonToken token = parser.currentToken();
		if (token == JsonToken.VALUE_STRING) {
			return new MessageContent.Text<>(parser.getString());
		}
		if (token == JsonToken.START_ARRAY) {
			if (this.blockType == null || this.blockType.getRawClass() == ContentBlock.class) {
				return context.reportInputMismatch(MessageContent.class,
						"Message content blocks can only be read for a property typed with its role's block type, "
								+ "such as MessageContent<UserContentBlock>");
			}
			JavaType listType = context.getTypeFactory().constructCollectionType(List.class, this.blockType);
			List<ContentBlock> blocks = context.readValue(parser, listType);
			return new MessageContent.Blocks<>(blocks);
		}
		return context.reportInputMismatch(MessageContent.class,
				"Message 'content' must be a string or an array of content blocks, got %s", token);
	}

}
