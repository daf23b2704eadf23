package dev.springcohere.sample.quickstart;

import java.util.List;
import java.util.function.UnaryOperator;

import dev.springcohere.sample.support.CohereAccess;
import dev.springcohere.sample.support.CohereApiController;
import dev.springcohere.sample.support.SampleAgent;
import dev.springcohere.sample.support.SampleLimits;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The quickstart's REST API: chat (with documents and citations) and streamed chat here;
 * embed, rerank, an agent over the application's {@code @CohereTool} beans and structured
 * extraction inherited from {@link CohereApiController}.
 */
@RestController
@RequestMapping("/api")
public final class QuickstartController extends CohereApiController {

	/**
	 * Creates the controller.
	 * @param cohere access to the client and the tools
	 * @param jsonMapper the mapper used to read tool call arguments
	 * @param limits the bounds on what a request may carry
	 * @param agent the agent of {@code POST /api/agent}
	 */
	public QuickstartController(CohereAccess cohere, JsonMapper jsonMapper, SampleLimits limits, SampleAgent agent) {
		super(cohere, jsonMapper, limits, agent);
	}

	/**
	 * A chat request.
	 *
	 * @param message the user's message
	 * @param documents documents to ground the answer in, may be absent
	 */
	public record ChatIn(@Nullable String message, @Nullable List<DocumentIn> documents) {
	}

	/**
	 * Chats once, grounded in the given documents.
	 * @param in the request
	 * @return the answer with its citations
	 */
	@PostMapping("/chat")
	public ChatOut chat(@RequestBody ChatIn in) {
		return answer(in.message(), in.documents(), UnaryOperator.identity());
	}

	/**
	 * Streams a chat answer as server-sent events: one {@code data:} event per text
	 * delta, then {@code event: end}.
	 * @param message the user's message
	 * @return the event stream
	 */
	@GetMapping("/chat/stream")
	public SseEmitter chatStream(@RequestParam(required = false) @Nullable String message) {
		return stream(message, UnaryOperator.identity());
	}

}
