package dev.springcohere.autoconfigure;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import dev.springcohere.backend.CapabilityRoutingBackend;
import dev.springcohere.backend.CohereBackend;

/**
 * The backends the auto-configuration created, one per distinct backend id, and which one
 * serves chat, embed and rerank. Closing the group closes each backend once.
 *
 * @since 0.1.0
 */
public final class CohereBackendGroup implements AutoCloseable {

	private final Map<String, CohereBackend> backends;

	private final CohereBackend chat;

	private final CohereBackend embed;

	private final CohereBackend rerank;

	/**
	 * Creates a group.
	 * @param backends the backends by id
	 * @param chatId the id of the chat backend
	 * @param embedId the id of the embed backend
	 * @param rerankId the id of the rerank backend
	 */
	public CohereBackendGroup(Map<String, CohereBackend> backends, String chatId, String embedId, String rerankId) {
		Objects.requireNonNull(backends, "'backends' must not be null");
		this.backends = Collections.unmodifiableMap(new LinkedHashMap<>(backends));
		this.chat = require(chatId);
		this.embed = require(embedId);
		this.rerank = require(rerankId);
	}

	private CohereBackend require(String id) {
		CohereBackend backend = this.backends.get(Objects.requireNonNull(id, "'id' must not be null"));
		if (backend == null) {
			throw new IllegalArgumentException("No backend with id '" + id + "' in " + this.backends.keySet());
		}
		return backend;
	}

	/**
	 * Returns the backends by id.
	 * @return an unmodifiable map
	 */
	public Map<String, CohereBackend> getBackends() {
		return this.backends;
	}

	/**
	 * Returns the backend that serves every capability: the single backend when one id
	 * serves all of them, else a {@link CapabilityRoutingBackend}.
	 * @return the backend
	 */
	public CohereBackend routed() {
		if (this.chat == this.embed && this.chat == this.rerank) {
			return this.chat;
		}
		return new CapabilityRoutingBackend(this.chat, this.embed, this.rerank);
	}

	/**
	 * Closes every backend of the group.
	 */
	@Override
	public void close() {
		RuntimeException failure = null;
		for (CohereBackend backend : this.backends.values()) {
			try {
				backend.close();
			}
			catch (RuntimeException ex) {
				if (failure == null) {
					failure = ex;
				}
				else {
					failure.addSuppressed(ex);
				}
			}
		}
		if (failure != null) {
			throw failure;
		}
	}

	@Override
	public String toString() {
		return "CohereBackendGroup[backends=" + this.backends.keySet() + ", chat=" + this.chat.id() + ", embed="
				+ this.embed.id() + ", rerank=" + this.rerank.id() + "]";
	}

}
