package dev.springcohere.engine.constrain;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A compiled schema node: what one JSON value may be. Specs compare by identity
 * (recursive {@code $ref}s make the graph cyclic), and {@link #satisfiable} is computed
 * once the whole schema is compiled, so that generation never starts a value it cannot
 * finish.
 */
abstract sealed class Spec permits Spec.ObjectSpec, Spec.ArraySpec, StringSpec, NumberSpec, Spec.LiteralSpec,
		Spec.AnyOfSpec, Spec.RefSpec {

	/** A count standing for "more than any bound" (no limit). */
	static final int MANY = Integer.MAX_VALUE / 4;

	boolean satisfiable;

	/** The spec a value actually follows ({@code $ref}s resolved). */
	Spec resolve() {
		return this;
	}

	/**
	 * An object: known properties, written in schema order (optional ones may be left
	 * out), then, where the schema allows them, extra properties under other names.
	 */
	static final class ObjectSpec extends Spec {

		final List<Property> properties;

		/**
		 * The value of an extra property the grammar may write, or {@code null} for none.
		 */
		final @Nullable Spec additional;

		/**
		 * Whether the schema forbids other properties
		 * ({@code additionalProperties: false}).
		 */
		final boolean closed;

		final int minProperties;

		/** The most properties, or -1 for no limit. */
		final int maxProperties;

		/**
		 * The listed names ({@link ValueSet#ofString}), which an extra property may not
		 * take.
		 */
		final ValueSet names;

		/** The whitespace between members. */
		final Layout layout;

		ObjectSpec(List<Property> properties, @Nullable Spec additional, boolean closed, int minProperties,
				int maxProperties, Layout layout) {
			this.properties = properties;
			this.additional = additional;
			this.closed = closed;
			this.minProperties = minProperties;
			this.maxProperties = maxProperties;
			this.layout = layout;
			ValueSet set = ValueSet.EMPTY;
			for (Property p : properties) {
				set = set.with(ValueSet.ofString(p.name()));
			}
			this.names = set;
		}

		ObjectSpec(List<Property> properties) {
			this(properties, null, false, 0, -1, Layout.COMPACT);
		}

		/**
		 * The index of the first required property at or after {@code from}, or the
		 * property count.
		 */
		int firstRequired(int from) {
			for (int i = from; i < this.properties.size(); i++) {
				if (this.properties.get(i).required) {
					return i;
				}
			}
			return this.properties.size();
		}

		/**
		 * Whether the property count matters (min or max properties), so that frames keep
		 * it.
		 */
		boolean countsProperties() {
			return this.minProperties > 0 || this.maxProperties >= 0;
		}

		boolean extrasAllowed() {
			return this.additional != null && this.additional.resolve().satisfiable;
		}

		private int requiredAfter(int j) {
			int n = 0;
			for (int i = j + 1; i < this.properties.size(); i++) {
				if (this.properties.get(i).required) {
					n++;
				}
			}
			return n;
		}

		private int availableAfter(int j) {
			if (extrasAllowed()) {
				return MANY;
			}
			int n = 0;
			for (int i = j + 1; i < this.properties.size(); i++) {
				if (this.properties.get(i).spec.resolve().satisfiable) {
					n++;
				}
			}
			return n;
		}

		/**
		 * Whether listed property {@code j} may be written next, when {@code next} is the
		 * first that may still come and {@code count} properties are written: no required
		 * one is skipped, and the property counts stay reachable.
		 */
		boolean candidate(int next, int count, int j) {
			return j >= next && j < this.properties.size() && j <= firstRequired(next)
					&& this.properties.get(j).spec.resolve().satisfiable
					&& (this.maxProperties < 0 || count + 1 + requiredAfter(j) <= this.maxProperties)
					&& count + 1 + availableAfter(j) >= this.minProperties;
		}

		/** Whether an extra property may be written next. */
		boolean extraAllowed(int next, int count) {
			return extrasAllowed() && firstRequired(next) == this.properties.size()
					&& (this.maxProperties < 0 || count + 1 <= this.maxProperties);
		}

		/** Whether some property may be written next. */
		boolean canAdd(int next, int count) {
			if (extraAllowed(next, count)) {
				return true;
			}
			for (int j = next; j < this.properties.size(); j++) {
				if (candidate(next, count, j)) {
					return true;
				}
				if (this.properties.get(j).required) {
					return false;
				}
			}
			return false;
		}

		/** Whether the object may close. */
		boolean canClose(int next, int count) {
			return firstRequired(next) == this.properties.size() && count >= this.minProperties;
		}

	}

	/**
	 * A property of an object.
	 *
	 * @param name the name
	 * @param key the JSON-encoded name, quotes included
	 * @param spec the value's spec
	 * @param required whether it must be present
	 */
	record Property(String name, byte[] key, Spec spec, boolean required) {
	}

	/**
	 * An array: items of the {@code prefix} specs in turn ({@code prefixItems}), then of
	 * {@code items}.
	 */
	static final class ArraySpec extends Spec {

		final List<Spec> prefix;

		/**
		 * The spec of the items after the prefix, or {@code null} when none may follow
		 * it.
		 */
		final @Nullable Spec items;

		final int minItems;

		/** The most items, or -1 for no limit. */
		final int maxItems;

		/**
		 * Whether the items must be distinct ({@code uniqueItems}; scalar items only).
		 */
		final boolean unique;

		/** The whitespace between items. */
		final Layout layout;

		/**
		 * With {@link #unique}: how many distinct values an item may take (capped), set
		 * after compiling.
		 */
		long distinct = MANY;

		ArraySpec(List<Spec> prefix, @Nullable Spec items, int minItems, int maxItems, boolean unique, Layout layout) {
			this.prefix = prefix;
			this.items = items;
			this.minItems = minItems;
			this.maxItems = maxItems;
			this.unique = unique;
			this.layout = layout;
		}

		ArraySpec(Spec items, int minItems, int maxItems) {
			this(List.of(), items, minItems, maxItems, false, Layout.COMPACT);
		}

		/**
		 * The spec of item {@code index}, or {@code null} when no such item may exist.
		 */
		@Nullable Spec item(int index) {
			return (index < this.prefix.size()) ? this.prefix.get(index) : this.items;
		}

		/** The count a frame keeps: exact up to where it stops mattering. */
		int countCap() {
			return (this.maxItems >= 0) ? this.maxItems : Math.max(this.minItems, this.prefix.size());
		}

		/**
		 * Whether another item may come after {@code count} items holding the
		 * {@code used} values.
		 */
		boolean roomForItem(int count, ValueSet used) {
			Spec item = item(count);
			return (this.maxItems < 0 || count < this.maxItems) && item != null && item.resolve().satisfiable
					&& (!this.unique || used.size() < this.distinct);
		}

	}

	/**
	 * One of a set of exact JSON texts ({@code enum}, {@code const}, {@code boolean},
	 * {@code null}).
	 */
	static final class LiteralSpec extends Spec {

		/**
		 * The options (only narrowed by {@link #retain}, while the schema is compiled).
		 */
		byte[][] options;

		/** Each option's canonical value ({@link ValueSet#ofJson}). */
		String[] canonical;

		LiteralSpec(byte[][] options) {
			this.options = options;
			this.canonical = new String[options.length];
			for (int i = 0; i < options.length; i++) {
				this.canonical[i] = ValueSet.ofJson(options[i]);
			}
		}

		/** Keeps the options that pass a test (the keywords next to an {@code enum}). */
		void retain(java.util.function.Predicate<byte[]> test) {
			java.util.List<Integer> kept = new java.util.ArrayList<>();
			for (int i = 0; i < this.options.length; i++) {
				if (test.test(this.options[i])) {
					kept.add(i);
				}
			}
			this.options = kept.stream().map((i) -> this.options[i]).toArray(byte[][]::new);
			this.canonical = kept.stream().map((i) -> this.canonical[i]).toArray(String[]::new);
		}

	}

	/** One of several specs. */
	static final class AnyOfSpec extends Spec {

		final List<Spec> alternatives;

		AnyOfSpec(List<Spec> alternatives) {
			this.alternatives = alternatives;
		}

	}

	/** A {@code $ref}, resolved after the schema is compiled. */
	static final class RefSpec extends Spec {

		final String ref;

		@Nullable Spec target;

		RefSpec(String ref) {
			this.ref = ref;
		}

		@Override
		Spec resolve() {
			Spec t = this.target;
			if (t == null) {
				throw new IllegalStateException("Unresolved $ref " + this.ref);
			}
			return t.resolve();
		}

	}

}
