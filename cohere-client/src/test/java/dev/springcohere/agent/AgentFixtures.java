package dev.springcohere.agent;

import java.time.Duration;
import java.util.Map;
import java.util.function.BiFunction;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.springcohere.api.CohereJson;
import dev.springcohere.api.Tool;
import dev.springcohere.client.CohereClient;
import dev.springcohere.http.CohereRetryPolicy;
import dev.springcohere.tool.ToolCallback;
import dev.springcohere.tool.ToolContext;
import dev.springcohere.tool.ToolResult;

/**
 * Hand-written tools, wire bodies and a client for the agent tests.
 */
final class AgentFixtures {

	static final JsonMapper MAPPER = CohereJson.createMapper();

	static final String WEATHER_SCHEMA = """
			{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""";

	static final String WEATHER_TOOL_JSON = """
			{"type":"function","function":{"name":"get_weather","description":"Current weather of a city",
			 "parameters":%s}}""".formatted(WEATHER_SCHEMA);

	private static final Map<String, Integer> TEMPERATURES = Map.of("Toronto", 21, "Paris", 15);

	private AgentFixtures() {
	}

	static CohereClient client(String baseUrl) {
		return CohereClient.builder()
			.apiKey("agent-test-key")
			.baseUrl(baseUrl)
			.environment((name) -> null)
			.retryPolicy(CohereRetryPolicy.none())
			.readTimeout(Duration.ofSeconds(10))
			.build();
	}

	static JsonNode json(String text) {
		return MAPPER.readTree(text);
	}

	/**
	 * A tool with a literal schema whose code is given as a function of the arguments.
	 */
	static ToolCallback tool(String name, String schema, BiFunction<JsonNode, ToolContext, ToolResult> code) {
		Tool definition = Tool.function(name, "Current weather of a city", json(schema));
		return new ToolCallback() {

			@Override
			public Tool definition() {
				return definition;
			}

			@Override
			public ToolResult call(String arguments, ToolContext context) {
				return code.apply(json(arguments), context);
			}

			@Override
			public String toString() {
				return "tool " + name;
			}

		};
	}

	/**
	 * get_weather: a document result for Toronto and Paris, an error result for arguments
	 * without a city.
	 */
	static ToolCallback weatherTool() {
		return tool("get_weather", WEATHER_SCHEMA, (arguments, context) -> {
			JsonNode city = arguments.get("city");
			if (city == null || !city.isString()) {
				return ToolResult.error("Invalid arguments: 'city' (a string) is required by the schema "
						+ WEATHER_SCHEMA + ", got " + arguments);
			}
			ObjectNode result = MAPPER.createObjectNode();
			result.put("city", city.asString());
			result.put("temp_c", TEMPERATURES.getOrDefault(city.asString(), 0));
			return ToolResult.ofJson(result);
		});
	}

	static String toolCall(String id, String name, String arguments) {
		ObjectNode call = MAPPER.createObjectNode();
		call.put("id", id);
		call.put("type", "function");
		call.putObject("function").put("name", name).put("arguments", arguments);
		return call.toString();
	}

	/** A non-streamed response asking for tool calls. */
	static String toolCallsResponse(String plan, String... calls) {
		return """
				{"id":"r-tools","finish_reason":"TOOL_CALL","message":{"role":"assistant","tool_plan":"%s",
				 "tool_calls":[%s]},
				 "usage":{"billed_units":{"input_tokens":10,"output_tokens":5},"tokens":{"input_tokens":100,"output_tokens":20}}}"""
			.formatted(plan, String.join(",", calls));
	}

	/** A non-streamed text answer. */
	static String textResponse(String text) {
		return """
				{"id":"r-text","finish_reason":"COMPLETE","message":{"role":"assistant","content":[{"type":"text","text":"%s"}]},
				 "usage":{"billed_units":{"input_tokens":12,"output_tokens":7},"tokens":{"input_tokens":150,"output_tokens":30}}}"""
			.formatted(text);
	}

	/** Server-sent events of the given data objects, each named by its type. */
	static String sse(String... events) {
		StringBuilder body = new StringBuilder();
		for (String event : events) {
			JsonNode node = json(event);
			body.append("event: ").append(node.get("type").asString()).append('\n');
			body.append("data: ").append(node).append("\n\n");
		}
		return body.append("data: [DONE]\n\n").toString();
	}

}
