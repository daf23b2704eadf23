package dev.springcohere.backend.aws;

import dev.springcohere.backend.BackendSettings;
import dev.springcohere.http.CohereRetryPolicy;

/**
 * Settings pointing an AWS backend at a local server with static test credentials.
 */
public final class AwsTestSettings {

	/** The access key id used in tests. */
	public static final String ACCESS_KEY_ID = "AKIDEXAMPLE";

	/** The secret key used in tests; it must never show up in messages. */
	public static final String SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

	/** The region used in tests. */
	public static final String REGION = "eu-west-3";

	private AwsTestSettings() {
	}

	/**
	 * Returns a settings builder for a backend.
	 * @param backendId {@code bedrock} or {@code sagemaker}
	 * @param baseUrl the URL of the local server
	 * @return the builder, without retries
	 */
	public static BackendSettings.Builder builder(String backendId, String baseUrl) {
		return BackendSettings.builder()
			.retryPolicy(CohereRetryPolicy.none())
			.property(backendId + ".region", REGION)
			.property(backendId + ".endpoint-override", baseUrl)
			.property(backendId + ".access-key-id", ACCESS_KEY_ID)
			.property(backendId + ".secret-access-key", SECRET_ACCESS_KEY);
	}

}
