package dev.springcohere.engine.constrain;

import org.jspecify.annotations.Nullable;

import dev.springcohere.engine.constrain.Spec.ArraySpec;
import dev.springcohere.engine.constrain.Spec.LiteralSpec;
import dev.springcohere.engine.constrain.Spec.ObjectSpec;

/**
 * One level of a {@link ParseStack}: an open container, or the value being written.
 * Immutable, compared by value (specs by identity), so that equal grammar states allow
 * the same continuations.
 */
sealed interface Frame {

	/** Where an object or array is between its brackets. */
	enum Stage {

		/** Right after the opening bracket (whitespace may follow). */
		OPEN,
		/** Inside a listed property's key, matched byte by byte. */
		KEY,
		/** Inside an extra property's key (a string frame is on top). */
		EXTRA_KEY,
		/** After a key, before the colon. */
		COLON,
		/** After the colon, before the value. */
		BEFORE_VALUE,
		/** Inside a value (its frame is on top). */
		IN_VALUE,
		/** After a value, before a comma or the closing bracket. */
		AFTER,
		/** After a comma: another member must come. */
		COMMA

	}

	/** Where a string's lexer is. */
	enum Lex {

		/** Between characters. */
		NORMAL,
		/** After a backslash. */
		ESCAPE,
		/** Inside {@code \}{@code uXXXX}, {@code need} hex digits to go. */
		UNICODE,
		/**
		 * Inside a multi-byte UTF-8 character of {@code len} bytes, {@code need}
		 * continuation bytes to go.
		 */
		UTF8

	}

	/**
	 * Before the top-level value.
	 *
	 * @param spec the value's spec
	 */
	record Root(Spec spec) implements Frame {
	}

	/** The value is complete. */
	record Done() implements Frame {
	}

	/**
	 * An object. {@code next} is the first listed property that may still come (the
	 * property count once extra properties have started); in a key, {@code cand} is the
	 * first listed property whose key matches the {@code pos} bytes so far; after it,
	 * {@code cand} is the property being written, or -1 for an extra one.
	 *
	 * @param spec the object's spec
	 * @param stage where it is
	 * @param next the first listed property that may still come
	 * @param cand the property in question (see above)
	 * @param pos key bytes read
	 * @param ws whitespace bytes in the current run
	 * @param count properties written (only kept when the spec counts them, else 0)
	 * @param keys the extra keys written ({@link ValueSet#ofString})
	 */
	record Obj(ObjectSpec spec, Stage stage, int next, int cand, int pos, int ws, int count,
			ValueSet keys) implements Frame {
	}

	/**
	 * An array.
	 *
	 * @param spec the array's spec
	 * @param stage where it is ({@link Stage#OPEN}, {@link Stage#IN_VALUE},
	 * {@link Stage#AFTER} or {@link Stage#COMMA})
	 * @param count items so far (capped at {@link ArraySpec#countCap()})
	 * @param ws whitespace bytes in the current run
	 * @param used with {@code uniqueItems}, the items so far
	 */
	record Arr(ArraySpec spec, Stage stage, int count, int ws, ValueSet used) implements Frame {
	}

	/**
	 * Inside a string.
	 *
	 * @param spec the string's spec
	 * @param dfa the automaton state (0 for a free string)
	 * @param lex the lexer state
	 * @param acc the bits of a partly read character or escape
	 * @param need bytes or hex digits still to come
	 * @param len the length of the UTF-8 character being read
	 * @param count code points so far (capped where the count stops mattering)
	 * @param text the decoded text so far, kept only where the value matters (keys,
	 * unique items), else {@code null}
	 * @param excluded values the string may not end as ({@link ValueSet#ofString})
	 */
	record Str(StringSpec spec, int dfa, Lex lex, int acc, int need, int len, int count, @Nullable String text,
			ValueSet excluded) implements Frame {
	}

	/**
	 * A number being written.
	 *
	 * @param spec the number's spec
	 * @param text the characters so far
	 * @param excluded values the number may not take ({@link ValueSet#ofNumber})
	 */
	record Num(NumberSpec spec, String text, ValueSet excluded) implements Frame {
	}

	/**
	 * A literal being written.
	 *
	 * @param spec the literal's spec
	 * @param cand the first option (not excluded) matching the {@code pos} bytes so far
	 * @param pos bytes read
	 * @param excluded values that may not be written ({@link ValueSet#ofJson})
	 */
	record Lit(LiteralSpec spec, int cand, int pos, ValueSet excluded) implements Frame {
	}

}
