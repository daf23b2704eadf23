package dev.springcohere.engine.constrain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.springcohere.engine.constrain.RegexNode.Chars;
import dev.springcohere.engine.constrain.RegexNode.Choice;
import dev.springcohere.engine.constrain.RegexNode.Repeat;
import dev.springcohere.engine.constrain.RegexNode.Sequence;

/**
 * The pattern compiler in its two steps: the syntax tree {@link RegexParser} reads, and
 * the automaton {@link RegexAutomaton} builds from it (also intersected with another).
 */
class RegexCompilerTests {

	private static RegexNode parse(String pattern) {
		return RegexParser.parse(pattern, "pattern", "/p");
	}

	private static boolean matches(CharDfa dfa, String text) {
		int state = 0;
		for (int cp : text.codePoints().toArray()) {
			state = dfa.step(state, cp);
			if (state < 0) {
				return false;
			}
		}
		return dfa.accepting(state);
	}

	@Test
	void parsesIntoATree() {
		assertThat(parse("^a|bc$")).isInstanceOfSatisfying(Choice.class, (choice) -> {
			assertThat(choice.alternatives()).hasSize(2);
			assertThat(((Chars) choice.alternatives().get(0)).ranges()).containsExactly('a', 'a');
			assertThat(choice.alternatives().get(1)).isInstanceOf(Sequence.class);
		});
		assertThat(parse("x{2,3}")).isInstanceOfSatisfying(Repeat.class, (repeat) -> {
			assertThat(repeat.min()).isEqualTo(2);
			assertThat(repeat.max()).isEqualTo(3);
		});
		assertThat(parse("(?:ab)*?")).isInstanceOfSatisfying(Repeat.class, (repeat) -> {
			assertThat(repeat.max()).isEqualTo(-1);
			assertThat(((Sequence) repeat.node()).items()).hasSize(2);
		});
		assertThat(((Chars) parse("[^\\d]")).ranges()).startsWith(0, '0' - 1, '9' + 1);
		assertThat(parse("")).isEqualTo(new Sequence(List.of()));
	}

	@ParameterizedTest
	@CsvSource(delimiter = ';', textBlock = """
			(ab;unbalanced '('
			ab);unbalanced ')'
			a{3,2};max below min
			*a;quantifier without anything to repeat
			a{1001};above 1000
			a(?=b);look-arounds
			a\\b;word boundaries
			(a)\\1;back-references
			[z-a];invalid class range
			[ab;unclosed '['
			""")
	void refusesWhatItCannotEnforce(String pattern, String message) {
		assertThatThrownBy(() -> RegexCompiler.compile(pattern, "pattern", "/p"))
			.isInstanceOf(UnsupportedSchemaException.class)
			.hasMessageContaining(message)
			.hasMessageContaining("'/p'");
	}

	@ParameterizedTest
	@CsvSource(delimiter = ';', textBlock = """
			a{2,3};aa;true
			a{2,3};aaa;true
			a{2,3};a;false
			a{2,3};aaaa;false
			(ab|c)+d?;abcab;true
			(ab|c)+d?;abcabd;true
			(ab|c)+d?;d;false
			[à-é]\\w*;èx_1;true
			.+;a\\nb;false
			a\\$;a$;true
			""")
	void automatonMatchesTheWholeString(String pattern, String text, boolean expected) {
		String unescaped = text.replace("\\n", "\n");
		assertThat(matches(RegexCompiler.compile(pattern, "pattern", "/p"), unescaped)).as("%s ~ %s", pattern, text)
			.isEqualTo(expected);
	}

	@Test
	void intersectionMatchesWhatBothMatch() {
		CharDfa both = RegexCompiler.compile("[a-c]+", "pattern", "")
			.intersect(RegexCompiler.compile("[b-d]{2}", "pattern", ""),
					(m) -> new UnsupportedSchemaException("pattern", "", m));
		assertThat(matches(both, "bc")).isTrue();
		assertThat(matches(both, "ab")).isFalse();
		assertThat(matches(both, "bcb")).isFalse();
		assertThatThrownBy(() -> RegexCompiler.compile("a+", "pattern", "")
			.intersect(RegexCompiler.compile("b+", "pattern", ""),
					(m) -> new UnsupportedSchemaException("pattern", "", m)))
			.hasMessageContaining("matches no string");
	}

}
