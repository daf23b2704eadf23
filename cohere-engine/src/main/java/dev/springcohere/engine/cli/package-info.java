/**
 * Command-line entry point of the engine: {@code generate}, {@code bench} (and later
 * {@code serve}).
 */
@NullMarked
package dev.springcohere.engine.cli;

import org.jspecify.annotations.NullMarked;
