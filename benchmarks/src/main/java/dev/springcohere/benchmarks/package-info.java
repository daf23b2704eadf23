/**
 * JMH benchmarks of the client against the official Cohere Java SDK, over a loopback
 * server.
 */
@NullUnmarked
package dev.springcohere.benchmarks;

import org.jspecify.annotations.NullUnmarked;
