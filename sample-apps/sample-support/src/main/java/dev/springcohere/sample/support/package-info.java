/**
 * What the sample applications share:
 * {@link dev.springcohere.sample.support.ApiException} and the JSON error answers of
 * {@link dev.springcohere.sample.support.ApiExceptionHandler}, the 503 when Cohere is not
 * configured ({@link dev.springcohere.sample.support.CohereAccess}) and the REST API of
 * the quickstart and the local engine sample
 * ({@link dev.springcohere.sample.support.CohereApiController}). The samples register
 * these beans themselves: nothing here is picked up by component scanning or
 * auto-configuration.
 */
@org.jspecify.annotations.NullMarked
package dev.springcohere.sample.support;
