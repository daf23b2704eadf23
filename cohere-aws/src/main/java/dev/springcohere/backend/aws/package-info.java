/**
 * Pieces shared by the AWS backends ({@code bedrock}, {@code sagemaker}): region,
 * credentials and endpoint settings read from
 * {@link dev.springcohere.backend.BackendSettings}, the translation between Cohere's v2
 * chat and the v1 chat body both targets take, stream decoding, the mapping of AWS
 * errors, the calls against the SDK clients
 * ({@link dev.springcohere.backend.aws.AwsCalls}) and the base class of both backends
 * ({@link dev.springcohere.backend.aws.AwsCohereBackend}).
 */
@NullMarked
package dev.springcohere.backend.aws;

import org.jspecify.annotations.NullMarked;
