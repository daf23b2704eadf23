package dev.springcohere.starter.backends;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.springcohere.api.ChatRequest;
import dev.springcohere.api.DetokenizeRequest;
import dev.springcohere.api.EmbedRequest;
import dev.springcohere.api.ListModelsRequest;
import dev.springcohere.api.RerankRequest;
import dev.springcohere.api.TokenizeRequest;
import dev.springcohere.api.UserMessage;
import dev.springcohere.backend.BackendSettings;
import dev.springcohere.backend.Capability;
import dev.springcohere.backend.CohereBackend;
import dev.springcohere.backend.CohereBackends;
import dev.springcohere.api.error.UnsupportedCapabilityException;
import dev.springcohere.http.ApiKey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The capability matrix of {@code docs/backends.md} against the code: every backend the
 * starter's users can pick (found through {@link java.util.ServiceLoader}, as the
 * auto-configuration finds them) is created with its minimal configuration, declares
 * exactly the capabilities its documented row says, and fails at once, before any network
 * call, with an {@link UnsupportedCapabilityException} naming itself and the capability
 * for every other one. What each supported capability does on the wire is tested per
 * backend, over HTTP, in its own module.
 */
class BackendCapabilityMatrixTests {

	private static final List<Capability> COLUMNS = List.of(Capability.CHAT, Capability.CHAT_STREAM, Capability.EMBED,
			Capability.RERANK, Capability.TOKENIZE, Capability.MODELS);

	/**
	 * Where nothing listens: a supported call would fail on connect, an unsupported one
	 * must fail before.
	 */
	private static final String NOWHERE = "http://127.0.0.1:9";

	private static Map<String, Set<Capability>> documented;

	private static Path ociConfigFile;

	@BeforeAll
	static void readMatrix(@TempDir Path directory) throws Exception {
		documented = parseMatrix(Files.readString(docsDir().resolve("backends.md")));
		ociConfigFile = writeOciConfig(directory);
	}

