package dev.springcohere.backend.oci;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

import com.oracle.bmc.ClientConfiguration;
import com.oracle.bmc.ConfigFileReader;
import com.oracle.bmc.Region;
import com.oracle.bmc.auth.BasicAuthenticationDetailsProvider;
import com.oracle.bmc.auth.ConfigFileAuthenticationDetailsProvider;
import com.oracle.bmc.auth.InstancePrincipalsAuthenticationDetailsProvider;
import com.oracle.bmc.auth.RegionProvider;
import com.oracle.bmc.auth.ResourcePrincipalAuthenticationDetailsProvider;
import com.oracle.bmc.auth.SessionTokenAuthenticationDetailsProvider;
import com.oracle.bmc.generativeaiinference.GenerativeAiInferenceClient;
import com.oracle.bmc.retrier.RetryConfiguration;
import com.oracle.bmc.util.CircuitBreakerUtils;
import org.jspecify.annotations.Nullable;

import dev.springcohere.backend.BackendSettings;
import dev.springcohere.backend.CohereBackend;
import dev.springcohere.backend.CohereBackendProvider;
import dev.springcohere.backend.Setting;

/**
 * Provides the {@code oci} backend: Cohere models on OCI Generative AI. Reads these
 * properties (keys without the {@code cohere.} prefix):
 * <ul>
 * <li>{@code oci.compartment-id} (required): the OCID of the compartment the calls run
 * in;</li>
 * <li>{@code oci.auth}: {@code config-file} (default: an API key from the OCI config
 * file), {@code session-token} (a token from {@code oci session authenticate}, named by
 * the profile's {@code security_token_file}), {@code instance-principal} (on an OCI
 * compute instance) or {@code resource-principal} (in OCI Functions and other
 * resources);</li>
 * <li>{@code oci.config-file} (default {@code ~/.oci/config}, or the file named by
 * {@code OCI_CONFIG_FILE}) and {@code oci.profile} (default {@code DEFAULT}) for
 * {@code config-file};</li>
 * <li>{@code oci.region}: the region id such as {@code us-chicago-1} (default: the config
 * file's region);</li>
 * <li>{@code oci.endpoint}: the service URL, overriding the region's
 * {@code https://inference.generativeai.<region>.oci.oraclecloud.com};</li>
 * <li>{@code oci.api-format}: {@code auto} (default), {@code cohere} or {@code coherev2}
 * (see {@link OciApiFormat}).</li>
 * </ul>
 * HTTP timeouts come from the settings' HTTP settings and retries from their retry
 * policy.
 *
 * @since 0.1.0
 */
public final class OciBackendProvider implements CohereBackendProvider {

	/** The OCID of the compartment (required). */
	public static final Setting<String> COMPARTMENT_ID = Setting.text("oci.compartment-id", null);

	/** The chat format: {@code auto}, {@code cohere} or {@code coherev2}. */
	public static final Setting<String> API_FORMAT = Setting.text("oci.api-format", "auto");

	/** The service endpoint, overriding the region's. */
	public static final Setting<String> ENDPOINT = Setting.text("oci.endpoint", null);

	/** The region id, such as {@code us-chicago-1} (default: the config file's). */
	public static final Setting<String> REGION = Setting.text("oci.region", null);

	/** How to authenticate. */
	public static final Setting<String> AUTH = Setting.text("oci.auth", "config-file");

	/** The OCI config file (default: {@code ~/.oci/config}). */
	public static final Setting<String> CONFIG_FILE = Setting.text("oci.config-file", null);

	/** The profile of the config file. */
	public static final Setting<String> PROFILE = Setting.text("oci.profile", "DEFAULT");

	/**
	 * Creates the provider (for {@link java.util.ServiceLoader}).
	 */
	public OciBackendProvider() {
	}

	@Override
	public String id() {
		return OciBackend.ID;
	}

	@Override
	public List<Setting<?>> settings() {
		return List.of(COMPARTMENT_ID, API_FORMAT, ENDPOINT, REGION, AUTH, CONFIG_FILE, PROFILE);
	}

