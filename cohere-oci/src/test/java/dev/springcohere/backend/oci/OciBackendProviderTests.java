package dev.springcohere.backend.oci;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.springcohere.backend.BackendSettings;
import dev.springcohere.backend.CohereBackend;
import dev.springcohere.backend.CohereBackends;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Creating the {@code oci} backend from settings: discovery, required and invalid properties, secrets kept out of
 * messages, and the api-format rule.
 */
class OciBackendProviderTests {

	@TempDir
	Path directory;

	private OciTestSupport oci;

	@BeforeEach
	void start() throws Exception {
		this.oci = new OciTestSupport(this.directory);
	}

	@AfterEach
	void stop() {
		this.oci.close();
	}

	@Test
	void theProviderIsFoundByServiceLoader() {
		assertThat(CohereBackends.load().ids()).contains("oci");
		assertThat(CohereBackends.load().get("oci")).isInstanceOf(OciBackendProvider.class);
	}

	@Test
	void missingCompartmentFailsNamingTheProperty() {
		BackendSettings settings = BackendSettings.builder()
			.property("oci.config-file", this.oci.configFile.toString())
			.property("oci.profile", "TEST")
			.build();
		assertThatThrownBy(() -> new OciBackendProvider().create(settings)).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("cohere.oci.compartment-id");
	}

	@Test
	void missingConfigFileFailsNamingTheProperty() {
		BackendSettings settings = this.oci.settings()
			.property("oci.config-file", this.directory.resolve("absent").toString())
			.build();
		assertThatThrownBy(() -> new OciBackendProvider().create(settings)).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("does not exist")
			.hasMessageContaining("cohere.oci.config-file");
	}

	@Test
	void unknownProfileFailsNamingTheProperty() {
		BackendSettings settings = this.oci.settings().property("oci.profile", "NOPE").build();
		assertThatThrownBy(() -> new OciBackendProvider().create(settings)).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("NOPE")
			.hasMessageContaining("cohere.oci.profile");
	}

	@Test
	void unknownValuesFailNamingTheProperty() {
		assertThatThrownBy(() -> new OciBackendProvider().create(this.oci.settings().property("oci.auth", "magic").build()))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("cohere.oci.auth")
			.hasMessageContaining("instance-principal");
		assertThatThrownBy(
				() -> new OciBackendProvider().create(this.oci.settings().property("oci.api-format", "v3").build()))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("cohere.oci.api-format");
		assertThatThrownBy(
				() -> new OciBackendProvider().create(this.oci.settings().property("oci.region", "mars-north-1").build()))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("cohere.oci.region");
	}

	@Test
	void theBackendAndItsSettingsNeverShowThePrivateKey() {
		BackendSettings settings = this.oci.settings().build();
		try (CohereBackend backend = new OciBackendProvider().create(settings)) {
			String keyBody = this.oci.privateKeyPem.split("\n")[1];
			assertThat(backend.toString()).doesNotContain(keyBody).doesNotContain("PRIVATE KEY");
			assertThat(settings.toString()).doesNotContain(keyBody);
			assertThat(backend.id()).isEqualTo("oci");
		}
	}

	@Test
	void autoApiFormatUsesV1ForCommandRAndV2ForTheRest() {
		assertThat(OciApiFormat.AUTO.resolve("cohere.command-r-08-2024")).isEqualTo(OciApiFormat.COHERE);
		assertThat(OciApiFormat.AUTO.resolve("command-r-plus-08-2024")).isEqualTo(OciApiFormat.COHERE);
		assertThat(OciApiFormat.AUTO.resolve("cohere.command-a-03-2025")).isEqualTo(OciApiFormat.COHEREV2);
		assertThat(OciApiFormat.AUTO.resolve("ocid1.generativeaiendpoint.oc1..x")).isEqualTo(OciApiFormat.COHEREV2);
		assertThat(OciApiFormat.COHERE.resolve("cohere.command-a-03-2025")).isEqualTo(OciApiFormat.COHERE);
		assertThat(OciApiFormat.parse("CoHeRe-V2")).isEqualTo(OciApiFormat.COHEREV2);
	}

}
