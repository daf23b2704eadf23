/**
 * Spring Boot auto-configuration for springcohere:
 * {@link dev.springcohere.autoconfigure.CohereProperties} ({@code cohere.*}), backend
 * selection per capability, the {@code CohereClient}, the tool registry, health
 * indicators and observations.
 */
@NullMarked
package dev.springcohere.autoconfigure;

import org.jspecify.annotations.NullMarked;
