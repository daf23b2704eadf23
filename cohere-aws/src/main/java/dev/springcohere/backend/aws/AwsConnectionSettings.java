package dev.springcohere.backend.aws;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsAsyncClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

import dev.springcohere.backend.BackendSettings;
import dev.springcohere.backend.Setting;

/**
 * Where and as whom an AWS backend connects: region, credentials, an optional endpoint
 * override, timeouts and the number of attempts, read from the properties of
 * {@link BackendSettings} under a prefix such as {@code bedrock}.
 * <p>
 * Properties (keys without {@code cohere.}): {@code <prefix>.region} (else the AWS
 * default region chain: {@code aws.region}, {@code AWS_REGION}, the profile file,
 * instance metadata), {@code <prefix>.endpoint-override}, {@code <prefix>.access-key-id}
 * + {@code <prefix>.secret-access-key} (+ {@code <prefix>.session-token}) for static
 * credentials, or {@code <prefix>.profile} for a named profile; without either the AWS
 * default credentials chain is used. A backend that authenticates otherwise (the
 * {@code bedrock} backend with an API key) reads the settings
 * {@linkplain #readWithoutCredentials without credentials}. {@link #toString()} never
 * shows credentials.
 *
 * @since 0.1.0
 */
public final class AwsConnectionSettings {

	private final String backendId;

	private final Region region;

	private final @Nullable URI endpointOverride;

	private final @Nullable AwsCredentialsProvider credentialsProvider;

	private final String credentialsSource;

	private final Duration connectTimeout;

	private final Duration readTimeout;

	private final int maxAttempts;

	private AwsConnectionSettings(String backendId, Region region, @Nullable URI endpointOverride,
			@Nullable AwsCredentialsProvider credentialsProvider, String credentialsSource, Duration connectTimeout,
			Duration readTimeout, int maxAttempts) {
		this.backendId = backendId;
		this.region = region;
		this.endpointOverride = endpointOverride;
		this.credentialsProvider = credentialsProvider;
		this.credentialsSource = credentialsSource;
		this.connectTimeout = connectTimeout;
		this.readTimeout = readTimeout;
		this.maxAttempts = maxAttempts;
	}

	/**
	 * Reads the settings of a backend whose property prefix is its id
	 * ({@code bedrock.region}, {@code sagemaker.region}, …).
	 * @param backendId the backend id, also the property prefix
	 * @param settings the backend settings
	 * @return the connection settings
	 * @throws IllegalStateException when no region can be found, the endpoint override is
	 * not an absolute URL, or static credentials are incomplete; the message names the
	 * property to set
	 */
	public static AwsConnectionSettings read(String backendId, BackendSettings settings) {
		Objects.requireNonNull(backendId, "'backendId' must not be null");
		Objects.requireNonNull(settings, "'settings' must not be null");
		Region region = region(backendId, settings);
		URI endpoint = endpointOverride(backendId, settings);
		String accessKeyId = settings.get(Keys.of(backendId).accessKeyId());
		String secretAccessKey = settings.get(Keys.of(backendId).secretAccessKey());
		String sessionToken = settings.get(Keys.of(backendId).sessionToken());
		String profile = settings.get(Keys.of(backendId).profile());
		AwsCredentialsProvider credentials;
		String source;
		if (accessKeyId != null || secretAccessKey != null) {
			if (accessKeyId == null || secretAccessKey == null) {
				throw new IllegalStateException("The '" + backendId + "' backend got only one half of static AWS "
						+ "credentials: set both 'cohere." + backendId + ".access-key-id' and 'cohere." + backendId
						+ ".secret-access-key' (or neither, to use the AWS default credentials chain)");
			}
			credentials = StaticCredentialsProvider.create(
					(sessionToken != null) ? AwsSessionCredentials.create(accessKeyId, secretAccessKey, sessionToken)
							: AwsBasicCredentials.create(accessKeyId, secretAccessKey));
			source = "static";
		}
		else if (profile != null) {
			credentials = ProfileCredentialsProvider.builder().profileName(profile).build();
			source = "profile " + profile;
		}
		else {
			credentials = DefaultCredentialsProvider.builder().build();
			source = "default chain";
		}
		return new AwsConnectionSettings(backendId, region, endpoint, credentials, source,
				settings.httpSettings().getConnectTimeout(), settings.httpSettings().getReadTimeout(),
				Math.max(1, settings.retryPolicy().getMaxAttempts()));
	}

	/**
	 * Reads region, endpoint override, timeouts and attempts but no AWS credentials, for
	 * a backend that authenticates its calls another way; {@link #configure} then leaves
	 * the client's credentials alone and {@link #credentialsProvider()} returns
	 * {@code null}.
	 * @param backendId the backend id, also the property prefix
	 * @param settings the backend settings
	 * @param authentication how the calls are authenticated, for {@link #toString()}
	 * (never the secret itself)
	 * @return the connection settings
	 * @throws IllegalStateException when no region can be found or the endpoint override
	 * is not an absolute URL
	 */
	public static AwsConnectionSettings readWithoutCredentials(String backendId, BackendSettings settings,
			String authentication) {
		Objects.requireNonNull(backendId, "'backendId' must not be null");
		Objects.requireNonNull(settings, "'settings' must not be null");
		Objects.requireNonNull(authentication, "'authentication' must not be null");
		return new AwsConnectionSettings(backendId, region(backendId, settings), endpointOverride(backendId, settings),
				null, authentication, settings.httpSettings().getConnectTimeout(),
				settings.httpSettings().getReadTimeout(), Math.max(1, settings.retryPolicy().getMaxAttempts()));
	}

