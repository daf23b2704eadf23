/**
 * Ahead-of-time processing hints: what the client, the backends found by
 * {@link java.util.ServiceLoader}, and the application's tools and structured-output
 * records need at run time in a native image or with Spring's AOT mode.
 */
@NullMarked
package dev.springcohere.autoconfigure.aot;

import org.jspecify.annotations.NullMarked;
