package dev.springcohere.backend;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * The immutable set of {@link Capability capabilities} a backend offers.
 *
 * @since 0.1.0
 */
public final class Capabilities {

	private final Set<Capability> capabilities;

	private Capabilities(Set<Capability> capabilities) {
		this.capabilities = Collections.unmodifiableSet(capabilities);
	}

	/**
	 * Returns the capabilities given.
	 * @param capabilities the capabilities
	 * @return the immutable set
	 */
	public static Capabilities of(Capability... capabilities) {
		return of(Arrays.asList(capabilities));
	}

	/**
	 * Returns the capabilities given.
	 * @param capabilities the capabilities
	 * @return the immutable set
	 */
	public static Capabilities of(Collection<Capability> capabilities) {
		Objects.requireNonNull(capabilities, "'capabilities' must not be null");
		EnumSet<Capability> set = EnumSet.noneOf(Capability.class);
		for (Capability capability : capabilities) {
			set.add(Objects.requireNonNull(capability, "'capabilities' must not contain null"));
		}
		return new Capabilities(set);
	}

	/**
	 * Returns every capability.
	 * @return the immutable set of all capabilities
	 */
	public static Capabilities all() {
		return new Capabilities(EnumSet.allOf(Capability.class));
	}

	/**
	 * Tells whether a capability is offered.
	 * @param capability the capability
	 * @return {@code true} if it is offered
	 */
	public boolean supports(Capability capability) {
		return this.capabilities.contains(Objects.requireNonNull(capability, "'capability' must not be null"));
	}

	/**
	 * Returns the capabilities as a set.
	 * @return an unmodifiable set in declaration order
	 */
	public Set<Capability> asSet() {
		return this.capabilities;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (this == other) || (other instanceof Capabilities that && this.capabilities.equals(that.capabilities));
	}

	@Override
	public int hashCode() {
		return this.capabilities.hashCode();
	}

	@Override
	public String toString() {
		return this.capabilities.stream().map(Capability::id).collect(Collectors.joining(", ", "Capabilities[", "]"));
	}

}