	private static Region region(String backendId, BackendSettings settings) {
		String configured = settings.get(Keys.of(backendId).region());
		if (configured != null) {
			return Region.of(configured);
		}
		try {
			return new DefaultAwsRegionProviderChain().getRegion();
		}
		catch (SdkClientException ex) {
			throw new IllegalStateException("The '" + backendId + "' backend needs an AWS region: set the property "
					+ "'cohere." + backendId + ".region' (for example us-east-1), or the AWS_REGION environment "
					+ "variable, or a region in the AWS profile file", ex);
		}
	}

	private static @Nullable URI endpointOverride(String backendId, BackendSettings settings) {
		String value = settings.get(Keys.of(backendId).endpointOverride());
		if (value == null) {
			return null;
		}
		try {
			URI uri = new URI(value);
			if (!uri.isAbsolute() || uri.getHost() == null) {
				throw new URISyntaxException(value, "not an absolute http(s) URL");
			}
			return uri;
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException("The property 'cohere." + backendId + ".endpoint-override' must be an "
					+ "absolute URL such as https://bedrock-runtime.us-east-1.amazonaws.com, got '" + value + "'", ex);
		}
	}

	/**
	 * Applies region, credentials (unless read without), endpoint override, a Netty HTTP
	 * client with the configured timeouts and the number of attempts to an AWS SDK
	 * asynchronous client builder.
	 * @param <B> the builder type
	 * @param <C> the client type
	 * @param builder the builder
	 * @return the same builder
	 */
	public <B extends AwsAsyncClientBuilder<B, C> & AwsClientBuilder<B, C>, C> B configure(B builder) {
		builder.region(this.region)
			.httpClientBuilder(NettyNioAsyncHttpClient.builder()
				.connectionTimeout(this.connectTimeout)
				.readTimeout(this.readTimeout))
			.overrideConfiguration((config) -> config.retryStrategy((retry) -> retry.maxAttempts(this.maxAttempts)));
		if (this.credentialsProvider != null) {
			builder.credentialsProvider(this.credentialsProvider);
		}
		if (this.endpointOverride != null) {
			builder.endpointOverride(this.endpointOverride);
		}
		return builder;
	}

	/**
	 * Returns the region.
	 * @return the region
	 */
	public Region region() {
		return this.region;
	}

	/**
	 * Returns the endpoint override.
	 * @return the URL, or {@code null} for the regional AWS endpoint
	 */
	public @Nullable URI endpointOverride() {
		return this.endpointOverride;
	}

	/**
	 * Returns the credentials provider.
	 * @return the provider, or {@code null} when the settings were read without
	 * credentials
	 */
	public @Nullable AwsCredentialsProvider credentialsProvider() {
		return this.credentialsProvider;
	}

	/**
	 * Returns how many times a call is tried (the SDK retries throttling and transient
	 * failures).
	 * @return the number of attempts, at least 1
	 */
	public int maxAttempts() {
		return this.maxAttempts;
	}

	@Override
	public String toString() {
		return "AwsConnectionSettings[backend=" + this.backendId + ", region=" + this.region + ", endpointOverride="
				+ this.endpointOverride + ", credentials=" + this.credentialsSource + ", connectTimeout="
				+ this.connectTimeout + ", readTimeout=" + this.readTimeout + ", maxAttempts=" + this.maxAttempts + "]";
	}

	/**
	 * The connection settings every AWS backend reads under its own prefix
	 * ({@code bedrock.region}, {@code sagemaker.region}, …).
	 *
	 * @param region the AWS region (default: the AWS default region chain)
	 * @param endpointOverride the endpoint URL, overriding the region's
	 * @param accessKeyId the access key id of static credentials
	 * @param secretAccessKey the secret access key of static credentials
	 * @param sessionToken the session token of temporary static credentials
	 * @param profile the AWS profile whose credentials are used
	 */
	public record Keys(Setting<String> region, Setting<String> endpointOverride, Setting<String> accessKeyId,
			Setting<String> secretAccessKey, Setting<String> sessionToken, Setting<String> profile) {

		/**
		 * The settings of one backend.
		 * @param backendId the backend id, the prefix of the keys
		 * @return the settings
		 */
		public static Keys of(String backendId) {
			return new Keys(Setting.text(backendId + ".region", null),
					Setting.text(backendId + ".endpoint-override", null),
					Setting.text(backendId + ".access-key-id", null),
					Setting.text(backendId + ".secret-access-key", null),
					Setting.text(backendId + ".session-token", null), Setting.text(backendId + ".profile", null));
		}

		/**
		 * Lists the settings.
		 * @return every setting of this record
		 */
		public List<Setting<?>> all() {
			return List.of(this.region, this.endpointOverride, this.accessKeyId, this.secretAccessKey,
					this.sessionToken, this.profile);
		}

	}

}
