/**
 * The backend SPI: {@link dev.springcohere.backend.CohereBackend} (where a model runs),
 * its {@link dev.springcohere.backend.Capabilities}, and
 * {@link dev.springcohere.backend.CohereBackendProvider}s found through
 * {@link java.util.ServiceLoader} by {@link dev.springcohere.backend.CohereBackends}.
 */
@NullMarked
package dev.springcohere.backend;

import org.jspecify.annotations.NullMarked;
