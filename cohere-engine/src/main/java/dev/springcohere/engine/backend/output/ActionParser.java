package dev.springcohere.engine.backend.output;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the JSON list between {@code <|START_ACTION|>} and {@code <|END_ACTION|>}:
 * {@code [{"tool_call_id": "0", "tool_name": "...", "parameters": {...}}]} (a single
 * object is accepted too).
 */
final class ActionParser {

	private final JsonMapper mapper = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	/**
	 * A call of an action: the tool name and its parameters as compact JSON text.
	 *
	 * @param name the tool name
	 * @param arguments the parameters, a JSON object as text
	 */
	record Call(String name, String arguments) {
	}

	/**
	 * The outcome of reading an action: its calls, or what was wrong.
	 *
	 * @param calls the calls (empty when there is a problem)
	 * @param problem what was wrong, or {@code null}
	 */
	record Outcome(List<Call> calls, @Nullable String problem) {
	}

	/**
	 * Reads an action.
	 * @param json the text of the action
	 * @return the calls, or the problem
	 */
	Outcome parse(String json) {
		JsonNode root;
		try {
			root = this.mapper.readTree(json);
		}
		catch (JacksonException ex) {
			return problem("invalid action JSON (" + firstLine(ex.getOriginalMessage()) + ")");
		}
		if (root == null || root.isMissingNode()) {
			return problem("empty action: no JSON list of tool calls between <|START_ACTION|> and <|END_ACTION|>");
		}
		List<JsonNode> items = new ArrayList<>();
		if (root.isArray()) {
			root.forEach(items::add);
		}
		else if (root.isObject()) {
			items.add(root);
		}
		else {
			return problem("invalid action: expected a JSON list of tool calls but got a " + root.getNodeType());
		}
		List<Call> calls = new ArrayList<>();
		for (int i = 0; i < items.size(); i++) {
			JsonNode item = items.get(i);
			if (!item.isObject()) {
				return problem("invalid action: tool call " + i + " is not a JSON object");
			}
			JsonNode name = item.get("tool_name");
			if (name == null || !name.isString() || name.asString().isBlank()) {
				return problem("invalid action: tool call " + i + " has no \"tool_name\" string");
			}
			JsonNode parameters = item.get("parameters");
			if (parameters == null || parameters.isNull()) {
				parameters = this.mapper.createObjectNode();
			}
			if (!parameters.isObject()) {
				return problem("invalid action: the \"parameters\" of tool call " + i + " ('" + name.asString()
						+ "') are not a JSON object");
			}
			calls.add(new Call(name.asString(), this.mapper.writeValueAsString(parameters)));
		}
		return new Outcome(List.copyOf(calls), null);
	}

	private static Outcome problem(String problem) {
		return new Outcome(List.of(), problem);
	}

	private static String firstLine(@Nullable String message) {
		if (message == null) {
			return "unreadable";
		}
		int newline = message.indexOf('\n');
		return (newline >= 0) ? message.substring(0, newline) : message;
	}

}
