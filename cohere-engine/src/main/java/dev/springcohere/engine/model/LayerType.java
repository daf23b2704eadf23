package dev.springcohere.engine.model;

/**
 * Attention kind of one decoder layer.
 */
public enum LayerType {

	/** Sliding-window attention with RoPE (Cohere2 local layers). */
	SLIDING_ATTENTION,
	/** Full causal attention (Cohere: with RoPE; Cohere2 global layers: without RoPE). */
	FULL_ATTENTION

}
