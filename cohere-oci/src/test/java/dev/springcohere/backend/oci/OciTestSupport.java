package dev.springcohere.backend.oci;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import dev.springcohere.backend.BackendSettings;
import dev.springcohere.backend.CohereBackend;
import dev.springcohere.backend.CohereBackends;
import dev.springcohere.http.CohereRetryPolicy;

/**
 * A throwaway OCI API key (an RSA key pair written as a PEM file), an OCI config file
 * pointing at it, and a WireMock server standing in for OCI Generative AI.
 */
final class OciTestSupport implements AutoCloseable {

	static final String TENANCY = "ocid1.tenancy.oc1..aaaatenancy";

	static final String USER = "ocid1.user.oc1..aaaauser";

	static final String FINGERPRINT = "12:34:56:78:90:ab:cd:ef:12:34:56:78:90:ab:cd:ef";

	static final String COMPARTMENT = "ocid1.compartment.oc1..aaaacompartment";

	final WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort());

	final KeyPair keyPair;

	final String privateKeyPem;

	final Path configFile;

	OciTestSupport(Path directory) throws IOException {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			this.keyPair = generator.generateKeyPair();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
		this.privateKeyPem = "-----BEGIN PRIVATE KEY-----\n"
				+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
					.encodeToString(this.keyPair.getPrivate().getEncoded())
				+ "\n-----END PRIVATE KEY-----\n";
		Path keyFile = directory.resolve("oci_api_key.pem");
		Files.writeString(keyFile, this.privateKeyPem);
		this.configFile = directory.resolve("config");
		Files.writeString(this.configFile,
				"[DEFAULT]\nuser=ocid1.user.oc1..other\nfingerprint=00:00\n"
						+ "tenancy=ocid1.tenancy.oc1..other\nregion=us-ashburn-1\nkey_file=" + keyFile
						+ "\n\n[TEST]\nuser=" + USER + "\nfingerprint=" + FINGERPRINT + "\ntenancy=" + TENANCY
						+ "\nregion=us-chicago-1\nkey_file=" + keyFile + "\n");
		this.server.start();
	}

	PublicKey publicKey() {
		return this.keyPair.getPublic();
	}

	BackendSettings.Builder settings() {
		return BackendSettings.builder()
			.retryPolicy(CohereRetryPolicy.none())
			.property("oci.compartment-id", COMPARTMENT)
			.property("oci.config-file", this.configFile.toString())
			.property("oci.profile", "TEST")
			.property("oci.endpoint", this.server.baseUrl());
	}

	CohereBackend backend() {
		return backend(settings().build());
	}

	CohereBackend backend(BackendSettings settings) {
		return CohereBackends.load().create("oci", settings);
	}

	@Override
	public void close() {
		this.server.stop();
	}

}
