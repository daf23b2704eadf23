/**
 * The {@code sagemaker} backend: Cohere's Marketplace model containers (chat, embed,
 * rerank) on Amazon SageMaker endpoints, on the AWS SDK for Java v2.
 */
@NullMarked
package dev.springcohere.backend.sagemaker;

import org.jspecify.annotations.NullMarked;
