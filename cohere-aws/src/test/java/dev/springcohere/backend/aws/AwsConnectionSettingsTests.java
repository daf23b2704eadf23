package dev.springcohere.backend.aws;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.Region;

import dev.springcohere.backend.BackendSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class AwsConnectionSettingsTests {

	@Test
	void readsRegionEndpointAndStaticSessionCredentials() {
		AwsConnectionSettings settings = AwsConnectionSettings.read("bedrock",
				BackendSettings.builder()
					.property("bedrock.region", "ap-northeast-1")
					.property("bedrock.endpoint-override", "http://localhost:8089")
					.property("bedrock.access-key-id", AwsTestSettings.ACCESS_KEY_ID)
					.property("bedrock.secret-access-key", AwsTestSettings.SECRET_ACCESS_KEY)
					.property("bedrock.session-token", "session-token-value")
					.build());

		assertThat(settings.region()).isEqualTo(Region.AP_NORTHEAST_1);
		assertThat(settings.endpointOverride()).hasToString("http://localhost:8089");
		assertThat(settings.credentialsProvider().resolveCredentials())
			.isInstanceOfSatisfying(AwsSessionCredentials.class, (credentials) -> {
				assertThat(credentials.accessKeyId()).isEqualTo(AwsTestSettings.ACCESS_KEY_ID);
				assertThat(credentials.sessionToken()).isEqualTo("session-token-value");
			});
		assertThat(settings.toString()).contains("ap-northeast-1", "static")
			.doesNotContain(AwsTestSettings.SECRET_ACCESS_KEY, "session-token-value");
	}

	@Test
	void withoutKeysTheDefaultCredentialsChainIsUsed() {
		AwsConnectionSettings settings = AwsConnectionSettings.read("sagemaker",
				BackendSettings.builder().property("sagemaker.region", "us-west-2").build());
		assertThat(settings.credentialsProvider()).isInstanceOf(DefaultCredentialsProvider.class);
		assertThat(settings.endpointOverride()).isNull();
	}

	@Test
	void noRegionAnywhereIsAClearError() {
		assertThatIllegalStateException()
			.isThrownBy(() -> AwsConnectionSettings.read("bedrock", BackendSettings.builder().build()))
			.withMessageContaining("'bedrock'")
			.withMessageContaining("cohere.bedrock.region");
	}

	@Test
	void halfOfStaticCredentialsIsAnErrorThatDoesNotShowTheSecret() {
		assertThatIllegalStateException()
			.isThrownBy(() -> AwsConnectionSettings.read("bedrock",
					BackendSettings.builder()
						.property("bedrock.region", "us-east-1")
						.property("bedrock.secret-access-key", AwsTestSettings.SECRET_ACCESS_KEY)
						.build()))
			.withMessageContaining("cohere.bedrock.access-key-id")
			.withMessageNotContaining(AwsTestSettings.SECRET_ACCESS_KEY);
	}

	@Test
	void readWithoutCredentialsKeepsRegionAndEndpointButHasNoCredentialsProvider() {
		AwsConnectionSettings settings = AwsConnectionSettings.readWithoutCredentials("bedrock",
				BackendSettings.builder()
					.property("bedrock.region", "eu-central-1")
					.property("bedrock.endpoint-override", "http://localhost:8089")
					.build(),
				"Bedrock API key from cohere.bedrock.api-key");

		assertThat(settings.region()).isEqualTo(Region.EU_CENTRAL_1);
		assertThat(settings.endpointOverride()).hasToString("http://localhost:8089");
		assertThat(settings.credentialsProvider()).isNull();
		assertThat(settings.toString()).contains("credentials=Bedrock API key from cohere.bedrock.api-key");
	}

	@Test
	void readWithoutCredentialsStillNeedsARegion() {
		assertThatIllegalStateException()
			.isThrownBy(() -> AwsConnectionSettings.readWithoutCredentials("bedrock", BackendSettings.builder().build(),
					"Bedrock API key"))
			.withMessageContaining("cohere.bedrock.region");
	}

	@Test
	void aRelativeEndpointOverrideIsRejected() {
		assertThatIllegalStateException().isThrownBy(() -> AwsConnectionSettings.read("sagemaker",
				BackendSettings.builder()
					.property("sagemaker.region", "us-east-1")
					.property("sagemaker.endpoint-override", "localhost/bedrock")
					.build()))
			.withMessageContaining("cohere.sagemaker.endpoint-override");
	}

}
