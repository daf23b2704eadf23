package dev.springcohere.engine.hub;

import java.net.URI;

/**
 * What the Hub's {@code HEAD} on the resolve URL says about a file.
 *
 * @param commit the commit the revision resolved to ({@code X-Repo-Commit})
 * @param etag the normalized ETag ({@code X-Linked-Etag}, else {@code ETag}): a git blob
 * sha1 or an LFS sha256
 * @param size the size in bytes ({@code X-Linked-Size}, else {@code Content-Length}), or
 * {@code -1} when unknown
 * @param location the URL to download the bytes from
 */
record FileMetadata(String commit, String etag, long size, URI location) {
}
