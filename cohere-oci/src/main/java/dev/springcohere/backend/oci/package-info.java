/**
 * The {@code oci} backend: Cohere models on Oracle Cloud Infrastructure Generative AI,
 * through the OCI Java SDK.
 */
@NullMarked
package dev.springcohere.backend.oci;

import org.jspecify.annotations.NullMarked;
