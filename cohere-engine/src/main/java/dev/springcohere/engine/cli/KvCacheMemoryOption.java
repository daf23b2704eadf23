package dev.springcohere.engine.cli;

import dev.springcohere.engine.backend.LocalBackendProvider;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The {@code --kv-cache-memory} option of {@code bench} and {@code serve}: the budget of
 * the paged KV cache that batched requests share.
 */
final class KvCacheMemoryOption {

	@Option(names = "--kv-cache-memory", paramLabel = "SIZE",
			description = "The budget of the paged KV cache the batched requests share, in bytes or as 512MB, 4GB "
					+ "(default: room for pool-size requests of max-context tokens).")
	@Nullable String value;

	/**
	 * The budget.
	 * @return bytes, or {@code null} when the option is not given
	 */
	@Nullable Long bytes() {
		if (this.value == null) {
			return null;
		}
		try {
			return LocalBackendProvider.KV_CACHE_MEMORY.convert(this.value);
		}
		catch (IllegalArgumentException ex) {
			throw new CliException("--kv-cache-memory '" + this.value
					+ "' is not a size; use a number of bytes or a size such as 512MB or 4GB");
		}
	}

}
