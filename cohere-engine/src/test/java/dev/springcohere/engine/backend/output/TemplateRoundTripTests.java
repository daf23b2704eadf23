package dev.springcohere.engine.backend.output;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.springcohere.engine.model.Fixtures;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Parses the assistant turns that the real Command R7B chat template rendered (the golden
 * prompts of the tiny-tokenizer fixture) and checks that they give back the messages they
 * were rendered from.
 */
class TemplateRoundTripTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern CHATBOT_TURN = Pattern.compile("<\\|CHATBOT_TOKEN\\|>(.*?)<\\|END_OF_TURN_TOKEN\\|>",
			Pattern.DOTALL);

	@Test
	void renderedAssistantTurnsParseBackToTheirMessages() {
		Path golden = Fixtures.engine("tiny-tokenizer").resolve("golden.json");
		JsonNode cases = JSON.readTree(golden.toFile()).get("chat_template_cases");
		int checked = 0;
		for (JsonNode templateCase : cases) {
			List<JsonNode> assistants = new ArrayList<>();
			if (templateCase.get("documents") != null && !templateCase.get("documents").isNull()) {
				// the template renders the documents as a synthetic assistant turn first
				assistants.add(JSON.readTree("{\"tool_plan\": \"I will look through the document to address the "
						+ "users needs.\", \"tool_calls\": [{\"function\": {\"name\": \"direct-injected-document\", "
						+ "\"arguments\": {}}}]}"));
			}
			for (JsonNode message : templateCase.get("messages")) {
				if (message.get("role").asString().equals("assistant")) {
					assistants.add(message);
				}
			}
			Matcher turn = CHATBOT_TURN.matcher(templateCase.get("rendered").asString());
			for (JsonNode expected : assistants) {
				assertThat(turn.find()).as("assistant turn in %s", templateCase.get("name")).isTrue();
				ParserRun run = ParserRun.runAll(turn.group(1), SourceResolver.none(), ThinkingChannel.TOOL_PLAN);
				ParsedOutput output = run.output();
				assertThat(output.problem()).isNull();
				JsonNode calls = expected.get("tool_calls");
				if (calls == null) {
					assertThat(output.text()).isEqualTo(expected.get("content").asString());
					assertThat(output.toolCalls()).isEmpty();
				}
				else {
					assertThat(output.toolPlan()).isEqualTo(expected.get("tool_plan").asString());
					assertThat(output.text()).isEmpty();
					assertThat(output.toolCalls()).hasSize(calls.size());
					for (int i = 0; i < calls.size(); i++) {
						JsonNode function = calls.get(i).get("function");
						assertThat(output.toolCalls().get(i).function().name())
							.isEqualTo(function.get("name").asString());
						assertThat(JSON.readTree(output.toolCalls().get(i).function().arguments()))
							.isEqualTo(function.get("arguments"));
					}
				}
				checked++;
			}
		}
		assertThat(checked).as("assistant turns checked").isGreaterThanOrEqualTo(3);
	}

}
