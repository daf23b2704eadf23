package dev.springcohere.backend.bedrock;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.identity.spi.ResolveIdentityRequest;
import software.amazon.awssdk.identity.spi.TokenIdentity;

import dev.springcohere.backend.BackendSettings;
import dev.springcohere.backend.aws.AwsConnectionSettings;
import dev.springcohere.backend.Setting;

/**
 * An Amazon Bedrock API key, handed to the AWS SDK as the token of its bearer auth scheme
 * (the SDK then sends {@code Authorization: Bearer <key>} and signs nothing).
 * <p>
 * Where the key comes from, first match wins: the property {@code bedrock.api-key}; else,
 * when no AWS credentials are configured for the backend ({@code bedrock.access-key-id},
 * {@code bedrock.secret-access-key}, {@code bedrock.session-token},
 * {@code bedrock.profile}), the environment variable {@code AWS_BEARER_TOKEN_BEDROCK};
 * else none, and the calls are SigV4-signed. {@link #toString()} never shows the key.
 */
final class BedrockApiKey implements IdentityProvider<TokenIdentity> {

	/** The key. */
	static final Setting<String> PROPERTY = Setting.text("bedrock.api-key", null);

	/** AWS's environment variable of a Bedrock API key. */
	static final String ENVIRONMENT_VARIABLE = "AWS_BEARER_TOKEN_BEDROCK";

	private static final AwsConnectionSettings.Keys AWS_KEYS = AwsConnectionSettings.Keys.of("bedrock");

	private static final List<Setting<String>> SIGV4_PROPERTIES = List.of(AWS_KEYS.accessKeyId(),
			AWS_KEYS.secretAccessKey(), AWS_KEYS.sessionToken(), AWS_KEYS.profile());

	private final String value;

	private final String source;

	private BedrockApiKey(String value, String source) {
		this.value = value;
		this.source = source;
	}

	/**
	 * Finds the key of a {@code bedrock} backend.
	 * @param settings the backend settings
	 * @param environment returns the value of an environment variable, or {@code null}
	 * @return the key, or {@code null} when the calls are to be SigV4-signed
	 * @throws IllegalStateException when both the key property and AWS credentials
	 * properties are set, or the key contains whitespace or control characters
	 */
	static @Nullable BedrockApiKey find(BackendSettings settings, Function<String, @Nullable String> environment) {
		Objects.requireNonNull(settings, "'settings' must not be null");
		Objects.requireNonNull(environment, "'environment' must not be null");
		List<String> sigv4 = new ArrayList<>();
		for (Setting<String> property : SIGV4_PROPERTIES) {
			if (settings.get(property) != null) {
				sigv4.add("'cohere." + property.key() + "'");
			}
		}
		String configured = settings.get(PROPERTY);
		if (configured != null) {
			if (!sigv4.isEmpty()) {
				throw new IllegalStateException("The 'bedrock' backend got both an API key ('cohere." + PROPERTY.key()
						+ "') and AWS credentials (" + String.join(", ", sigv4) + "); a Bedrock API key replaces "
						+ "SigV4 signing, so set only one of them");
			}
			return of(configured, "cohere." + PROPERTY.key());
		}
		if (!sigv4.isEmpty()) {
			return null;
		}
		String fromEnvironment = blankToNull(environment.apply(ENVIRONMENT_VARIABLE));
		return (fromEnvironment != null) ? of(fromEnvironment, "the environment variable " + ENVIRONMENT_VARIABLE)
				: null;
	}

	private static BedrockApiKey of(String value, String source) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (Character.isWhitespace(c) || Character.isISOControl(c)) {
				throw new IllegalStateException("The Bedrock API key from " + source + " contains whitespace or a "
						+ "control character (character " + (i + 1) + "); copy the key again without line breaks or "
						+ "spaces");
			}
		}
		return new BedrockApiKey(value, source);
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

	/**
	 * Returns where the key was read, such as {@code cohere.bedrock.api-key}.
	 * @return the source, for messages
	 */
	String source() {
		return this.source;
	}

	@Override
	public Class<TokenIdentity> identityType() {
		return TokenIdentity.class;
	}

	@Override
	public CompletableFuture<TokenIdentity> resolveIdentity(ResolveIdentityRequest request) {
		return CompletableFuture.completedFuture(TokenIdentity.create(this.value));
	}

	@Override
	public String toString() {
		return "BedrockApiKey[source=" + this.source + ", value=******]";
	}

}
