package dev.springcohere.sample.quickstart;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.springcohere.agent.CohereAgent;
import dev.springcohere.agent.AgentEvent;
import dev.springcohere.api.AssistantMessage;
import dev.springcohere.api.ChatDocument;
import dev.springcohere.api.ChatMessage;
import dev.springcohere.api.ChatRequest;
import dev.springcohere.api.Document;
import dev.springcohere.api.UserMessage;
import dev.springcohere.client.CohereClient;
import dev.springcohere.sample.support.ApiException;
import dev.springcohere.sample.support.CohereAccess;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The chat endpoint of the web UI: a streamed agent run over the application's
 * {@code @CohereTool} beans, sent as typed server-sent events ({@code text},
 * {@code tool-plan}, {@code citation}, {@code tool-call}, {@code tool-result},
 * {@code end}, {@code error}) whose data is JSON.
 */
@RestController
@RequestMapping("/api")
public final class ChatEventsController {

	private static final Duration STREAM_TIMEOUT = Duration.ofMinutes(5);

	private static final int MAX_HISTORY = 50;

	private final CohereAccess cohere;

	private final JsonMapper jsonMapper;

	/**
	 * Creates the controller.
	 * @param cohere access to the client and the tools
	 * @param jsonMapper the mapper used to read tool call arguments
	 */
	public ChatEventsController(CohereAccess cohere, JsonMapper jsonMapper) {
		this.cohere = cohere;
		this.jsonMapper = jsonMapper;
	}

	/**
	 * An earlier turn of the conversation.
	 *
	 * @param role {@code user} or {@code assistant}
	 * @param text what was said
	 */
	public record TurnIn(@Nullable String role, @Nullable String text) {
	}

	/**
	 * A document the answer may cite.
	 *
	 * @param id the document's id, echoed in citations
	 * @param text the document's text
	 */
	public record DocumentIn(@Nullable String id, @Nullable String text) {
	}

	/**
	 * A chat request of the web UI.
	 *
	 * @param message the user's new message
	 * @param history the earlier turns, oldest first, may be absent
	 * @param documents documents to ground the answer in, may be absent
	 */
	public record ChatEventsIn(@Nullable String message, @Nullable List<TurnIn> history,
			@Nullable List<DocumentIn> documents) {
	}

	/**
	 * Runs the agent on the conversation and streams what happens as typed events. Bad
	 * input and a missing configuration answer before the stream starts (400 / 503 JSON);
	 * failures during the run end the stream with an {@code error} event.
	 * @param in the request
	 * @return the event stream
	 */
	@PostMapping("/chat/events")
	public SseEmitter chatEvents(@RequestBody ChatEventsIn in) {
		ChatRequest request = request(in);
		CohereClient client = this.cohere.client();
		Flux<AgentEvent> events = CohereAgent.builder(client)
			.tools(this.cohere.tools())
			.strictTools(true)
			.build()
			.stream(request);
		ChatUiEventTranslator translator = new ChatUiEventTranslator(this.jsonMapper);
		SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT.toMillis());
		// registered before subscribing, so that a browser gone early still stops the run
		Disposable.Swap subscription = Disposables.swap();
		emitter.onCompletion(subscription::dispose);
		emitter.onTimeout(subscription::dispose);
		emitter.onError((ex) -> subscription.dispose());
		subscription.update(events.subscribeOn(Schedulers.boundedElastic())
			.concatMapIterable(translator::translate)
			.subscribe((event) -> send(emitter, event, subscription), (failure) -> {
				send(emitter, ChatUiEventTranslator.failure(failure), subscription);
				emitter.complete();
			}, emitter::complete));
		return emitter;
	}

	private ChatRequest request(ChatEventsIn in) {
		String message = ApiException.requireText(in.message(), "message");
		List<ChatMessage> messages = new ArrayList<>();
		List<TurnIn> history = (in.history() != null) ? in.history() : List.of();
		if (history.size() > MAX_HISTORY) {
			throw ApiException.badField("history",
					"has " + history.size() + " turns; send at most " + MAX_HISTORY + " (drop the oldest)");
		}
		for (int i = 0; i < history.size(); i++) {
			TurnIn turn = history.get(i);
			String field = "history[" + i + "]";
			if (turn == null) {
				throw ApiException.badField(field, "must not be null");
			}
			String text = ApiException.requireText(turn.text(), field + ".text");
			if ("user".equals(turn.role())) {
				messages.add(UserMessage.of(text));
			}
			else if ("assistant".equals(turn.role())) {
				messages.add(AssistantMessage.of(text));
			}
			else {
				throw ApiException.badField(field + ".role", "must be 'user' or 'assistant', was " + turn.role());
			}
		}
		messages.add(UserMessage.of(message));
		List<ChatDocument> documents = new ArrayList<>();
		List<DocumentIn> documentsIn = (in.documents() != null) ? in.documents() : List.of();
		for (int i = 0; i < documentsIn.size(); i++) {
			DocumentIn document = documentsIn.get(i);
			if (document == null) {
				throw ApiException.badField("documents[" + i + "]", "must not be null");
			}
			String text = ApiException.requireText(document.text(), "documents[" + i + "].text");
			documents.add(Document.of(document.id(), Map.of("text", text)));
		}
		return ChatRequest.builder().messages(messages).documents(documents.isEmpty() ? null : documents).build();
	}

	private static void send(SseEmitter emitter, ChatUiEvent event, Disposable subscription) {
		try {
			emitter.send(SseEmitter.event().name(event.eventName()).data(event, MediaType.APPLICATION_JSON));
		}
		catch (IOException | IllegalStateException ex) {
			// the browser went away (or the emitter is already complete): stop the run
			subscription.dispose();
		}
	}

}
