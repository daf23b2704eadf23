package dev.springcohere.client;

import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.springcohere.api.ChatRequest;
import dev.springcohere.api.ChatResponse;
import dev.springcohere.api.CheckApiKeyResponse;
import dev.springcohere.api.DetokenizeRequest;
import dev.springcohere.api.DetokenizeResponse;
import dev.springcohere.api.EmbedRequest;
import dev.springcohere.api.EmbedResponse;
import dev.springcohere.api.ListModelsRequest;
import dev.springcohere.api.ListModelsResponse;
import dev.springcohere.api.RerankRequest;
import dev.springcohere.api.RerankResponse;
import dev.springcohere.api.StreamEvent;
import dev.springcohere.api.TokenizeRequest;
import dev.springcohere.api.TokenizeResponse;
import dev.springcohere.api.UserMessage;
import dev.springcohere.api.error.CohereException;

/**
 * The core calls of Cohere's API, implemented by {@link CohereClient}: chat (complete,
 * reactive, streamed, blocking stream), embed, rerank, tokenize, detokenize, model
 * listing and the key check, with the convenience forms built on them. Code that only
 * makes these calls can depend on this interface (and a test can stand in for it), as
 * Spring's {@code RestOperations} is to {@code RestTemplate}.
 *
 * @since 0.1.0
 */
public interface CohereOperations {

	/**
	 * Sends a chat request and returns the complete answer; blocks.
	 * @param request the request; unset options get the client's {@link RequestDefaults}
	 * @return the answer
	 * @throws CohereException when the call fails
	 */
	ChatResponse chat(ChatRequest request);

	/**
	 * Sends one user message and returns the complete answer; blocks.
	 * @param userMessage the message
	 * @return the answer (its text is {@link ChatResponse#text()})
	 * @throws CohereException when the call fails
	 */
	default ChatResponse chat(String userMessage) {
		return chat(userMessageRequest(userMessage));
	}

	/**
	 * Reactive form of {@link #chat(ChatRequest)}; nothing is sent before subscription.
	 * @param request the request; unset options get the defaults
	 * @return a {@code Mono} of the answer
	 */
	Mono<ChatResponse> chatAsync(ChatRequest request);

	/**
	 * Streams the answer as typed events (see
	 * {@link dev.springcohere.backend.CohereBackend#chatStream}); a
	 * {@link dev.springcohere.api.ChatStreamAccumulator} builds the complete answer.
	 * @param request the request; unset options get the defaults
	 * @return a cold {@code Flux} of events that ends with {@code message-end}, or with
	 * an error
	 */
	Flux<StreamEvent> chatStream(ChatRequest request);

	/**
	 * Streams the answer as typed events, read while the caller consumes them: the
	 * blocking form of {@link #chatStream(ChatRequest)}, for code that handles events in
	 * a loop. Nothing is sent before the stream's first terminal operation, and each
	 * event is read when it is asked for; on the OkHttp engine the answer is read on the
	 * calling thread, with no thread hand-off (other engines and backends deliver each
	 * event from their own threads to the waiting caller). <pre>{@code
	 * try (Stream<StreamEvent> events = cohere.chatStreamBlocking(request)) {
	 *     events.forEach(accumulator::accept);
	 * }
	 * }</pre>
	 * @param request the request; unset options get the defaults
	 * @return a sequential stream of the events, ending with {@code message-end}; close
	 * it when it is not consumed to its end (closing cancels the call)
	 * @throws CohereException from the stream's operations when the call fails
	 * @since 0.1.0
	 */
	default Stream<StreamEvent> chatStreamBlocking(ChatRequest request) {
		return CallerThreadStream.of(chatStream(request));
	}

	/**
	 * Streams only the text of the answer, fragment by fragment (thinking, tool calls and
	 * citations are left out).
	 * @param request the request; unset options get the defaults
	 * @return a cold {@code Flux} of non-empty text fragments, ending with an error when
	 * the stream fails
	 */
	default Flux<String> chatStreamText(ChatRequest request) {
		return chatStream(request).ofType(StreamEvent.ContentDelta.class)
			.mapNotNull(StreamEvent.ContentDelta::text)
			.filter((text) -> !text.isEmpty());
	}

	/**
	 * Streams only the text of the answer to one user message.
	 * @param userMessage the message
	 * @return a cold {@code Flux} of non-empty text fragments
	 */
	default Flux<String> chatStreamText(String userMessage) {
		return chatStreamText(userMessageRequest(userMessage));
	}

	/**
	 * Embeds texts, images or inputs, in batches when there are more than the batch size;
	 * blocks.
	 * @param request the request; unset options get the defaults
	 * @return the embeddings, in input order
	 * @throws CohereException when a call fails (for a batch, the message names its input
	 * range)
	 */
	EmbedResponse embed(EmbedRequest request);

	/**
	 * Reactive form of {@link #embed(EmbedRequest)}: batches are sent with the configured
	 * concurrency.
	 * @param request the request; unset options get the defaults
	 * @return a {@code Mono} of the embeddings, in input order
	 */
	Mono<EmbedResponse> embedAsync(EmbedRequest request);

	/**
	 * Orders documents by relevance to a query; blocks.
	 * @param request the request; unset options get the defaults
	 * @return the ranking
	 * @throws CohereException when the call fails
	 */
	RerankResponse rerank(RerankRequest request);

	/**
	 * Reactive form of {@link #rerank(RerankRequest)}.
	 * @param request the request; unset options get the defaults
	 * @return a {@code Mono} of the ranking
	 */
	Mono<RerankResponse> rerankAsync(RerankRequest request);

	/**
	 * Splits a text into tokens; blocks.
	 * @param request the request; without a model, the default chat model is used
	 * @return the tokens
	 * @throws CohereException when the call fails
	 */
	TokenizeResponse tokenize(TokenizeRequest request);

	/**
	 * Splits a text into the tokens of the default chat model; blocks.
	 * @param text the text
	 * @return the tokens
	 */
	default TokenizeResponse tokenize(String text) {
		return tokenize(TokenizeRequest.of(null, text));
	}

	/**
	 * Turns tokens back into text; blocks.
	 * @param request the request; without a model, the default chat model is used
	 * @return the text
	 * @throws CohereException when the call fails
	 */
	DetokenizeResponse detokenize(DetokenizeRequest request);

	/**
	 * Turns tokens of the default chat model back into text; blocks.
	 * @param tokens the tokens
	 * @return the text
	 */
	default DetokenizeResponse detokenize(List<Integer> tokens) {
		return detokenize(DetokenizeRequest.of(null, tokens));
	}

	/**
	 * Lists models; blocks.
	 * @param request the filter and page
	 * @return one page of models
	 * @throws CohereException when the call fails
	 */
	ListModelsResponse models(ListModelsRequest request);

	/**
	 * Lists the first page of all models; blocks.
	 * @return one page of models
	 */
	default ListModelsResponse models() {
		return models(ListModelsRequest.all());
	}

	/**
	 * Checks that the API key of the backend is valid and active ({@code platform} and
	 * {@code private}: {@code POST /v1/check-api-key}); blocks.
	 * @return the answer: {@code valid}, the organization and the owner of the key
	 * @throws CohereException when the call fails (a rejected key is a
	 * {@code CohereAuthenticationException}, a backend without the check an
	 * {@code UnsupportedCapabilityException})
	 * @since 0.1.0
	 */
	CheckApiKeyResponse checkApiKey();

	private static ChatRequest userMessageRequest(String userMessage) {
		return ChatRequest.builder()
			.messages(UserMessage.of(Objects.requireNonNull(userMessage, "'userMessage' must not be null")))
			.build();
	}

}
