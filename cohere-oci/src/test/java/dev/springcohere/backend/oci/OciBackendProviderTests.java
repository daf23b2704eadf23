package dev.springcohere.backend.oci;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.springcohere.api.ChatRequest;
import dev.springcohere.api.UserMessage;
import dev.springcohere.backend.BackendSettings;
import dev.springcohere.backend.CohereBackend;
import dev.springcohere.backend.CohereBackends;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Creating the {@code oci} backend from settings: discovery, required and invalid
 * properties, secrets kept out of messages, and the api-format rule.
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
		assertThatThrownBy(
				() -> new OciBackendProvider().create(this.oci.settings().property("oci.auth", "magic").build()))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("cohere.oci.auth")
			.hasMessageContaining("instance-principal")
			.hasMessageContaining("session-token");
		assertThatThrownBy(
				() -> new OciBackendProvider().create(this.oci.settings().property("oci.api-format", "v3").build()))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("cohere.oci.api-format");
		assertThatThrownBy(() -> new OciBackendProvider()
			.create(this.oci.settings().property("oci.region", "mars-north-1").build()))
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
	void sessionTokenAuthSignsWithTheTokenAsKeyId() throws Exception {
		Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
		String token = base64.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "." + base64
			.encodeToString(
					("{\"exp\":" + (System.currentTimeMillis() / 1000 + 3600) + "}").getBytes(StandardCharsets.UTF_8))
				+ ".c2ln";
		Path tokenFile = Files.writeString(this.directory.resolve("token"), token);
		Path config = Files.writeString(this.directory.resolve("session-config"),
				"[SESSION]\nfingerprint=" + OciTestSupport.FINGERPRINT + "\ntenancy=" + OciTestSupport.TENANCY
						+ "\nregion=us-chicago-1\nkey_file=" + this.directory.resolve("oci_api_key.pem")
						+ "\nsecurity_token_file=" + tokenFile + "\n");
		this.oci.server.stubFor(post(urlEqualTo("/20231130/actions/chat")).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"chatResponse\": {\"apiFormat\": \"COHEREV2\", \"finishReason\": \"COMPLETE\", "
					+ "\"message\": {\"content\": [{\"type\": \"TEXT\", \"text\": \"ok\"}]}}}")));
		BackendSettings settings = this.oci.settings()
			.property("oci.auth", "session-token")
			.property("oci.config-file", config.toString())
			.property("oci.profile", "SESSION")
			.build();
		try (CohereBackend backend = new OciBackendProvider().create(settings)) {
			assertThat(
					backend.chat(ChatRequest.builder().model("command-a-03-2025").messages(UserMessage.of("x")).build())
						.text())
				.isEqualTo("ok");
		}
		this.oci.server.verify(postRequestedFor(urlEqualTo("/20231130/actions/chat")).withHeader("Authorization",
				containing("keyId=\"ST$" + token + "\"")));
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
