package dev.springcohere.engine.backend.output;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.springcohere.api.ChatResponse;
import dev.springcohere.api.ChatStreamAccumulator;
import dev.springcohere.api.FinishReason;
import dev.springcohere.api.Role;
import dev.springcohere.api.StreamEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Feeds one model output to a parser in a given chunking and keeps the events and the
 * result.
 *
 * @param events the events of accept() and finish(), in order
 * @param output the parsed output
 */
record ParserRun(List<StreamEvent> events, ParsedOutput output) {

	private static final Pattern TOKENS = Pattern.compile("<\\|[A-Z_]+\\|>|</?co[^>]*>|\\s?[\\p{L}\\p{N}]+|\\s|.");

	/** Complete markup: special tokens and citation tags. */
	private static final Pattern MARKUP = Pattern.compile("<\\|[A-Za-z0-9_]+\\|>|<co>|<co:|</co>|</co:");

	/** A delta ending in what could still be the start of markup. */
	private static final Pattern PARTIAL_MARKUP_AT_END = Pattern
		.compile("(?s).*(<\\|[A-Za-z0-9_]*\\|?|<c|<co|</|</c|</co)");

	/** How the output is cut into the pieces fed to accept(). */
	enum Chunking {

		WHOLE, CHARACTERS, TOKENS, RANDOM_1, RANDOM_2, RANDOM_3

	}

	static ParserRun run(String generated, Chunking chunking, SourceResolver sources, ThinkingChannel thinking,
			OutputDialect dialect) {
		StreamingOutputParser parser = new StreamingOutputParser(sources, ToolCallIdGenerator.seeded(42), thinking,
				dialect);
		List<StreamEvent> events = new ArrayList<>();
		for (String piece : pieces(generated, chunking)) {
			events.addAll(parser.accept(piece));
		}
		events.addAll(parser.finish());
		return new ParserRun(List.copyOf(events), parser.result());
	}

	static List<String> pieces(String generated, Chunking chunking) {
		List<String> pieces = new ArrayList<>();
		switch (chunking) {
			case WHOLE -> pieces.add(generated);
			case CHARACTERS -> generated.codePoints().forEach((cp) -> pieces.add(Character.toString(cp)));
			case TOKENS -> {
				Matcher token = TOKENS.matcher(generated);
				while (token.find()) {
					pieces.add(token.group());
				}
			}
			default -> {
				Random random = new Random(chunking.ordinal() * 7919L);
				int at = 0;
				while (at < generated.length()) {
					int end = Math.min(generated.length(), at + 1 + random.nextInt(9));
					pieces.add(generated.substring(at, end));
					at = end;
				}
			}
		}
		assertThat(String.join("", pieces)).isEqualTo(generated);
		return pieces;
	}

	/**
	 * Runs an output in every chunking and checks that all give the same events and
	 * result; returns the whole run.
	 */
	static ParserRun runAll(String generated, SourceResolver sources, ThinkingChannel thinking) {
		return runAll(generated, sources, thinking, OutputDialect.COMMAND_R7B);
	}

	/**
	 * Runs an output in every chunking and checks that all give the same events and
	 * result; returns the whole run.
	 */
	static ParserRun runAll(String generated, SourceResolver sources, ThinkingChannel thinking, OutputDialect dialect) {
		return runAll(generated, sources, thinking, dialect, true);
	}

	/**
	 * Runs an output in every chunking and checks that all give the same events and
	 * result; returns the whole run. With {@code strict}, no delta may end in what looks
	 * like the start of markup (broken markup followed by more broken markup, as random
	 * outputs have, can end a delta with literal text such as {@code </co}).
	 */
	static ParserRun runAll(String generated, SourceResolver sources, ThinkingChannel thinking, OutputDialect dialect,
			boolean strict) {
		ParserRun whole = run(generated, Chunking.WHOLE, sources, thinking, dialect);
		for (Chunking chunking : Chunking.values()) {
			ParserRun other = run(generated, chunking, sources, thinking, dialect);
			assertThat(other.output()).as("result with chunking %s", chunking).isEqualTo(whole.output());
			assertThat(merged(other.events())).as("events with chunking %s", chunking)
				.isEqualTo(merged(whole.events()));
			other.assertConsistent(strict);
		}
		return whole;
	}

	/** Checks that the events hold no markup and accumulate to the parsed output. */
	void assertConsistent(boolean strict) {
		for (StreamEvent event : this.events) {
			assertThat(event).isNotInstanceOfAny(StreamEvent.MessageStart.class, StreamEvent.MessageEnd.class);
			String fragment = switch (event) {
				case StreamEvent.ContentDelta delta -> (delta.text() != null) ? delta.text() : delta.thinking();
				case StreamEvent.ToolPlanDelta delta -> delta.toolPlan();
				default -> null;
			};
			if (fragment != null) {
				assertThat(fragment).as("delta of %s", event).isNotEmpty().doesNotContainPattern(MARKUP);
				if (strict) {
					assertThat(fragment).as("delta of %s", event).doesNotMatch(PARTIAL_MARKUP_AT_END);
				}
			}
		}
		ChatResponse response = accumulate();
		assertThat(response.message()).isEqualTo(this.output.toAssistantMessage());
		assertThat(response.message().text()).isEqualTo(this.output.text());
		assertThat(response.message().thinking())
			.isEqualTo((this.output.thinking() != null) ? this.output.thinking() : "");
		assertThat(response.message().toolPlan()).isEqualTo(this.output.toolPlan());
		assertThat(response.message().toolCalls()).isEqualTo(this.output.toolCalls());
		assertThat(response.message().citations()).isEqualTo(this.output.citations());
	}

	ChatResponse accumulate() {
		ChatStreamAccumulator accumulator = new ChatStreamAccumulator();
		accumulator.accept(new StreamEvent.MessageStart("msg-1", Role.ASSISTANT));
		this.events.forEach(accumulator::accept);
		accumulator
			.accept(new StreamEvent.MessageEnd("msg-1", this.output.finishReason(FinishReason.COMPLETE), null, null));
		return accumulator.result();
	}

	/**
	 * The events with consecutive deltas of the same kind joined, which chunking must not
	 * change.
	 */
	static List<StreamEvent> merged(List<StreamEvent> events) {
		List<StreamEvent> merged = new ArrayList<>();
		for (StreamEvent event : events) {
			StreamEvent last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
			if (last instanceof StreamEvent.ContentDelta a && event instanceof StreamEvent.ContentDelta b
					&& a.index().equals(b.index()) && (a.text() == null) == (b.text() == null)) {
				merged.set(merged.size() - 1, new StreamEvent.ContentDelta(a.index(), join(a.text(), b.text()),
						join(a.thinking(), b.thinking()), null));
			}
			else if (last instanceof StreamEvent.ToolPlanDelta a && event instanceof StreamEvent.ToolPlanDelta b) {
				merged.set(merged.size() - 1, new StreamEvent.ToolPlanDelta(join(a.toolPlan(), b.toolPlan())));
			}
			else {
				merged.add(event);
			}
		}
		return merged;
	}

	private static String join(String a, String b) {
		return (a == null) ? b : (b == null) ? a : a + b;
	}

}
