package dev.springcohere.engine.backend.output;

import java.util.List;
import java.util.Random;

import dev.springcohere.api.DocumentSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OutputParserFuzzTests {

	/** Pieces of well-formed and broken output, glued together at random. */
	private static final List<String> PIECES = List.of("<|START_THINKING|>", "<|END_THINKING|>", "<|START_ACTION|>",
			"<|END_ACTION|>", "<|START_RESPONSE|>", "<|END_RESPONSE|>", "<|END_OF_TURN_TOKEN|>", "<|CHATBOT_TOKEN|>",
			"<|START_", "<co>", "</co: 0:[0]>", "</co: 0:[1],1:[0]>", "<co: 1>", "</co: 1>", "</co", "<co", "<", "|>",
			"<|", "[{\"tool_name\": \"f\", \"parameters\": {\"a\": [1, {\"b\": \"<c>\"}]}}]", "[{\"tool_name\": ", "{",
			"]", "\"", "hello", " world", "\n", "  ", "Action:", "```json", "```", "Grounded answer:", "é😀",
			"<EOS_TOKEN>", "a < b", "x>y");

	@Test
	void randomOutputsNeverThrowAndParseTheSameInEveryChunking() {
		SourceResolver sources = SourceResolver
			.of(List.of(List.of(new DocumentSource("d0", null), new DocumentSource("d1", null)),
					List.of(new DocumentSource("t0", null))));
		Random random = new Random(20241223L);
		for (int i = 0; i < 100; i++) {
			StringBuilder generated = new StringBuilder();
			int length = 1 + random.nextInt(14);
			for (int j = 0; j < length; j++) {
				generated.append(PIECES.get(random.nextInt(PIECES.size())));
			}
			for (OutputDialect dialect : OutputDialect.values()) {
				ThinkingChannel thinking = ThinkingChannel.values()[i % 2];
				ParserRun run = ParserRun.runAll(generated.toString(), sources, thinking, dialect, false);
				for (var citation : run.output().citations()) {
					assertThat(citation.sources()).isNotEmpty();
					assertThat(citation.start()).isLessThanOrEqualTo(citation.end());
				}
			}
		}
	}

	@Test
	void wholeGenerationsParseInOneCall() {
		ParsedOutput output = StreamingOutputParser.parse("<|START_RESPONSE|>Hi <co>there</co: 0:[0]>",
				SourceResolver.of(List.of(List.of(new DocumentSource("d0", null)))), ToolCallIdGenerator.seeded(1));
		assertThat(output.text()).isEqualTo("Hi there");
		assertThat(output.citations()).singleElement().satisfies((citation) -> {
			assertThat(citation.start()).isEqualTo(3);
			assertThat(citation.text()).isEqualTo("there");
		});
	}

}
