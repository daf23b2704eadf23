package dev.springcohere.backend.oci;

import java.io.FileNotFoundException;
import java.io.IOException;
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

/**
 * Provides the {@code oci} backend: Cohere models on OCI Generative AI. Reads these properties (keys without the
 * {@code cohere.} prefix):
 * <ul>
 * <li>{@code oci.compartment-id} (required): the OCID of the compartment the calls run in;</li>
 * <li>{@code oci.auth}: {@code config-file} (default: an API key from the OCI config file),
 * {@code session-token} (a token from {@code oci session authenticate}, named by the profile's
 * {@code security_token_file}), {@code instance-principal} (on an OCI compute instance) or {@code resource-principal} (in OCI Functions and
 * other resources);</li>
 * <li>{@code oci.config-file} (default {@code ~/.oci/config}, or the file named by {@code OCI_CONFIG_FILE}) and
 * {@code oci.profile} (default {@code DEFAULT}) for {@code config-file};</li>
 * <li>{@code oci.region}: the region id such as {@code us-chicago-1} (default: the config file's region);</li>
 * <li>{@code oci.endpoint}: the service URL, overriding the region's
 * {@code https://inference.generativeai.<region>.oci.oraclecloud.com};</li>
 * <li>{@code oci.api-format}: {@code auto} (default), {@code cohere} or {@code coherev2} (see
 * {@link OciApiFormat}).</li>
 * </ul>
 * HTTP timeouts come from the settings' HTTP settings and retries from their retry policy.
 *
 * @since 0.1.0
 */
public final class OciBackendProvider implements CohereBackendProvider {

	/**
	 * Creates the provider (for {@link java.util.ServiceLoader}).
	 */
	public OciBackendProvider() {
	}

	@Override
	public String id() {
		return OciBackend.ID;
	}

	/**
	 * Creates an {@link OciBackend} with an SDK client configured from the settings.
	 * @param settings the settings
	 * @return the backend
	 * @throws IllegalStateException if the compartment is missing, the OCI config file cannot be read, or a property
	 * has an unknown value (the message names the property)
	 */
	@Override
	public CohereBackend create(BackendSettings settings) {
		String compartmentId = settings.requireProperty(OciBackend.ID, "oci.compartment-id");
		OciApiFormat apiFormat = OciApiFormat.parse(settings.property("oci.api-format", "auto"));
		String endpoint = settings.property("oci.endpoint");
		Region region = region(settings.property("oci.region"));
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
		GenerativeAiInferenceClient.Builder builder = GenerativeAiInferenceClient.builder().configuration(configuration);
		if (region != null) {
			builder.region(region);
		}
		if (endpoint != null) {
			builder.endpoint(endpoint);
		}
		return new OciBackend(builder.build(authentication), compartmentId, apiFormat, settings.retryPolicy());
	}

	private static BasicAuthenticationDetailsProvider authentication(BackendSettings settings) {
		String auth = settings.property("oci.auth", "config-file").toLowerCase(Locale.ROOT);
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
		String path = settings.property("oci.config-file");
		String profile = settings.property("oci.profile", "DEFAULT");
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
