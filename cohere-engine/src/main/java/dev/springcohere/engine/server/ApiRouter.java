package dev.springcohere.engine.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.net.URLDecoder;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.springcohere.api.ChatRequest;
import dev.springcohere.api.DetokenizeRequest;
import dev.springcohere.api.EmbedRequest;
import dev.springcohere.api.ListModelsResponse;
import dev.springcohere.api.ModelEndpoint;
import dev.springcohere.api.RerankRequest;
import dev.springcohere.api.TokenizeRequest;
import dev.springcohere.api.error.CohereApiException;
import dev.springcohere.api.error.CohereApiExceptions;
import dev.springcohere.backend.BackendGauge;
import dev.springcohere.backend.CohereBackend;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Dispatches requests by path to one handler per route, after the optional API-key check,
 * and answers failures with Cohere's error body. Every response carries an
 * {@code X-Request-Id} header.
 */
final class ApiRouter implements HttpHandler {

	private static final Logger logger = LoggerFactory.getLogger(ApiRouter.class);

	/** The path of the models list; one model's is below it. */
	static final String MODELS_PATH = "/v1/models";

	/** The path of the backend's gauges as JSON. */
	static final String METRICS_PATH = "/engine/metrics";

	/** The largest request body read. */
	static final int MAX_BODY_BYTES = 32 * 1024 * 1024;

	private final CohereBackend backend;

	private final byte @Nullable [] apiKey;

	private final JsonMapper mapper;

	private final SseEventRelay relay;

	private final Map<String, Route> routes;

	private final ServedModels models;

	/**
	 * One route: reads its request from the body and answers.
	 */
	@FunctionalInterface
	private interface Route {

		void handle(HttpExchange exchange, byte[] body, String call) throws IOException;

	}

	ApiRouter(CohereBackend backend, @Nullable String apiKey, JsonMapper mapper, ServedModels models) {
		this.backend = backend;
		this.models = models;
		this.apiKey = (apiKey != null) ? apiKey.getBytes(StandardCharsets.UTF_8) : null;
		this.mapper = mapper;
		this.relay = new SseEventRelay(mapper);
		this.routes = Map.of("/v2/chat", this::chat, "/v2/embed", this::embed, "/v2/rerank", this::rerank,
				"/v1/tokenize", this::tokenize, "/v1/detokenize", this::detokenize);
	}

	/**
	 * The paths served.
	 * @return the paths, sorted
	 */
	List<String> paths() {
		return this.routes.keySet().stream().sorted().toList();
	}

	@Override
	public void handle(HttpExchange exchange) {
		String call = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
		exchange.getResponseHeaders().set("X-Request-Id", UUID.randomUUID().toString());
		try (exchange) {
			String path = exchange.getRequestURI().getPath();
			if (path.equals(MODELS_PATH) || path.startsWith(MODELS_PATH + "/")) {
				models(exchange, path, call);
				return;
			}
			if (path.equals(METRICS_PATH)) {
				metrics(exchange, call);
				return;
			}
			Route route = this.routes.get(path);
			if (route == null) {
				sendError(exchange,
						new ApiError(404, "No route for " + call + "; this server answers POST on " + paths()
								+ " and GET on " + MODELS_PATH + ", " + MODELS_PATH + "/{model} and " + METRICS_PATH));
				return;
			}
			if (!"POST".equals(exchange.getRequestMethod())) {
				exchange.getResponseHeaders().set("Allow", "POST");
				sendError(exchange, new ApiError(405, call + " is not allowed; use POST"));
				return;
			}
			if (!authorized(exchange)) {
				sendUnauthorized(exchange);
				return;
			}
			byte[] body = readBody(exchange.getRequestBody());
			if (body == null) {
				sendError(exchange, new ApiError(413, "The request body is larger than " + MAX_BODY_BYTES + " bytes"));
				return;
			}
			try {
				route.handle(exchange, body, call);
			}
			catch (RuntimeException ex) {
				ApiError error = ApiError.of(ex, call, this.backend);
				if (error.status() >= 500) {
					logger.warn("{} failed with {}: {}", call, error.status(), error.message());
					logger.debug("{} failure", call, ex);
				}
				if (exchange.getResponseCode() == -1) {
					sendError(exchange, error);
				}
			}
		}
		catch (IOException ex) {
			logger.debug("{}: the client went away ({})", call, ex.toString());
		}
	}

