/**
 * Helpers shared by the AWS backends ({@code bedrock}, {@code sagemaker}): credentials, region and endpoint
 * settings read from {@link dev.springcohere.backend.BackendSettings}.
 */
@NullMarked
package dev.springcohere.backend.aws;

import org.jspecify.annotations.NullMarked;
