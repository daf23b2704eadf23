package dev.springcohere.backend;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class BackendSettingsTests {

	@Test
	void propertyValuesAreStoredWithoutSurroundingWhitespace() {
		BackendSettings settings = BackendSettings.builder().property("bedrock.region", "  eu-west-1\n").build();
		assertThat(settings.property("bedrock.region")).isEqualTo("eu-west-1");
		assertThat(settings.properties()).containsEntry("bedrock.region", "eu-west-1");
	}

	@Test
	void blankPropertyCountsAsNotSet() {
		BackendSettings settings = BackendSettings.builder().property("oci.auth", " \t").build();
		assertThat(settings.property("oci.auth")).isNull();
		assertThat(settings.property("oci.auth", "config-file")).isEqualTo("config-file");
		assertThat(settings.properties()).doesNotContainKey("oci.auth");
		assertThatIllegalStateException().isThrownBy(() -> settings.requireProperty("oci", "oci.auth"))
			.withMessageContaining("'cohere.oci.auth'");
	}

	@Test
	void blankPropertyUnsetsAnEarlierValue() {
		BackendSettings settings = BackendSettings.builder()
			.property("local.model", "/models/r7b")
			.properties(Map.of("local.model", ""))
			.build();
		assertThat(settings.property("local.model")).isNull();
		assertThat(settings.mutate().property("local.model", "/models/a").build().property("local.model"))
			.isEqualTo("/models/a");
	}

}
