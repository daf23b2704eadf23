/**
 * Micrometer observations of the calls a backend makes:
 * {@link dev.springcohere.client.observation.ObservedCohereBackend} with its
 * documentation, context and replaceable convention. Needs
 * {@code io.micrometer:micrometer-observation} on the class path (an optional dependency
 * of cohere-client).
 */
@NullMarked
package dev.springcohere.client.observation;

import org.jspecify.annotations.NullMarked;
