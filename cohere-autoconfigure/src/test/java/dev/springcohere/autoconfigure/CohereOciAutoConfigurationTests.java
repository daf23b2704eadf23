package dev.springcohere.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Base64;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.springcohere.api.ChatResponse;
import dev.springcohere.backend.CohereBackend;
import dev.springcohere.client.CohereClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code cohere.backend=oci} with the {@code cohere.oci.*} properties, against WireMock
 * standing in for OCI.
 */
class CohereOciAutoConfigurationTests {

	private static final String COMPARTMENT = "ocid1.compartment.oc1..aaaatest";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CohereAutoConfiguration.class))
		.withPropertyValues("CO_API_KEY=", "COHERE_API_KEY=", "CO_API_URL=", "cohere.retry.max-attempts=1");

	@TempDir
	Path directory;

	private WireMockServer server;

	private Path configFile;

	@BeforeEach
	void start() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		String pem = "-----BEGIN PRIVATE KEY-----\n"
				+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
					.encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
				+ "\n-----END PRIVATE KEY-----\n";
		Path key = Files.writeString(this.directory.resolve("key.pem"), pem);
		this.configFile = Files.writeString(this.directory.resolve("config"), "[APP]\nuser=ocid1.user.oc1..u\n"
				+ "fingerprint=aa:bb\ntenancy=ocid1.tenancy.oc1..t\nregion=us-chicago-1\nkey_file=" + key + "\n");
		this.server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
		this.server.start();
		this.server.stubFor(post(urlEqualTo("/20231130/actions/chat"))
			.willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("""
					{"modelId": "cohere.command-a-03-2025", "chatResponse": {"apiFormat": "COHEREV2", "id": "oci-1",
					 "finishReason": "COMPLETE", "message": {"role": "ASSISTANT",
					  "content": [{"type": "TEXT", "text": "Hello from OCI"}]}}}""")));
	}

	@AfterEach
	void stop() {
		this.server.stop();
	}

	@Test
	void ociBackendWithItsPropertiesAnswersChat() {
		this.runner
			.withPropertyValues("cohere.backend=oci", "cohere.oci.compartment-id=" + COMPARTMENT,
					"cohere.oci.config-file=" + this.configFile, "cohere.oci.profile=APP",
					"cohere.oci.endpoint=" + this.server.baseUrl(), "cohere.oci.api-format=auto",
					"cohere.oci.auth=config-file")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(CohereBackend.class).id()).isEqualTo("oci");
				ChatResponse response = context.getBean(CohereClient.class).chat("Hi");
				assertThat(response.text()).isEqualTo("Hello from OCI");
				this.server.verify(postRequestedFor(urlEqualTo("/20231130/actions/chat"))
					.withHeader("Authorization",
							matching("Signature .*keyId=\"ocid1.tenancy.oc1..t/ocid1.user.oc1..u/aa:bb\".*"))
					.withRequestBody(equalToJson("""
							{"compartmentId": "%s",
							 "servingMode": {"servingType": "ON_DEMAND", "modelId": "cohere.command-a-03-2025"},
							 "chatRequest": {"apiFormat": "COHEREV2",
							  "messages": [{"role": "USER", "content": [{"type": "TEXT", "text": "Hi"}]}]}}"""
						.formatted(COMPARTMENT), true, true)));
			});
	}

	@Test
	void missingCompartmentFailsNamingTheProperty() {
		this.runner
			.withPropertyValues("cohere.backend=oci", "cohere.oci.config-file=" + this.configFile,
					"cohere.oci.profile=APP", "cohere.oci.endpoint=" + this.server.baseUrl())
			.run((context) -> {
				CohereConfigurationException failure = Failures.configurationFailure(context);
				assertThat(failure.getMessage()).contains("'oci' backend").contains("cohere.oci.compartment-id");
			});
	}

}
