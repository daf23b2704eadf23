/**
 * Micrometer observations of Cohere calls, with the OpenTelemetry GenAI semantic convention key names.
 */
@NullMarked
package dev.springcohere.autoconfigure.observation;

import org.jspecify.annotations.NullMarked;
