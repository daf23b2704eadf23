/**
 * Command-line entry point of the engine (picocli): {@code generate}, {@code bench} and
 * {@code serve}.
 */
@NullMarked
package dev.springcohere.engine.cli;

import org.jspecify.annotations.NullMarked;
