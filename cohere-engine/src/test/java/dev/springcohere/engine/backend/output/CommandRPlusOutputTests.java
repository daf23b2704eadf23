package dev.springcohere.engine.backend.output;

import java.util.List;

import dev.springcohere.api.Citation;
import dev.springcohere.api.CitationType;
import dev.springcohere.api.DocumentSource;
import dev.springcohere.api.Source;
import dev.springcohere.api.ToolCall;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class CommandRPlusOutputTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Source DOC_0 = new DocumentSource("doc_0", JSON.readTree("{\"title\": \"Rain\"}"));

	private static final Source DOC_1 = new DocumentSource("doc_1", JSON.readTree("{\"title\": \"Wind\"}"));

	private static final SourceResolver SOURCES = SourceResolver.of(List.of(List.of(DOC_0, DOC_1)));

	private static ParserRun parse(String generated) {
		return ParserRun.runAll(generated, SOURCES, ThinkingChannel.TOOL_PLAN, OutputDialect.COMMAND_R_PLUS);
	}

	@Test
	void actionInAJsonFenceBecomesToolCalls() {
		ParserRun run = parse("Action:\n```json\n[\n    {\n        \"tool_name\": \"internet_search\",\n"
				+ "        \"parameters\": {\n            \"query\": \"weather ```code``` Oslo\"\n        }\n    },\n"
				+ "    {\n        \"tool_name\": \"calculator\",\n        \"parameters\": {}\n    }\n]```\n<|END_OF_TURN_TOKEN|>");
		List<ToolCall> calls = run.output().toolCalls();
		assertThat(run.output().problem()).isNull();
		assertThat(calls).extracting((call) -> call.function().name()).containsExactly("internet_search", "calculator");
		assertThat(JSON.readTree(calls.get(0).function().arguments()))
			.isEqualTo(JSON.readTree("{\"query\": \"weather ```code``` Oslo\"}"));
		assertThat(run.output().text()).isEmpty();
	}

	@Test
	void directlyAnswerIsNoToolCall() {
		ParserRun run = parse("Action: ```json [{\"tool_name\": \"directly-answer\", \"parameters\": {}}]\n```");
		assertThat(run.output().toolCalls()).isEmpty();
		assertThat(run.output().problem()).isNull();
	}

	@Test
	void unclosedFenceIsAnUnclosedAction() {
		ParserRun run = parse("Action:\n```json\n[{\"tool_name\": \"search\"");
		assertThat(run.output().toolCalls()).isEmpty();
		assertThat(run.output().problem()).contains("unclosed action");
		assertThat(run.output().text()).isEqualTo("[{\"tool_name\": \"search\"");
	}

	@Test
	void groundedAnswerKeepsOnlyTheGroundedPartWithItsCitations() {
		ParserRun run = parse("Relevant Documents: 0,1\nCited Documents: 0,1\nAnswer: It rains and blows.\n"
				+ "Grounded answer: It <co: 0>rains</co: 0> and <co: 0,1>blows</co: 0,1>.");
		assertThat(run.output().text()).isEqualTo("It rains and blows.");
		assertThat(run.output().citations()).containsExactly(
				new Citation(3, 8, "rains", List.of(DOC_0), 0, CitationType.TEXT_CONTENT),
				new Citation(13, 18, "blows", List.of(DOC_0, DOC_1), 0, CitationType.TEXT_CONTENT));
	}

	@Test
	void groundedPreambleWithoutGroundedAnswerFallsBackToTheAnswer() {
		ParserRun run = parse("Relevant Documents: 0\nCited Documents: 0\nAnswer: It rains.");
		assertThat(run.output().text()).isEqualTo("It rains.");
	}

	@Test
	void plainTextPassesThrough() {
		assertThat(parse("Acting on it: hello!").output().text()).isEqualTo("Acting on it: hello!");
		assertThat(parse("  Hi <co: 1>there</co: 1>").output().citations())
			.containsExactly(new Citation(3, 8, "there", List.of(DOC_1), 0, CitationType.TEXT_CONTENT));
	}

}