	private void chat(HttpExchange exchange, byte[] body, String call) throws IOException {
		ChatRequest request = read(body, ChatRequest.class, call, ChatRequest::model, ModelEndpoint.CHAT);
		if (request.isStreaming()) {
			this.relay.relay(exchange, this.backend.chatStream(request), call);
		}
		else {
			sendJson(exchange, 200, this.backend.chat(request));
		}
	}

	private void embed(HttpExchange exchange, byte[] body, String call) throws IOException {
		sendJson(exchange, 200,
				this.backend.embed(read(body, EmbedRequest.class, call, EmbedRequest::model, ModelEndpoint.EMBED)));
	}

	private void rerank(HttpExchange exchange, byte[] body, String call) throws IOException {
		sendJson(exchange, 200,
				this.backend.rerank(read(body, RerankRequest.class, call, RerankRequest::model, ModelEndpoint.RERANK)));
	}

	private void tokenize(HttpExchange exchange, byte[] body, String call) throws IOException {
		sendJson(exchange, 200, this.backend
			.tokenize(read(body, TokenizeRequest.class, call, TokenizeRequest::model, ModelEndpoint.CHAT)));
	}

	private void detokenize(HttpExchange exchange, byte[] body, String call) throws IOException {
		sendJson(exchange, 200, this.backend
			.detokenize(read(body, DetokenizeRequest.class, call, DetokenizeRequest::model, ModelEndpoint.CHAT)));
	}

	/**
	 * {@code GET /engine/metrics}: the backend's gauges ({@code cohere.local.*} for the
	 * local engine: queue depth, active sequences, decode tokens/s, KV blocks, prefix
	 * hits) as {@code {"metrics": [{"name", "description", "unit", "kind", "value"}]}}.
	 */
	private void metrics(HttpExchange exchange, String call) throws IOException {
		if (!"GET".equals(exchange.getRequestMethod())) {
			exchange.getResponseHeaders().set("Allow", "GET");
			sendError(exchange, new ApiError(405, call + " is not allowed; use GET"));
			return;
		}
		if (!authorized(exchange)) {
			sendUnauthorized(exchange);
			return;
		}
		List<Map<String, Object>> metrics = new ArrayList<>();
		for (BackendGauge gauge : this.backend.gauges()) {
			Map<String, Object> metric = new LinkedHashMap<>();
			metric.put("name", gauge.name());
			metric.put("description", gauge.description());
			metric.put("unit", gauge.baseUnit());
			metric.put("kind", gauge.kind().name().toLowerCase(Locale.ROOT));
			metric.put("value", gauge.value().getAsDouble());
			metrics.add(metric);
		}
		sendJson(exchange, 200, Map.of("metrics", metrics));
	}

	/**
	 * {@code GET /v1/models} (optionally {@code ?endpoint=chat}) and {@code GET
	 * /v1/models/{model}}, in the platform's format.
	 */
	private void models(HttpExchange exchange, String path, String call) throws IOException {
		if (!"GET".equals(exchange.getRequestMethod())) {
			exchange.getResponseHeaders().set("Allow", "GET");
			sendError(exchange, new ApiError(405, call + " is not allowed; use GET"));
			return;
		}
		if (!authorized(exchange)) {
			sendUnauthorized(exchange);
			return;
		}
		if (path.equals(MODELS_PATH)) {
			ModelEndpoint endpoint = endpointFilter(exchange.getRequestURI().getRawQuery());
			if (endpoint != null && !endpoint.isKnown()) {
				sendError(exchange, new ApiError(400, "Invalid request to " + call + ": 'endpoint' must be one of "
						+ ModelEndpoint.knownValues() + " but was '" + endpoint.value() + "'"));
				return;
			}
			sendJson(exchange, 200, new ListModelsResponse(this.models.list(endpoint), null));
			return;
		}
		String name = URLDecoder.decode(path.substring(MODELS_PATH.length() + 1), StandardCharsets.UTF_8);
		Optional<ServedModels.Served> model = this.models.find(name);
		if (model.isEmpty()) {
			sendError(exchange, new ApiError(404, notFound(name)));
			return;
		}
		sendJson(exchange, 200, model.get().info());
	}

