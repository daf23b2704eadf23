/**
 * The engine against jlama, a Java LLM engine on the Vector API: a synthetic Llama
 * checkpoint of the engine's benchmark shape, timed in jlama in this JVM and in the
 * engine's {@code bench} command in a child process, alternately.
 */
@NullMarked
package dev.springcohere.benchmarks.jlama;

import org.jspecify.annotations.NullMarked;
