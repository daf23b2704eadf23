package dev.springcohere.engine.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import dev.springcohere.api.ApiMeta;
import dev.springcohere.api.ChatRequest;
import dev.springcohere.api.ChatResponse;
import dev.springcohere.api.CohereJson;
import dev.springcohere.api.ContentType;
import dev.springcohere.api.DetokenizeRequest;
import dev.springcohere.api.DetokenizeResponse;
import dev.springcohere.api.EmbedRequest;
import dev.springcohere.api.EmbedResponse;
import dev.springcohere.api.FinishReason;
import dev.springcohere.api.RerankRequest;
import dev.springcohere.api.RerankResponse;
import dev.springcohere.api.Role;
import dev.springcohere.api.StreamEvent;
import dev.springcohere.api.TokenizeRequest;
import dev.springcohere.api.TokenizeResponse;
import dev.springcohere.api.Usage;
import dev.springcohere.backend.Capabilities;
import dev.springcohere.backend.CohereBackend;
import reactor.core.publisher.Flux;
import tools.jackson.databind.json.JsonMapper;

/**
 * A backend with scripted answers that records what it was asked.
 */
final class ScriptedBackend implements CohereBackend {

	static final JsonMapper MAPPER = CohereJson.createMapper();

	static final Usage USAGE = MAPPER.readValue(
			"""
					{"billed_units": {"input_tokens": 5, "output_tokens": 3}, "tokens": {"input_tokens": 12, "output_tokens": 4}}
					""",
			Usage.class);

	static final ChatResponse CHAT_RESPONSE = MAPPER.readValue("""
			{"id": "chat-1", "finish_reason": "COMPLETE",
			 "message": {"role": "assistant", "content": [{"type": "text", "text": "Hello from the server"}]},
			 "usage": {"billed_units": {"input_tokens": 5, "output_tokens": 3}}}
			""", ChatResponse.class);

	static final List<StreamEvent> EVENTS = List.of(new StreamEvent.MessageStart("stream-1", Role.ASSISTANT),
			new StreamEvent.ContentStart(0, ContentType.TEXT, "", null),
			new StreamEvent.ContentDelta(0, "Hello", null, null),
			new StreamEvent.ContentDelta(0, " there\n", null, null),
			new StreamEvent.ContentDelta(0, "ünïcode ✓", null, null), new StreamEvent.ContentEnd(0),
			new StreamEvent.MessageEnd(null, FinishReason.COMPLETE, USAGE, null));

	final AtomicReference<Object> lastRequest = new AtomicReference<>();

	final CountDownLatch streamCancelled = new CountDownLatch(1);

	volatile boolean endlessStream;

	/** When set, the stream sends its first three events, then fails with this. */
	volatile RuntimeException midStreamFailure;

	/**
	 * When set, the stream sends its first three events, then ends without message-end.
	 */
	volatile boolean cutStream;

	volatile RuntimeException failure;

	@Override
	public String id() {
		return "scripted";
	}

	@Override
	public Capabilities capabilities() {
		return Capabilities.all();
	}

	private void record(Object request) {
		this.lastRequest.set(request);
		RuntimeException ex = this.failure;
		if (ex != null) {
			throw ex;
		}
	}

	@Override
	public ChatResponse chat(ChatRequest request) {
		record(request);
		return CHAT_RESPONSE;
	}

	@Override
	public Flux<StreamEvent> chatStream(ChatRequest request) {
		return Flux.defer(() -> {
			record(request);
			RuntimeException midStream = this.midStreamFailure;
			if (midStream != null) {
				return Flux.concat(Flux.fromIterable(EVENTS.subList(0, 3)), Flux.error(midStream));
			}
			if (this.cutStream) {
				return Flux.fromIterable(EVENTS.subList(0, 3));
			}
			if (!this.endlessStream) {
				return Flux.fromIterable(EVENTS);
			}
			return Flux
				.concat(Flux.fromIterable(EVENTS.subList(0, 2)),
						Flux.interval(Duration.ofMillis(10))
							.onBackpressureDrop()
							.map((i) -> (StreamEvent) new StreamEvent.ContentDelta(0, "tick " + i, null, null)))
				.doOnCancel(this.streamCancelled::countDown);
		});
	}

	@Override
	public EmbedResponse embed(EmbedRequest request) {
		record(request);
		List<List<Double>> vectors = new ArrayList<>();
		for (int i = 0; i < request.texts().size(); i++) {
			vectors.add(List.of((double) i, 0.5, -0.25));
		}
		return new EmbedResponse("embed-1", "embeddings_by_type",
				new EmbedResponse.Embeddings(vectors, null, null, null, null, null), request.texts(), null,
				new ApiMeta(null, new ApiMeta.BilledUnits(null, 7.0, null, null, null, null, null), null, null, null));
	}

	@Override
	public RerankResponse rerank(RerankRequest request) {
		record(request);
		if (request.topN() != null && request.topN() > 100) {
			throw new IllegalArgumentException("'top_n' must be at most 100");
		}
		List<RerankResponse.Result> results = new ArrayList<>();
		for (int i = request.documents().size() - 1; i >= 0; i--) {
			results.add(new RerankResponse.Result(i, (i + 1.0) / (request.documents().size() + 1.0)));
		}
		return new RerankResponse("rerank-1", results, null);
	}

	@Override
	public TokenizeResponse tokenize(TokenizeRequest request) {
		record(request);
		List<String> words = List.of(request.text().split(" "));
		return new TokenizeResponse(words.stream().map(String::length).toList(), words, null);
	}

	@Override
	public DetokenizeResponse detokenize(DetokenizeRequest request) {
		record(request);
		return new DetokenizeResponse(request.tokens().stream().map(String::valueOf).reduce("", String::concat), null);
	}

}
