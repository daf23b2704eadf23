package dev.springcohere.backend.v1;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.springcohere.api.RawResponse;
import dev.springcohere.api.RequestOptions;

import dev.springcohere.api.v1.GenerateRequest;
import dev.springcohere.api.v1.GenerateResponse;
import dev.springcohere.api.v1.GenerateStreamEvent;
import dev.springcohere.api.v1.SummarizeRequest;
import dev.springcohere.api.v1.SummarizeResponse;
import dev.springcohere.api.v1.V1ChatRequest;
import dev.springcohere.api.v1.V1ChatResponse;
import dev.springcohere.api.v1.V1ChatStreamEvent;

/**
 * Cohere's v1 text endpoints, typed: {@code /v1/chat} (complete, reactive, streamed) and
 * the legacy {@code /v1/generate} and {@code /v1/summarize}. Offered by the backends that
 * reach Cohere's HTTP API ({@code platform}, {@code private}); find one with
 * {@link #of(dev.springcohere.backend.CohereBackend)}. Requests are sent as given (no
 * default model is filled in: without one the server picks its own). Thread-safe.
 *
 * @since 0.1.0
 */
public interface CohereV1Backend {

	/**
	 * Returns the id of the backend, such as {@code platform}.
	 * @return the backend id
	 */
	String id();

	/**
	 * Sends a v1 chat request and returns the complete answer; blocks.
	 * @param request the request (its {@code stream} flag is ignored)
	 * @return the answer
	 * @throws dev.springcohere.api.error.CohereException when the call fails
	 */
	V1ChatResponse chat(V1ChatRequest request);

	/**
	 * Reactive form of {@link #chat(V1ChatRequest)}; nothing is sent before subscription.
	 * @param request the request
	 * @return a {@code Mono} of the answer
	 */
	Mono<V1ChatResponse> chatAsync(V1ChatRequest request);

	/**
	 * Streams the answer to a v1 chat request as typed events, ending with
	 * {@code stream-end}; a stream that ends without it ends with an error.
	 * @param request the request (streaming is asked for by the backend)
	 * @return a cold {@code Flux} of events; each subscription sends a request
	 */
	Flux<V1ChatStreamEvent> chatStream(V1ChatRequest request);

	/**
	 * Generates text from a prompt; blocks.
	 * @param request the request (its {@code stream} flag is ignored)
	 * @return the generations
	 * @deprecated Cohere marks {@code /v1/generate} "Legacy" and no longer maintains it;
	 * use {@link #chat(V1ChatRequest)} or the v2 chat
	 */
	@Deprecated(since = "0.1.0")
	GenerateResponse generate(GenerateRequest request);

	/**
	 * Streams generated text, ending with {@code stream-end}; a {@code stream-error}
	 * event is emitted and then ends the stream with an error.
	 * @param request the request (streaming is asked for by the backend)
	 * @return a cold {@code Flux} of events
	 * @deprecated Cohere marks {@code /v1/generate} "Legacy" and no longer maintains it;
	 * use {@link #chatStream(V1ChatRequest)} or the v2 chat stream
	 */
	@Deprecated(since = "0.1.0")
	Flux<GenerateStreamEvent> generateStream(GenerateRequest request);

	/**
	 * Summarizes a text; blocks.
	 * @param request the request
	 * @return the summary
	 * @deprecated Cohere marks {@code /v1/summarize} "Legacy" and no longer maintains it;
	 * ask the chat for a summary instead
	 */
	@Deprecated(since = "0.1.0")
	SummarizeResponse summarize(SummarizeRequest request);

	/**
	 * Reactive form of {@link #chat(V1ChatRequest)} answering with the status, headers
	 * and body text beside the typed body.
	 * @param request the request
	 * @return a {@code Mono} of the answer
	 * @since 0.1.0
	 */
	default Mono<RawResponse<V1ChatResponse>> chatRaw(V1ChatRequest request) {
		return Mono.error(noRawResponses());
	}

	/**
	 * Streams the answer to a v1 chat request: the {@code Mono} emits at the start of the
	 * stream the answer's status and headers with the events as its body (to be
	 * subscribed once).
	 * @param request the request
	 * @return a {@code Mono} of the answer whose body is the events
	 * @since 0.1.0
	 */
	default Mono<RawResponse<Flux<V1ChatStreamEvent>>> chatStreamRaw(V1ChatRequest request) {
		return Mono.error(noRawResponses());
	}

	/**
	 * Generates text, answering with the status, headers and body text.
	 * @param request the request
	 * @return a {@code Mono} of the answer
	 * @deprecated Cohere marks {@code /v1/generate} "Legacy"; use the chat
	 * @since 0.1.0
	 */
	@Deprecated(since = "0.1.0")
	default Mono<RawResponse<GenerateResponse>> generateRaw(GenerateRequest request) {
		return Mono.error(noRawResponses());
	}

	/**
	 * Streams generated text: the {@code Mono} emits at the start of the stream the
	 * answer's status and headers with the events as its body.
	 * @param request the request
	 * @return a {@code Mono} of the answer whose body is the events
	 * @deprecated Cohere marks {@code /v1/generate} "Legacy"; use the chat stream
	 * @since 0.1.0
	 */
	@Deprecated(since = "0.1.0")
	default Mono<RawResponse<Flux<GenerateStreamEvent>>> generateStreamRaw(GenerateRequest request) {
		return Mono.error(noRawResponses());
	}

	/**
	 * Summarizes a text, answering with the status, headers and body text.
	 * @param request the request
	 * @return a {@code Mono} of the answer
	 * @deprecated Cohere marks {@code /v1/summarize} "Legacy"; ask the chat instead
	 * @since 0.1.0
	 */
	@Deprecated(since = "0.1.0")
	default Mono<RawResponse<SummarizeResponse>> summarizeRaw(SummarizeRequest request) {
		return Mono.error(noRawResponses());
	}

	private dev.springcohere.api.error.UnsupportedCapabilityException noRawResponses() {
		return new dev.springcohere.api.error.UnsupportedCapabilityException(id(), "v1 raw responses");
	}

	/**
	 * Returns the same endpoints whose calls carry these options (a timeout, headers,
	 * extra body fields; see {@link RequestOptions}). The default refuses any option.
	 * @param options the options
	 * @return the endpoints with the options
	 * @throws dev.springcohere.api.error.UnsupportedCapabilityException when these
	 * endpoints take no options
	 * @since 0.1.0
	 */
	default CohereV1Backend withOptions(RequestOptions options) {
		if (options.isEmpty()) {
			return this;
		}
		throw new dev.springcohere.api.error.UnsupportedCapabilityException(id(), "v1 request options");
	}

	/**
	 * Returns the options these endpoints' calls carry.
	 * @return the options; none by default
	 * @since 0.1.0
	 */
	default RequestOptions options() {
		return RequestOptions.none();
	}

	/**
	 * Finds the v1 endpoints behind a backend: the backend itself when it offers them
	 * (see {@link Source}), else the backend a decorator wraps, else the chat backend of
	 * a capability-routing backend.
	 * @param backend the backend
	 * @return the v1 endpoints
	 * @throws dev.springcohere.api.error.UnsupportedCapabilityException when the backend
	 * has none (only {@code platform} and {@code private} reach Cohere's v1 API)
	 */
	static CohereV1Backend of(dev.springcohere.backend.CohereBackend backend) {
		return V1Backends.find(backend);
	}

	/**
	 * A backend that offers Cohere's v1 endpoints.
	 */
	interface Source {

		/**
		 * Returns the v1 endpoints of this backend.
		 * @return the v1 endpoints
		 */
		CohereV1Backend v1();

	}

}
