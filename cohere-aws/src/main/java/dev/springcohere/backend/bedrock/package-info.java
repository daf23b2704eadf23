/**
 * The {@code bedrock} backend: Cohere chat (Command R / R+ through the v1 body, newer
 * models through the v2 body), embed and rerank models on Amazon Bedrock, on the AWS SDK
 * for Java v2.
 */
@NullMarked
package dev.springcohere.backend.bedrock;

import org.jspecify.annotations.NullMarked;
