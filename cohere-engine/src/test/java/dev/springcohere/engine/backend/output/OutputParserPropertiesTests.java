package dev.springcohere.engine.backend.output;

import java.time.Duration;
import java.util.List;

import dev.springcohere.api.DocumentSource;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Property tests of the model-output parser: any text (well-formed output, pieces of
 * Cohere's markup glued at random, arbitrary strings, and every one of them cut short)
 * parses without an exception and without hanging, the same way in every chunking
 * ({@link ParserRun#runAll}), into citations that point inside the text.
 */
class OutputParserPropertiesTests {

	private static final List<String> PIECES = List.of("<|START_THINKING|>", "<|END_THINKING|>", "<|START_ACTION|>",
			"<|END_ACTION|>", "<|START_RESPONSE|>", "<|END_RESPONSE|>", "<|END_OF_TURN_TOKEN|>", "<|START_", "<co>",
			"</co: 0:[0]>", "</co: 0:[1],1:[0]>", "</co: 7:[9]>", "<co: 1>", "</co: 1>", "</co", "<co", "<", "|>",
			"[{\"tool_call_id\": \"0\", \"tool_name\": \"f\", \"parameters\": {\"a\": [1, {\"b\": \"<c>\"}]}}]",
			"[{\"tool_name\": ", "{", "]", "\"", "\\", "hello", " world", "\n", "é😀", "Action:", "```json", "```");

	private static final String WELL_FORMED = "<|START_THINKING|>I will look it up.<|END_THINKING|><|START_ACTION|>"
			+ "[{\"tool_call_id\": \"0\", \"tool_name\": \"search\", \"parameters\": {\"q\": \"penguins\"}}]"
			+ "<|END_ACTION|>";

	private static final String ANSWER = "<|START_RESPONSE|>Emperor <co>penguins</co: 0:[0]> are tall, "
			+ "<co>very</co: 0:[1],1:[0]> tall.<|END_RESPONSE|>";

	private static final SourceResolver SOURCES = SourceResolver
		.of(List.of(List.of(new DocumentSource("d0", null), new DocumentSource("d1", null)),
				List.of(new DocumentSource("t0", null))));

	@Property(tries = 300, seed = "20261205")
	void anyOutputParsesTheSameInEveryChunkingWithoutErrors(@ForAll("outputs") String generated,
			@ForAll OutputDialect dialect, @ForAll ThinkingChannel thinking) {
		ParserRun run = assertTimeoutPreemptively(Duration.ofSeconds(10),
				() -> ParserRun.runAll(generated, SOURCES, thinking, dialect, false));
		for (var citation : run.output().citations()) {
			assertThat(citation.sources()).isNotEmpty();
			assertThat(citation.start()).isBetween(0, citation.end());
			String cited = citedText(run.output(), citation.type());
			assertThat(citation.end()).as("%s citation within its text %s", citation.type(), cited)
				.isLessThanOrEqualTo(cited.length());
		}
	}

	/**
	 * The text a citation's offsets count in: the answer, the tool plan or the thinking.
	 */
	private static String citedText(ParsedOutput output,
			dev.springcohere.api.@org.jspecify.annotations.Nullable CitationType type) {
		String text;
		if (dev.springcohere.api.CitationType.PLAN.equals(type)) {
			text = output.toolPlan();
		}
		else if (dev.springcohere.api.CitationType.THINKING_CONTENT.equals(type)) {
			text = output.thinking();
		}
		else {
			text = output.text();
		}
		return (text != null) ? text : "";
	}

	@Provide
	Arbitrary<String> outputs() {
		Arbitrary<String> glued = Arbitraries.of(PIECES).list().ofMaxSize(14).map((pieces) -> String.join("", pieces));
		Arbitrary<String> wellFormed = Arbitraries.of(WELL_FORMED, ANSWER, WELL_FORMED + ANSWER);
		Arbitrary<String> truncated = wellFormed
			.flatMap((text) -> Arbitraries.integers().between(0, text.length()).map((end) -> text.substring(0, end)));
		Arbitrary<String> random = Arbitraries.strings().ofMaxLength(40);
		return Arbitraries.oneOf(glued, wellFormed, truncated, random);
	}

}
