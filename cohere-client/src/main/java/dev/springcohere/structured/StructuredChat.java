package dev.springcohere.structured;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.springcohere.api.AssistantMessage;
import dev.springcohere.api.ChatMessage;
import dev.springcohere.api.ChatRequest;
import dev.springcohere.api.ChatResponse;
import dev.springcohere.api.ChatStreamAccumulator;
import dev.springcohere.api.StreamEvent;
import dev.springcohere.api.UserMessage;
import dev.springcohere.client.CohereClient;

/**
 * Chat calls that return typed answers: the request gets the type's
 * {@code response_format}, the answer is parsed and validated by its
 * {@link StructuredOutputSpec}. With repair on, one failed answer is sent back to the
 * model with the errors (an assistant message holding the answer, then a user message
 * listing the errors) and the second answer is parsed; a second failure throws.
 * Thread-safe. <pre>{@code
 * Contact contact = StructuredChat.of(cohere).entity(request, Contact.class);
 * }</pre>
 *
 * @since 0.1.0
 */
public final class StructuredChat {

	private final Function<ChatRequest, ChatResponse> chat;

	private final Function<ChatRequest, Flux<StreamEvent>> stream;

	private final StructuredOutputs outputs;

	/**
	 * Creates a structured chat over chat functions.
	 * @param chat sends a request and returns the complete answer
	 * @param stream sends a request and streams the answer
	 * @param outputs the specs of the answer types
	 */
	public StructuredChat(Function<ChatRequest, ChatResponse> chat, Function<ChatRequest, Flux<StreamEvent>> stream,
			StructuredOutputs outputs) {
		this.chat = Objects.requireNonNull(chat, "'chat' must not be null");
		this.stream = Objects.requireNonNull(stream, "'stream' must not be null");
		this.outputs = Objects.requireNonNull(outputs, "'outputs' must not be null");
	}

	/**
	 * Creates a structured chat over a client.
	 * @param client the client whose {@code chat} and {@code chatStream} send the
	 * requests
	 * @return the structured chat
	 */
	public static StructuredChat of(CohereClient client) {
		Objects.requireNonNull(client, "'client' must not be null");
		return new StructuredChat(client::chat, client::chatStream, new StructuredOutputs());
	}

	/**
	 * Returns the specs of the answer types.
	 * @return the factory of specs
	 */
	public StructuredOutputs outputs() {
		return this.outputs;
	}

	/**
	 * Sends a request and parses the answer into a type, without repair; blocks.
	 * @param request the request, without tools or documents; its response format is
	 * replaced by the type's
	 * @param type the answer type, a record or class (optionally
	 * {@code @StructuredOutput})
	 * @param <T> the answer type
	 * @return the validated answer
	 * @throws StructuredOutputException if the answer does not parse or validate
	 */
	public <T> T entity(ChatRequest request, Class<T> type) {
		return entity(request, type, false);
	}

	/**
	 * Sends a request and parses the answer into a type; blocks.
	 * @param request the request, without tools or documents (Cohere rejects them with a
	 * response format); its response format is replaced by the type's
	 * @param type the answer type
	 * @param repair whether one invalid answer is sent back to the model with its errors
	 * for a second try
	 * @param <T> the answer type
	 * @return the validated answer
	 * @throws StructuredOutputException if the (last) answer does not parse or validate
	 * @throws IllegalArgumentException if the request has tools or documents
	 */
	public <T> T entity(ChatRequest request, Class<T> type, boolean repair) {
		StructuredOutputSpec<T> spec = this.outputs.spec(type);
		ChatRequest sent = withFormat(request, spec);
		String text = this.chat.apply(sent).text();
		try {
			return spec.parse(text);
		}
		catch (StructuredOutputException ex) {
			if (!repair) {
				throw ex;
			}
			String second = this.chat.apply(repairRequest(sent, ex)).text();
			try {
				return spec.parse(second);
			}
			catch (StructuredOutputException again) {
				again.addSuppressed(ex);
				throw again;
			}
		}
	}

	/**
	 * Streams a request, collects the answer and parses it when the stream ends.
	 * @param request the request, without tools or documents
	 * @param type the answer type
	 * @param <T> the answer type
	 * @return a cold {@code Mono} of the validated answer, failing with
	 * {@link StructuredOutputException}
	 */
	public <T> Mono<T> entityStream(ChatRequest request, Class<T> type) {
		return Mono.defer(() -> {
			StructuredOutputSpec<T> spec = this.outputs.spec(type);
			ChatRequest sent = withFormat(request, spec);
			return this.stream.apply(sent)
				.reduce(new ChatStreamAccumulator(), ChatStreamAccumulator::accept)
				.map((accumulator) -> spec.parse(accumulator.result().text()));
		});
	}

	/**
	 * Returns the request with a type's response format.
	 * @param request the request
	 * @param spec the spec of the answer type
	 * @return the request to send
	 * @throws IllegalArgumentException if the request has tools or documents
	 */
	public static ChatRequest withFormat(ChatRequest request, StructuredOutputSpec<?> spec) {
		Objects.requireNonNull(request, "'request' must not be null");
		Objects.requireNonNull(spec, "'spec' must not be null");
		if (!request.tools().isEmpty() || !request.documents().isEmpty()) {
			throw new IllegalArgumentException("A structured answer (" + spec.name() + ") cannot be asked for in a"
					+ " request with tools or documents: Cohere rejects response_format together with them. Run the"
					+ " tools or retrieval first, then ask for the structured answer in a request without them");
		}
		return request.mutate().responseFormat(spec.responseFormat()).build();
	}

	/**
	 * Returns the request that asks the model to correct an invalid answer: the sent
	 * request plus the answer as an assistant message and a user message listing the
	 * errors.
	 * @param sent the request that produced the answer
	 * @param failure the parse or validation failure
	 * @return the repair request
	 */
	public static ChatRequest repairRequest(ChatRequest sent, StructuredOutputException failure) {
		Objects.requireNonNull(sent, "'sent' must not be null");
		Objects.requireNonNull(failure, "'failure' must not be null");
		List<ChatMessage> messages = new ArrayList<>(sent.messages());
		messages.add(AssistantMessage.of(failure.getRawText()));
		messages.add(UserMessage.of("Your answer does not match the required JSON schema of " + failure.getTypeName()
				+ ":\n- " + String.join("\n- ", failure.getErrors())
				+ "\nAnswer again with only the corrected JSON object."));
		return sent.mutate().messages(messages).build();
	}

}
