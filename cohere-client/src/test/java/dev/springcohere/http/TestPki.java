package dev.springcohere.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Test key material (shared with cohere-autoconfigure's tests through the test jar) made
 * at test time with the JDK's {@code keytool} (nothing is checked in): a CA valid for two
 * days, a server certificate it signed for {@code localhost} only (no IP address, so a
 * call to {@code 127.0.0.1} fails host name verification) and a client certificate it
 * signed, as PKCS12 stores in a temporary directory deleted when the JVM exits. Made once
 * per JVM.
 */
public final class TestPki {

	public static final String PASSWORD = "test-pass";

	private static TestPki instance;

	private final Path directory;

	private TestPki(Path directory) {
		this.directory = directory;
	}

	public static synchronized TestPki get() {
		if (instance == null) {
			try {
				instance = create();
			}
			catch (IOException ex) {
				throw new IllegalStateException("Could not create the test key material: " + ex.getMessage(), ex);
			}
		}
		return instance;
	}

	/** The CA's certificate as a trust store. */
	public Path trustStore() {
		return this.directory.resolve("truststore.p12");
	}

	/** The server's key and certificate chain (alias {@code server}). */
	public Path serverKeyStore() {
		return this.directory.resolve("server.p12");
	}

	/** The client's key and certificate chain (alias {@code client}). */
	public Path clientKeyStore() {
		return this.directory.resolve("client.p12");
	}

	/** An SSL context trusting the test CA, without a client certificate. */
	public SSLContext trustingContext() {
		return context(false);
	}

	/** An SSL context trusting the test CA and showing the client certificate. */
	public SSLContext mutualContext() {
		return context(true);
	}

	private SSLContext context(boolean withClientKey) {
		try {
			TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trust.init(load(trustStore()));
			KeyManagerFactory keys = null;
			if (withClientKey) {
				keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
				keys.init(load(clientKeyStore()), PASSWORD.toCharArray());
			}
			SSLContext context = SSLContext.getInstance("TLS");
			context.init((keys != null) ? keys.getKeyManagers() : null, trust.getTrustManagers(), null);
			return context;
		}
		catch (GeneralSecurityException | IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static KeyStore load(Path path) throws GeneralSecurityException, IOException {
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(path)) {
			store.load(in, PASSWORD.toCharArray());
		}
		return store;
	}

	private static TestPki create() throws IOException {
		Path directory = Files.createTempDirectory("springcohere-pki");
		Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(directory)));
		String ca = directory.resolve("ca.p12").toString();
		String caCert = directory.resolve("ca.crt").toString();
		keytool(directory, "-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
				"CN=springcohere test CA", "-ext", "bc:c", "-validity", "2", "-keystore", ca);
		keytool(directory, "-exportcert", "-rfc", "-alias", "ca", "-keystore", ca, "-file", caCert);
		keytool(directory, "-importcert", "-noprompt", "-alias", "ca", "-file", caCert, "-keystore",
				directory.resolve("truststore.p12").toString());
		signed(directory, "server", "CN=localhost", "san=dns:localhost", ca, caCert);
		signed(directory, "client", "CN=springcohere test client", "eku=clientAuth", ca, caCert);
		return new TestPki(directory);
	}

	private static void signed(Path directory, String alias, String dname, String extension, String ca, String caCert)
			throws IOException {
		String store = directory.resolve(alias + ".p12").toString();
		String request = directory.resolve(alias + ".csr").toString();
		String cert = directory.resolve(alias + ".crt").toString();
		keytool(directory, "-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", dname,
				"-validity", "2", "-keystore", store);
		keytool(directory, "-certreq", "-alias", alias, "-keystore", store, "-file", request);
		keytool(directory, "-gencert", "-rfc", "-alias", "ca", "-keystore", ca, "-infile", request, "-outfile", cert,
				"-ext", extension, "-validity", "2");
		keytool(directory, "-importcert", "-noprompt", "-alias", "ca", "-file", caCert, "-keystore", store);
		keytool(directory, "-importcert", "-noprompt", "-alias", alias, "-file", cert, "-keystore", store);
	}

	private static void keytool(Path directory, String... arguments) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
		command.addAll(List.of(arguments));
		command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD));
		Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
		try {
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IOException("keytool " + arguments[0] + " did not finish within 60 s");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted while running keytool", ex);
		}
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (process.exitValue() != 0) {
			throw new IOException("keytool " + String.join(" ", arguments) + " failed: " + output);
		}
	}

	private static void delete(Path directory) {
		try (Stream<Path> paths = Files.walk(directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			System.err.println("Could not delete the test key material in " + directory + ": " + ex);
		}
	}

}
