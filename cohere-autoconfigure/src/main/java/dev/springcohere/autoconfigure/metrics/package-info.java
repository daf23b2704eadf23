/**
 * Micrometer meters for the figures backends report about themselves.
 */
@NullMarked
package dev.springcohere.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
