package dev.springcohere.engine.tokenizer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The variables of one chat template render, as Hugging Face's
 * {@code apply_chat_template} passes them: messages, tools and documents as plain maps
 * and lists (Python dicts and lists; keep insertion order with {@link LinkedHashMap}),
 * the generation-prompt flag, and any extra keyword arguments (such as
 * {@code enable_citations}).
 *
 * @param messages the conversation, each message a map with at least {@code role}
 * @param tools the tools in the OpenAI function format, or {@code null} when none are
 * given
 * @param documents the documents for grounded generation, or {@code null} when none are
 * given
 * @param addGenerationPrompt whether to end with the opening of the assistant's turn
 * @param extraVariables further template variables
 */
public record ChatTemplateRequest(List<Map<String, Object>> messages, @Nullable List<Map<String, Object>> tools,
		@Nullable List<Map<String, Object>> documents, boolean addGenerationPrompt,
		Map<String, Object> extraVariables) {

	/**
	 * Creates a request, copying the collections.
	 * @param messages the conversation
	 * @param tools the tools, or {@code null}
	 * @param documents the documents, or {@code null}
	 * @param addGenerationPrompt whether to end with the opening of the assistant's turn
	 * @param extraVariables further template variables
	 */
	public ChatTemplateRequest {
		Objects.requireNonNull(messages, "'messages' must not be null");
		Objects.requireNonNull(extraVariables, "'extraVariables' must not be null");
		messages = List.copyOf(messages);
		tools = (tools != null) ? List.copyOf(tools) : null;
		documents = (documents != null) ? List.copyOf(documents) : null;
		extraVariables = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(extraVariables));
	}

	/**
	 * Starts a request for the given messages, with the generation prompt on and no tools
	 * or documents.
	 * @param messages the conversation
	 * @return a builder
	 */
	public static Builder builder(List<? extends Map<String, ?>> messages) {
		return new Builder(messages);
	}

	/** Builds a {@link ChatTemplateRequest}. */
	public static final class Builder {

		private final List<Map<String, Object>> messages;

		private @Nullable List<Map<String, Object>> tools;

		private @Nullable List<Map<String, Object>> documents;

		private boolean addGenerationPrompt = true;

		private final Map<String, Object> extraVariables = new LinkedHashMap<>();

		private Builder(List<? extends Map<String, ?>> messages) {
			Objects.requireNonNull(messages, "'messages' must not be null");
			this.messages = copy(messages);
		}

		/**
		 * Sets the tools.
		 * @param tools the tools in the OpenAI function format, or {@code null}
		 * @return this builder
		 */
		public Builder tools(@Nullable List<? extends Map<String, ?>> tools) {
			this.tools = (tools != null) ? copy(tools) : null;
			return this;
		}

		/**
		 * Sets the documents.
		 * @param documents the documents, or {@code null}
		 * @return this builder
		 */
		public Builder documents(@Nullable List<? extends Map<String, ?>> documents) {
			this.documents = (documents != null) ? copy(documents) : null;
			return this;
		}

		/**
		 * Sets whether to end with the opening of the assistant's turn (default
		 * {@code true}).
		 * @param addGenerationPrompt the flag
		 * @return this builder
		 */
		public Builder addGenerationPrompt(boolean addGenerationPrompt) {
			this.addGenerationPrompt = addGenerationPrompt;
			return this;
		}

		/**
		 * Adds a template variable, like a keyword argument of
		 * {@code apply_chat_template}.
		 * @param name the variable name
		 * @param value the value (maps, lists, strings, numbers, booleans), or
		 * {@code null} for Python's {@code None}
		 * @return this builder
		 */
		public Builder variable(String name, @Nullable Object value) {
			Objects.requireNonNull(name, "'name' must not be null");
			this.extraVariables.put(name, value);
			return this;
		}

		/**
		 * Builds the request.
		 * @return the request
		 */
		public ChatTemplateRequest build() {
			return new ChatTemplateRequest(this.messages, this.tools, this.documents, this.addGenerationPrompt,
					this.extraVariables);
		}

		@SuppressWarnings("unchecked")
		private static List<Map<String, Object>> copy(List<? extends Map<String, ?>> items) {
			List<Map<String, Object>> copy = new ArrayList<>(items.size());
			for (Map<String, ?> item : items) {
				Objects.requireNonNull(item, "list entries must not be null");
				copy.add((Map<String, Object>) item);
			}
			return copy;
		}

	}

}
