/**
 * The model-independent HTTP layer of the Cohere HTTP backends (platform, private
 * deployments, Azure): {@link dev.springcohere.http.CohereHttpTransport} sends JSON over
 * an {@link dev.springcohere.http.HttpTransportEngine} (the JDK
 * {@link java.net.http.HttpClient}, or OkHttp or Reactor Netty when one is on the class
 * path), checks statuses, maps failures to the
 * {@link dev.springcohere.api.error.CohereException} hierarchy, retries with
 * {@link dev.springcohere.http.CohereRetryPolicy}, enforces an idle read timeout, and
 * parses server-sent events incrementally into a {@link reactor.core.publisher.Flux}.
 * Settings live in {@link dev.springcohere.http.HttpSettings}; the key in
 * {@link dev.springcohere.http.ApiKey}.
 * <p>
 * This package knows nothing of the v2 API model; backends turn its bytes, JSON trees and
 * events into typed objects.
 */
@NullMarked
package dev.springcohere.http;

import org.jspecify.annotations.NullMarked;
