/**
 * The load harness: a stand-in for Cohere that streams at a realistic pace, and a client
 * that holds many server-sent-event streams open against an application and reports what
 * it added. Run by hand (see {@code docs/reliability.md}); never part of the build's
 * tests.
 */
@NullMarked
package dev.springcohere.benchmarks.load;

import org.jspecify.annotations.NullMarked;
