/**
 * Typed answers: {@code @StructuredOutput} records turned into {@code response_format}
 * JSON schemas, and answers parsed and validated back into them, with an optional repair
 * round trip.
 */
@NullMarked
package dev.springcohere.structured;

import org.jspecify.annotations.NullMarked;
