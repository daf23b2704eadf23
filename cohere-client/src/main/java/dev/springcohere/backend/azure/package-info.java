/**
 * The {@code azure} backend: Cohere models deployed as serverless endpoints on Azure AI
 * Foundry, over Cohere's v2 routes or the Azure AI model inference routes.
 */
@NullMarked
package dev.springcohere.backend.azure;

import org.jspecify.annotations.NullMarked;