	private static @Nullable ModelEndpoint endpointFilter(@Nullable String query) {
		if (query == null) {
			return null;
		}
		for (String pair : query.split("&")) {
			int equals = pair.indexOf('=');
			String key = URLDecoder.decode((equals < 0) ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
			if ("endpoint".equals(key)) {
				return ModelEndpoint
					.of(URLDecoder.decode((equals < 0) ? "" : pair.substring(equals + 1), StandardCharsets.UTF_8));
			}
		}
		return null;
	}

	private String notFound(String name) {
		return "model '" + name + "' not found; this server serves " + this.models.names()
				+ " (start serve with --served-model-name " + name + " to accept that name for its chat model)";
	}

	/**
	 * The name the backend knows a request's model by: a reported name, an alias or the
	 * name a client sends by default become the backend's name; a name of a model serving
	 * another endpoint is a 400, an unknown name a 404 (as on the platform). Without
	 * served models (or none for this endpoint), the name goes to the backend as it is.
	 */
	private @Nullable String resolveModel(@Nullable String requested, ModelEndpoint endpoint) {
		if (requested == null || this.models.isEmpty()) {
			return requested;
		}
		Optional<ServedModels.Served> served = this.models.forEndpoint(endpoint);
		if (served.isEmpty()) {
			return requested;
		}
		if (served.get().accepted().contains(requested) || served.get().clientDefault().equals(requested)) {
			return served.get().backendName();
		}
		Optional<ServedModels.Served> other = this.models.find(requested);
		if (other.isPresent()) {
			throw clientError(400, "model '" + requested + "' serves " + other.get().endpoint().value() + ", not "
					+ endpoint.value() + "; send '" + served.get().name() + "' for " + endpoint.value());
		}
		throw clientError(404, notFound(requested));
	}

	private static CohereApiException clientError(int status, String message) {
		return CohereApiExceptions.forStatus(status, message,
				new CohereApiException.Details(status, message, "", null, null));
	}

	private boolean authorized(HttpExchange exchange) {
		byte[] expected = this.apiKey;
		if (expected == null) {
			return true;
		}
		String header = exchange.getRequestHeaders().getFirst("Authorization");
		if (header == null || header.length() < 7 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return false;
		}
		byte[] given = header.substring(7).strip().getBytes(StandardCharsets.UTF_8);
		return MessageDigest.isEqual(given, expected);
	}

	private static byte @Nullable [] readBody(InputStream in) throws IOException {
		byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
		return (body.length > MAX_BODY_BYTES) ? null : body;
	}

	/**
	 * Reads a request and puts the backend's name in its {@code model} field (see
	 * {@link #resolveModel}).
	 */
	private <T> T read(byte[] body, Class<T> type, String call, Function<T, @Nullable String> model,
			ModelEndpoint endpoint) {
		T request = read(body, type, call);
		String requested = model.apply(request);
		String resolved = resolveModel(requested, endpoint);
		if (resolved == null || resolved.equals(requested)) {
			return request;
		}
		JsonNode tree = this.mapper.readTree(body);
		((ObjectNode) tree).put("model", resolved);
		return this.mapper.treeToValue(tree, type);
	}

	/**
	 * Reads a request, turning every way it can be wrong into an
	 * {@link IllegalArgumentException} naming the field.
	 */
	private <T> T read(byte[] body, Class<T> type, String call) {
		if (body.length == 0) {
			throw new IllegalArgumentException("the body is empty; send a JSON " + type.getSimpleName());
		}
		try {
			T value = this.mapper.readValue(body, type);
			if (value == null) {
				throw new IllegalArgumentException("the body is JSON null; send a JSON " + type.getSimpleName());
			}
			return value;
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException(describe(ex, type), ex);
		}
	}

	private static String describe(JacksonException ex, Class<?> type) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		Throwable cause = ex.getCause();
		String problem = (cause != null && cause.getMessage() != null && !(cause instanceof JacksonException))
				? cause.getMessage() : Objects.requireNonNullElse(ex.getOriginalMessage(), ex.toString());
		int location = problem.indexOf(" (start marker at");
		if (location > 0) {
			problem = problem.substring(0, location);
		}
		return (path.isEmpty() ? "the body is not a valid " + type.getSimpleName() : "field '" + path + "' is invalid")
				+ ": " + problem;
	}

	private void sendJson(HttpExchange exchange, int status, Object value) throws IOException {
		byte[] bytes = this.mapper.writeValueAsBytes(WholeCounts.of(this.mapper.valueToTree(value)));
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
	}

	private void sendUnauthorized(HttpExchange exchange) throws IOException {
		sendError(exchange, new ApiError(401, "Missing or invalid API key: send the header 'Authorization:"
				+ " Bearer <key>' with the key this server was started with"));
	}

	private void sendError(HttpExchange exchange, ApiError error) throws IOException {
		if (error.status() == 429) {
			exchange.getResponseHeaders().set("Retry-After", "1");
		}
		sendJson(exchange, error.status(), Map.of("message", error.message()));
	}

}
