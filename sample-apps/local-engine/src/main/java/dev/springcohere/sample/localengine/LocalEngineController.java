package dev.springcohere.sample.localengine;

import java.util.List;
import java.util.function.UnaryOperator;

import dev.springcohere.api.ChatRequest;
import dev.springcohere.sample.support.ApiException;
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
 * The local engine sample's REST API, the same as the quickstart's: chat (with documents
 * and citations), streamed chat, embed, rerank, an agent over the application's
 * {@code @CohereTool} beans and structured extraction, all answered by the in-JVM engine
 * ({@code cohere.backend=local}); embed, rerank, agent and extract are inherited from
 * {@link CohereApiController}. Chat requests may also set {@code maxTokens} and
 * {@code temperature} (0 is greedy), which matter more on a CPU than on the platform.
 */
@RestController
@RequestMapping("/api")
public final class LocalEngineController extends CohereApiController {

	/**
	 * Creates the controller.
	 * @param cohere access to the client and the tools
	 * @param jsonMapper the mapper used to read tool call arguments
	 * @param limits the bounds on what a request may carry
	 * @param agent the agent of {@code POST /api/agent}
	 */
	public LocalEngineController(CohereAccess cohere, JsonMapper jsonMapper, SampleLimits limits, SampleAgent agent) {
		super(cohere, jsonMapper, limits, agent);
	}

	/**
	 * A chat request.
	 *
	 * @param message the user's message
	 * @param documents documents to ground the answer in, may be absent
	 * @param maxTokens the most tokens to generate, {@code cohere.chat.max-tokens} when
	 * absent
	 * @param temperature the sampling temperature (0 is greedy),
	 * {@code cohere.chat.temperature} when absent
	 */
	public record ChatIn(@Nullable String message, @Nullable List<DocumentIn> documents, @Nullable Integer maxTokens,
			@Nullable Double temperature) {
	}

	/**
	 * Chats once, grounded in the given documents.
	 * @param in the request
	 * @return the answer with its citations
	 */
	@PostMapping("/chat")
	public ChatOut chat(@RequestBody ChatIn in) {
		return answer(in.message(), in.documents(), sampling(in.maxTokens(), in.temperature()));
	}

	/**
	 * Streams a chat answer as server-sent events: one {@code data:} event per text
	 * delta, then {@code event: end}.
	 * @param message the user's message
	 * @param maxTokens the most tokens to generate, {@code cohere.chat.max-tokens} when
	 * absent
	 * @param temperature the sampling temperature (0 is greedy),
	 * {@code cohere.chat.temperature} when absent
	 * @return the event stream
	 */
	@GetMapping("/chat/stream")
	public SseEmitter chatStream(@RequestParam(required = false) @Nullable String message,
			@RequestParam(required = false) @Nullable Integer maxTokens,
			@RequestParam(required = false) @Nullable Double temperature) {
		return stream(message, sampling(maxTokens, temperature));
	}

	private static UnaryOperator<ChatRequest.Builder> sampling(@Nullable Integer maxTokens,
			@Nullable Double temperature) {
		return (builder) -> builder.maxTokens(requireMaxTokens(maxTokens)).temperature(requireTemperature(temperature));
	}

	private static @Nullable Integer requireMaxTokens(@Nullable Integer maxTokens) {
		if (maxTokens != null && maxTokens < 1) {
			throw ApiException.badField("maxTokens", "must be 1 or more when given, was " + maxTokens);
		}
		return maxTokens;
	}

	private static @Nullable Double requireTemperature(@Nullable Double temperature) {
		if (temperature != null && (temperature < 0 || temperature.isNaN())) {
			throw ApiException.badField("temperature", "must be 0 (greedy) or more when given, was " + temperature);
		}
		return temperature;
	}

}
