/**
 * Hugging Face Hub download into the standard Hugging Face cache
 * ({@code models--org--name/{blobs,snapshots,refs}}): resumable, ETag and commit aware,
 * with checksum verification, offline mode, gated-repo tokens and a progress listener.
 * {@link dev.springcohere.engine.hub.ModelLocator} turns a directory or a model id into a
 * checkpoint directory.
 */
@NullMarked
package dev.springcohere.engine.hub;

import org.jspecify.annotations.NullMarked;
