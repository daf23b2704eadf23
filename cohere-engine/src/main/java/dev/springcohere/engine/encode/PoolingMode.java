package dev.springcohere.engine.encode;

/**
 * How token vectors become one sentence vector, as sentence-transformers' {@code Pooling}
 * module names the modes. When several modes are enabled their results are concatenated
 * in the order of this enum (sentence-transformers' order).
 */
public enum PoolingMode {

	/** The first token's vector ({@code pooling_mode_cls_token}). */
	CLS,
	/** Element-wise maximum over the real tokens ({@code pooling_mode_max_tokens}). */
	MAX,
	/** Mean over the real tokens ({@code pooling_mode_mean_tokens}). */
	MEAN,
	/**
	 * Sum over the real tokens divided by the square root of their count
	 * ({@code pooling_mode_mean_sqrt_len_tokens}).
	 */
	MEAN_SQRT_LEN,
	/** The last real token's vector ({@code pooling_mode_lasttoken}). */
	LAST_TOKEN

}
