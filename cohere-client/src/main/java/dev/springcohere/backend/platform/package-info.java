/**
 * The {@code platform} and {@code private} backends: Cohere's v2 HTTP API (JSON and
 * server-sent events) on {@code api.cohere.com} or on a private deployment.
 */
@NullMarked
package dev.springcohere.backend.platform;

import org.jspecify.annotations.NullMarked;