	/**
	 * An OCI config file with a throwaway RSA key, as {@code oci setup config} writes
	 * one.
	 */
	private static Path writeOciConfig(Path directory) throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		String pem = "-----BEGIN PRIVATE KEY-----\n"
				+ Base64.getMimeEncoder(64, new byte[] { '\n' })
					.encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
				+ "\n-----END PRIVATE KEY-----\n";
		Path key = Files.writeString(directory.resolve("oci_api_key.pem"), pem);
		return Files.writeString(directory.resolve("config"),
				"[DEFAULT]\nuser=ocid1.user.oc1..aaaauser\nfingerprint=12:34:56:78:90:ab:cd:ef:12:34:56:78:90:ab:cd:ef\n"
						+ "tenancy=ocid1.tenancy.oc1..aaaatenancy\nregion=us-chicago-1\nkey_file=" + key + "\n");
	}

	static Stream<Arguments> backends() {
		Map<String, Consumer<BackendSettings.Builder>> minimal = new LinkedHashMap<>();
		minimal.put("platform", (settings) -> settings.apiKey(ApiKey.of("test-key")).baseUrl(NOWHERE));
		minimal.put("private", (settings) -> settings.baseUrl(NOWHERE));
		minimal.put("azure",
				(settings) -> settings.property("azure.endpoint", NOWHERE).property("azure.api-key", "test-key"));
		minimal.put("openai-compat", (settings) -> settings.property("openai-compat.base-url", NOWHERE + "/v1"));
		minimal.put("bedrock", (settings) -> aws(settings, "bedrock").property("bedrock.endpoint-override", NOWHERE));
		minimal.put("sagemaker",
				(settings) -> aws(settings, "sagemaker").property("sagemaker.endpoint-override", NOWHERE)
					.property("sagemaker.endpoint-name", "cohere-endpoint"));
		minimal.put("oci",
				(settings) -> settings.property("oci.config-file", ociConfigFile.toString())
					.property("oci.compartment-id", "ocid1.compartment.oc1..aaaacompartment")
					.property("oci.endpoint", NOWHERE));
		return minimal.entrySet().stream().map((entry) -> Arguments.of(entry.getKey(), entry.getValue()));
	}

	private static BackendSettings.Builder aws(BackendSettings.Builder settings, String id) {
		return settings.property(id + ".region", "us-east-1")
			.property(id + ".access-key-id", "AKIDEXAMPLE")
			.property(id + ".secret-access-key", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
	}

	@Test
	void everyBackendOnTheClasspathShouldHaveARowAndBeCoveredHere() {
		Set<String> covered = new java.util.TreeSet<>();
		backends().forEach((arguments) -> covered.add((String) arguments.get()[0]));
		Set<String> onClasspath = new java.util.TreeSet<>(CohereBackends.load().ids());
		onClasspath.remove("local");
		assertThat(covered).containsExactlyInAnyOrderElementsOf(onClasspath);
		assertThat(documented.keySet()).containsAll(onClasspath);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("backends")
	void capabilitiesShouldMatchTheDocumentedRow(String id, Consumer<BackendSettings.Builder> configuration) {
		BackendSettings.Builder settings = BackendSettings.builder();
		configuration.accept(settings);
		try (CohereBackend backend = CohereBackends.load().create(id, settings.build())) {
			Set<Capability> expected = documented.get(id);
			assertThat(expected).as("row of '%s' in docs/backends.md", id).isNotNull();
			for (Capability capability : COLUMNS) {
				assertThat(backend.capabilities().supports(capability))
					.as("'%s' supports %s (docs/backends.md says %s)", id, capability, expected.contains(capability))
					.isEqualTo(expected.contains(capability));
				if (!expected.contains(capability)) {
					assertUnsupportedAtOnce(backend, capability);
				}
			}
			assertThat(backend.capabilities().supports(Capability.DETOKENIZE))
				.isEqualTo(expected.contains(Capability.TOKENIZE));
		}
		catch (Exception ex) {
			throw new AssertionError("Backend '" + id + "' could not be created or closed: " + ex, ex);
		}
	}

	private static void assertUnsupportedAtOnce(CohereBackend backend, Capability capability) {
		ChatRequest chat = ChatRequest.builder().model("m").messages(UserMessage.of("hi")).build();
		Runnable call = switch (capability) {
			case CHAT -> () -> backend.chat(chat);
			case CHAT_STREAM -> () -> backend.chatStream(chat).blockLast();
			case EMBED -> () -> backend.embed(EmbedRequest.builder().model("m").texts("x").build());
			case RERANK -> () -> backend.rerank(RerankRequest.builder().model("m").query("q").documents("d").build());
			case TOKENIZE -> () -> backend.tokenize(TokenizeRequest.of("m", "x"));
			case DETOKENIZE -> () -> backend.detokenize(DetokenizeRequest.of("m", List.of(1)));
			case MODELS -> () -> backend.models(ListModelsRequest.all());
			case CHECK_API_KEY -> backend::checkApiKey;
			// the platform API operations (fine-tuning, datasets...): one call through
			// the SPI
			default -> () -> backend.execute(new dev.springcohere.backend.PlatformCall<>(capability, "probe", "GET",
					"/v1/probe", null, null, java.util.Map.class, dev.springcohere.api.RequestOptions.none()));
		};
		assertThatExceptionOfType(UnsupportedCapabilityException.class).isThrownBy(call::run)
			.satisfies((ex) -> assertThat(ex.getBackendId()).isEqualTo(backend.id()))
			.withMessageContaining("'" + backend.id() + "'");
	}

	/**
	 * Reads the table after {@code <!-- capability-matrix -->}: a cell that starts with
	 * "yes" means the capability works with the backend's minimal configuration; "no" or
	 * "only with …" means it does not.
	 */
	static Map<String, Set<Capability>> parseMatrix(String markdown) {
		Map<String, Set<Capability>> rows = new LinkedHashMap<>();
		int start = markdown.indexOf("<!-- capability-matrix");
		assertThat(start).as("docs/backends.md has a <!-- capability-matrix --> marker").isNotNegative();
		List<String> lines = markdown.substring(start).lines().skip(1).toList();
		assertThat(lines).as("the matrix header after the marker").hasSizeGreaterThan(2);
		assertThat(lines.get(0)).startsWith("| id | module | chat | chat stream | embed | rerank |");
		for (String line : lines.subList(2, lines.size())) {
			if (!line.startsWith("| `")) {
				break;
			}
			String[] cells = line.split("\\|");
			String id = cells[1].strip().replace("`", "");
			Set<Capability> supported = EnumSet.noneOf(Capability.class);
			for (int column = 0; column < COLUMNS.size(); column++) {
				String cell = cells[3 + column].strip().toLowerCase(Locale.ROOT);
				if (cell.startsWith("yes")) {
					supported.add(COLUMNS.get(column));
				}
				else if (!cell.startsWith("no") && !cell.startsWith("only with")) {
					throw new AssertionError(
							"Cell '" + cell + "' of row '" + id + "' is neither yes, no nor only with");
				}
			}
			rows.put(id, supported);
		}
		return rows;
	}

	private static Path docsDir() {
		Path dir = Path.of("").toAbsolutePath();
		while (dir != null && !Files.isDirectory(dir.resolve("docs"))) {
			dir = dir.getParent();
		}
		assertThat(dir).as("a docs/ folder above %s", Path.of("").toAbsolutePath()).isNotNull();
		return dir.resolve("docs");
	}

}
