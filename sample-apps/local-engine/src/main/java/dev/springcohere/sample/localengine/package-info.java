/**
 * Local engine sample: the quickstart's REST API served by {@code cohere.backend=local},
 * Cohere's open-weight models running inside the JVM.
 */
@org.jspecify.annotations.NullMarked
package dev.springcohere.sample.localengine;
