package dev.springcohere.engine.backend;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.springcohere.engine.backend.ChatGeneration.StopSequenceFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stop sequences split across decoded pieces are found, and nothing of them reaches the
 * answer.
 */
class StopSequenceFilterTests {

	@Test
	void passesTextThroughWithoutStopSequences() {
		StopSequenceFilter filter = new StopSequenceFilter(List.of());
		assertThat(filter.accept("abc")).isEqualTo("abc");
		assertThat(filter.finish()).isEmpty();
		assertThat(filter.stopped()).isFalse();
	}

	@Test
	void holdsBackAPossibleStartAndCutsAtASplitStopSequence() {
		StopSequenceFilter filter = new StopSequenceFilter(List.of("END"));
		StringBuilder out = new StringBuilder();
		out.append(filter.accept("hello E"));
		assertThat(out.toString()).isEqualTo("hello");
		out.append(filter.accept("N"));
		out.append(filter.accept("D and more"));
		assertThat(filter.stopped()).isTrue();
		out.append(filter.accept("ignored"));
		out.append(filter.finish());
		assertThat(out.toString()).isEqualTo("hello ");
	}

	@Test
	void releasesHeldTextThatDidNotBecomeAStopSequence() {
		StopSequenceFilter filter = new StopSequenceFilter(List.of("END", "x"));
		String out = filter.accept("an E") + filter.accept("ND") + filter.accept("!");
		assertThat(filter.stopped()).isTrue();
		assertThat(out).isEqualTo("an ");
		StopSequenceFilter other = new StopSequenceFilter(List.of("END"));
		String kept = other.accept("an EN") + other.accept("d") + other.finish();
		assertThat(other.stopped()).isFalse();
		assertThat(kept).isEqualTo("an ENd");
	}

	@Test
	void cutsAtTheEarliestOfSeveralStopSequences() {
		StopSequenceFilter filter = new StopSequenceFilter(List.of("zz", "b"));
		assertThat(filter.accept("a b zz")).isEqualTo("a ");
	}

}
