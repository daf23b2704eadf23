package dev.springcohere.engine.cpu;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

import dev.springcohere.engine.model.Tensor;

/**
 * The repacked copies of weights, one per weight <em>instance</em>, kept as long as the
 * weight is reachable. Keys are compared by identity, not with {@link Tensor#equals}: two
 * tensors of the same name and shape whose segments start at the same address are equal
 * records, and a weight loaded after another was closed can get the freed address, so an
 * equality-keyed map (such as a {@link java.util.WeakHashMap}) could hand the new weight
 * the copy of the old one's bytes.
 *
 * @param <V> the type of the copies
 */
final class RepackedCopies<V> {

	private final Map<Key, V> copies = new HashMap<>();

	private final ReferenceQueue<Tensor> cleared = new ReferenceQueue<>();

	/**
	 * The copy of {@code w}, made by {@code pack} on first use.
	 * @param w the weight
	 * @param pack makes the copy
	 * @return the copy
	 */
	synchronized V get(Tensor w, Function<Tensor, V> pack) {
		for (Object k = this.cleared.poll(); k != null; k = this.cleared.poll()) {
			this.copies.remove(k);
		}
		V copy = this.copies.get(new Key(w, null));
		if (copy == null) {
			copy = pack.apply(w);
			this.copies.put(new Key(w, this.cleared), copy);
		}
		return copy;
	}

	/**
	 * How many copies are held (for tests).
	 * @return the number of weights with a copy that have not been cleared yet
	 */
	synchronized int size() {
		return this.copies.size();
	}

	private static final class Key extends WeakReference<Tensor> {

		private final int hash;

		Key(Tensor referent, ReferenceQueue<Tensor> queue) {
			super(referent, queue);
			this.hash = System.identityHashCode(referent);
		}

		@Override
		public boolean equals(Object other) {
			if (this == other) {
				return true;
			}
			if (!(other instanceof Key key)) {
				return false;
			}
			Tensor referent = get();
			return referent != null && referent == key.get();
		}

		@Override
		public int hashCode() {
			return this.hash;
		}

	}

}