	/**
	 * Creates an {@link OciBackend} with an SDK client configured from the settings.
	 * @param settings the settings
	 * @return the backend
	 * @throws IllegalStateException if the compartment is missing, the OCI config file
	 * cannot be read, or a property has an unknown value (the message names the property)
	 */
	@Override
	public CohereBackend create(BackendSettings settings) {
		String compartmentId = settings.require(OciBackend.ID, COMPARTMENT_ID);
		OciApiFormat apiFormat = OciApiFormat.parse(settings.require(OciBackend.ID, API_FORMAT));
		String endpoint = settings.get(ENDPOINT);
		Region region = region(settings.get(REGION));
		BasicAuthenticationDetailsProvider authentication = authentication(settings);
		if (endpoint == null && region == null && authentication instanceof RegionProvider regional
				&& regional.getRegion() == null) {
			throw new IllegalStateException("The 'oci' backend needs a region: set 'cohere.oci.region' (such as "
					+ "us-chicago-1), a 'region' in the OCI config file, or 'cohere.oci.endpoint'");
		}
		ClientConfiguration configuration = ClientConfiguration.builder()
			.connectionTimeoutMillis(Math.toIntExact(settings.httpSettings().getConnectTimeout().toMillis()))
			.readTimeoutMillis(Math.toIntExact(settings.httpSettings().getReadTimeout().toMillis()))
			.retryConfiguration(RetryConfiguration.NO_RETRY_CONFIGURATION)
			.circuitBreakerConfiguration(CircuitBreakerUtils.getNoCircuitBreakerConfiguration())
			.build();
		GenerativeAiInferenceClient.Builder builder = GenerativeAiInferenceClient.builder()
			.configuration(configuration);
		if (region != null) {
			builder.region(region);
		}
		if (endpoint != null) {
			builder.endpoint(endpoint);
		}
		return new OciBackend(builder.build(authentication), compartmentId, apiFormat, settings.retryPolicy());
	}

	private static BasicAuthenticationDetailsProvider authentication(BackendSettings settings) {
		String auth = settings.require(OciBackend.ID, AUTH).toLowerCase(Locale.ROOT);
		return switch (auth) {
			case "config-file" -> new ConfigFileAuthenticationDetailsProvider(configFile(settings));
			case "session-token" -> sessionToken(settings);
			case "instance-principal" -> InstancePrincipalsAuthenticationDetailsProvider.builder().build();
			case "resource-principal" -> ResourcePrincipalAuthenticationDetailsProvider.builder().build();
			default -> throw new IllegalStateException("Unknown value '" + auth + "' of 'cohere.oci.auth'; use "
					+ "config-file, session-token, instance-principal or resource-principal");
		};
	}

	private static SessionTokenAuthenticationDetailsProvider sessionToken(BackendSettings settings) {
		try {
			return new SessionTokenAuthenticationDetailsProvider(configFile(settings));
		}
		catch (IOException ex) {
			throw new IllegalStateException("The session token named by 'security_token_file' in the OCI config file "
					+ "cannot be read: " + ex.getMessage() + "; run 'oci session authenticate' or check "
					+ "'cohere.oci.config-file' and 'cohere.oci.profile'", ex);
		}
	}

	private static ConfigFileReader.ConfigFile configFile(BackendSettings settings) {
		String path = settings.get(CONFIG_FILE);
		String profile = settings.require(OciBackend.ID, PROFILE);
		String shown = (path != null) ? path : "~/.oci/config (default)";
		try {
			return (path != null) ? ConfigFileReader.parse(path, profile) : ConfigFileReader.parseDefault(profile);
		}
		catch (FileNotFoundException ex) {
			throw new IllegalStateException("The OCI config file " + shown + " does not exist; set "
					+ "'cohere.oci.config-file' to the file with the API key settings, or 'cohere.oci.auth' to "
					+ "instance-principal or resource-principal", ex);
		}
		catch (IOException ex) {
			throw new IllegalStateException("The OCI config file " + shown + " cannot be read: " + ex.getMessage()
					+ "; check 'cohere.oci.config-file'", ex);
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			throw new IllegalStateException("The OCI config file " + shown + " has no usable profile '" + profile
					+ "' (" + ex.getMessage() + "); check 'cohere.oci.profile' and the file's user, fingerprint, "
					+ "key_file and tenancy entries", ex);
		}
	}

	private static @Nullable Region region(@Nullable String region) {
		if (region == null) {
			return null;
		}
		try {
			return Region.fromRegionCodeOrId(region);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("Unknown OCI region '" + region + "' in 'cohere.oci.region'; use a region "
					+ "id such as us-chicago-1, or set 'cohere.oci.endpoint'", ex);
		}
	}

}
