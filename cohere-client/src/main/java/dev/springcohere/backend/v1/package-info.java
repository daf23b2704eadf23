/**
 * What every backend that speaks Cohere's v1 chat shares (Bedrock and SageMaker's v1
 * bodies, OCI's COHERE format): the mapping of v2 tools onto v1
 * {@code parameter_definitions}, decided once.
 */
@NullMarked
package dev.springcohere.backend.v1;

import org.jspecify.annotations.NullMarked;
