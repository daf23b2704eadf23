package dev.springcohere.backend.oci;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import dev.springcohere.backend.CohereBackend;

/**
 * Base of the OCI backend tests: a fresh {@link OciTestSupport} (key pair, config file,
 * WireMock server) in a temporary folder and an {@code oci} backend built from its
 * settings for every test, both closed after it.
 */
abstract class OciBackendTestBase {

	@TempDir
	Path directory;

	/** The key, config file and server of the current test. */
	OciTestSupport oci;

	/** The backend under test, pointed at {@code oci.server}. */
	CohereBackend backend;

	@BeforeEach
	void startServerAndBackend() throws Exception {
		this.oci = new OciTestSupport(this.directory);
		this.backend = this.oci.backend();
	}

	@AfterEach
	void stopBackendAndServer() {
		this.backend.close();
		this.oci.close();
	}

}
