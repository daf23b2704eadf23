package dev.springcohere.backend.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.springcohere.api.CohereJson;
import dev.springcohere.api.DetokenizeResponse;
import dev.springcohere.api.TokenizeResponse;
import dev.springcohere.api.error.CohereException;
import dev.springcohere.client.CohereClient;
import dev.springcohere.http.ApiKey;
import dev.springcohere.http.CohereHttpTransport;
import dev.springcohere.http.CohereRetryPolicy;
import dev.springcohere.http.HttpSettings;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code cohere.tokenize.offline}: the model's {@code tokenizer_url} is downloaded once
 * into the cache directory and run locally; the endpoints are the fallback.
 */
class LocalTokenizeTests {

	private static final String MODEL = "command-r7b-12-2024";

	private static final String TEXT = "Hello world, tokenize me!";

	@RegisterExtension
	static final WireMockExtension server = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort())
		.build();

	private static Path tokenizerFile;

	private static byte[] tokenizerJson;

	@TempDir
	Path cache;

	@BeforeAll
	static void readFixture() throws IOException {
		String shared = System.getProperty("springcohere.shared.dir");
		assertThat(shared).as("system property springcohere.shared.dir (set by the root pom)").isNotBlank();
		tokenizerFile = Path.of(shared, "fixtures", "engine", "tiny-tokenizer", "tokenizer.json");
		assertThat(tokenizerFile).as("the tiny tokenizer of the shared fixtures").isRegularFile();
		tokenizerJson = Files.readAllBytes(tokenizerFile);
	}

	private CohereClient client(String mode) {
		return CohereClient.builder()
			.apiKey("tokenize-key")
			.baseUrl(server.baseUrl())
			.environment((name) -> null)
			.retryPolicy(CohereRetryPolicy.none())
			.readTimeout(Duration.ofSeconds(10))
			.property("tokenize.offline", mode)
			.property("tokenize.cache-dir", this.cache.toString())
			.build();
	}

	private void stubModelAndTokenizer() {
		server.stubFor(get(urlEqualTo("/v1/models/" + MODEL)).willReturn(okJson("""
				{"name":"%s","endpoints":["chat"],"context_length":128000,
				 "tokenizer_url":"%s/tokenizers/r7b.json"}""".formatted(MODEL, server.baseUrl()))));
		server.stubFor(get(urlEqualTo("/tokenizers/r7b.json"))
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(tokenizerJson)));
	}

	private static int[] djlIds(String text) throws IOException {
		try (HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(tokenizerFile,
				Map.of("addSpecialTokens", "false"))) {
			Encoding encoding = tokenizer.encode(text, false, false);
			return Arrays.stream(encoding.getIds()).mapToInt(Math::toIntExact).toArray();
		}
	}

	@Test
	void autoDownloadsTheTokenizerOnceAndTokenizesLocallyLikeHuggingFace() throws IOException {
		stubModelAndTokenizer();
		try (CohereClient client = client("auto")) {
			TokenizeResponse first = client.tokenize(dev.springcohere.api.TokenizeRequest.of(MODEL, TEXT));
			TokenizeResponse second = client.tokenize(dev.springcohere.api.TokenizeRequest.of(MODEL, "again"));
			DetokenizeResponse text = client
				.detokenize(dev.springcohere.api.DetokenizeRequest.of(MODEL, first.tokens()));

			assertThat(first.tokens()).containsExactly(Arrays.stream(djlIds(TEXT)).boxed().toArray(Integer[]::new));
			assertThat(first.tokens()).isNotEmpty();
			assertThat(first.tokenStrings()).hasSameSizeAs(first.tokens());
			assertThat(second.tokens()).containsExactly(Arrays.stream(djlIds("again")).boxed().toArray(Integer[]::new));
			assertThat(text.text()).isNotBlank();
		}
		server.verify(1, getRequestedFor(urlEqualTo("/v1/models/" + MODEL)).withHeader("Authorization",
				equalTo("Bearer tokenize-key")));
		server.verify(1, getRequestedFor(urlEqualTo("/tokenizers/r7b.json")).withHeader("Authorization", absent()));
		server.verify(0, postRequestedFor(urlEqualTo("/v1/tokenize")));
		server.verify(0, postRequestedFor(urlEqualTo("/v1/detokenize")));
		assertThat(this.cache.resolve(MODEL + ".tokenizer.json")).hasBinaryContent(tokenizerJson);
	}

	@Test
	void aNewClientReadsTheCachedTokenizerWithoutAnyCall() {
		stubModelAndTokenizer();
		try (CohereClient client = client("auto")) {
			client.tokenize(dev.springcohere.api.TokenizeRequest.of(MODEL, TEXT));
		}
		server.resetRequests();
		try (CohereClient client = client("always")) {
			assertThat(client.tokenize(dev.springcohere.api.TokenizeRequest.of(MODEL, TEXT)).tokens()).isNotEmpty();
		}
		server.verify(0, anyRequestedFor(anyUrl()));
	}

	@Test
	void autoFallsBackToTheEndpointWhenTheModelHasNoTokenizerUrlAndAsksOnlyOnce() {
		server.stubFor(get(urlEqualTo("/v1/models/" + MODEL)).willReturn(okJson("""
				{"name":"%s","endpoints":["chat"]}""".formatted(MODEL))));
		server.stubFor(post(urlEqualTo("/v1/tokenize")).willReturn(okJson("""
				{"tokens":[8466,5169],"token_strings":["token","ize"]}""")));
		try (CohereClient client = client("auto")) {
			assertThat(client.tokenize(dev.springcohere.api.TokenizeRequest.of(MODEL, "tokenize")).tokens())
				.containsExactly(8466, 5169);
			assertThat(client.tokenize(dev.springcohere.api.TokenizeRequest.of(MODEL, "tokenize")).tokens())
				.containsExactly(8466, 5169);
		}
		server.verify(1, getRequestedFor(urlEqualTo("/v1/models/" + MODEL)));
		server.verify(2, postRequestedFor(urlEqualTo("/v1/tokenize")));
	}

	@Test
	void autoFallsBackToTheEndpointWhenTheDownloadFails() {
		server.stubFor(get(urlEqualTo("/v1/models/" + MODEL)).willReturn(okJson("""
				{"name":"%s","tokenizer_url":"%s/tokenizers/missing.json"}""".formatted(MODEL, server.baseUrl()))));
		server.stubFor(get(urlEqualTo("/tokenizers/missing.json")).willReturn(aResponse().withStatus(404)));
		server.stubFor(post(urlEqualTo("/v1/detokenize")).willReturn(okJson("""
				{"text":"tokenize"}""")));
		try (CohereClient client = client("auto")) {
			assertThat(client.detokenize(dev.springcohere.api.DetokenizeRequest.of(MODEL, List.of(8466, 5169))).text())
				.isEqualTo("tokenize");
		}
		server.verify(1, postRequestedFor(urlEqualTo("/v1/detokenize")));
		assertThat(this.cache.resolve(MODEL + ".tokenizer.json")).doesNotExist();
	}

	@Test
	void alwaysFailsWithTheReasonWhenNoLocalTokenizerIsPossible() {
		server.stubFor(get(urlEqualTo("/v1/models/" + MODEL)).willReturn(okJson("""
				{"name":"%s"}""".formatted(MODEL))));
		try (CohereClient client = client("always")) {
			assertThatExceptionOfType(CohereException.class)
				.isThrownBy(() -> client.tokenize(dev.springcohere.api.TokenizeRequest.of(MODEL, "x")))
				.withMessageContaining("cohere.tokenize.offline is 'always' but model '" + MODEL + "'")
				.withMessageContaining("gives no tokenizer_url")
				.withMessageContaining("cohere.tokenize.offline=auto");
		}
		server.verify(0, postRequestedFor(urlEqualTo("/v1/tokenize")));
	}

	@Test
	void neverUsesOnlyTheEndpoints() {
		stubModelAndTokenizer();
		server.stubFor(post(urlEqualTo("/v1/tokenize")).willReturn(okJson("""
				{"tokens":[1,2]}""")));
		try (CohereClient client = client("never")) {
			assertThat(client.tokenize(dev.springcohere.api.TokenizeRequest.of(MODEL, "x")).tokens()).containsExactly(1,
					2);
		}
		server.verify(0, getRequestedFor(urlEqualTo("/v1/models/" + MODEL)));
	}

	@Test
	void withoutTheLibraryAutoUsesTheEndpointsWithoutAskingForTheModel() {
		stubModelAndTokenizer();
		server.stubFor(post(urlEqualTo("/v1/tokenize")).willReturn(okJson("""
				{"tokens":[3]}""")));
		HttpSettings http = HttpSettings.defaults().mutate().baseUrl(server.baseUrl()).build();
		try (CohereHttpTransport transport = CohereHttpTransport.builder()
			.settings(http)
			.apiKey(ApiKey.of("k"))
			.retryPolicy(CohereRetryPolicy.none())
			.build()) {
			ModelTokenizers absent = new ModelTokenizers(TokenizeMode.AUTO, this.cache, transport,
					CohereJson.createMapper(), false);
			PlatformBackend backend = new PlatformBackend("platform", transport, absent);
			assertThat(backend.tokenize(dev.springcohere.api.TokenizeRequest.of(MODEL, "x")).tokens())
				.containsExactly(3);
			ModelTokenizers required = new ModelTokenizers(TokenizeMode.ALWAYS, this.cache, transport,
					CohereJson.createMapper(), false);
			assertThatExceptionOfType(CohereException.class).isThrownBy(() -> required.forModel(MODEL))
				.withMessageContaining("ai.djl.huggingface:tokenizers is not on the class path");
		}
		server.verify(0, getRequestedFor(urlEqualTo("/v1/models/" + MODEL)));
	}

	@Test
	void badModeFailsNamingTheSettingAndTheChoices() {
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> client("sometimes"))
			.withMessageContaining("'cohere.tokenize.offline'")
			.withMessageContaining("auto, always, never");
	}

	@Test
	void defaultCacheDirIsUnderTheUserCacheDirectory() {
		assertThat(ModelTokenizers.defaultCacheDir((name) -> "XDG_CACHE_HOME".equals(name) ? "/tmp/xdg" : null))
			.isEqualTo(Path.of("/tmp/xdg", "springcohere", "tokenizers"));
		assertThat(ModelTokenizers.defaultCacheDir((name) -> null))
			.isEqualTo(Path.of(System.getProperty("user.home"), ".cache", "springcohere", "tokenizers"));
	}

}
