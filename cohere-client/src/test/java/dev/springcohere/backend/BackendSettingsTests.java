package dev.springcohere.backend;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.springcohere.http.ApiKey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class BackendSettingsTests {

	private static final Setting<String> REGION = Setting.text("bedrock.region", null);

	private static final Setting<String> AUTH = Setting.text("oci.auth", "config-file");

	private static final Setting<Duration> MAX_WAIT = Setting.duration("local.max-wait", Duration.ofMinutes(5));

	private static final Setting<Integer> POOL_SIZE = Setting.integer("local.pool-size", 1, 1);

	private enum Mode {

		CONFIG_FILE, INSTANCE_PRINCIPAL

	}

	@Test
	void textValuesAreStoredWithoutSurroundingWhitespace() {
		BackendSettings settings = BackendSettings.builder().property("bedrock.region", "  eu-west-1\n").build();
		assertThat(settings.get(REGION)).isEqualTo("eu-west-1");
		assertThat(settings.keys()).containsExactly("bedrock.region");
	}

	@Test
	void blankValueCountsAsNotSetAndTheDefaultApplies() {
		BackendSettings settings = BackendSettings.builder()
			.property("oci.auth", " \t")
			.property("bedrock.region", "")
			.build();
		assertThat(settings.isSet(AUTH)).isFalse();
		assertThat(settings.get(AUTH)).isEqualTo("config-file");
		assertThat(settings.get(REGION)).isNull();
		assertThatIllegalStateException().isThrownBy(() -> settings.require("bedrock", REGION))
			.withMessageContaining("'bedrock' backend needs the property 'cohere.bedrock.region'");
	}

	@Test
	void blankValueUnsetsAnEarlierValue() {
		BackendSettings settings = BackendSettings.builder()
			.property("bedrock.region", "eu-west-1")
			.value("bedrock.region", "  ")
			.build();
		assertThat(settings.get(REGION)).isNull();
		assertThat(settings.mutate().set(REGION, "us-east-1").build().get(REGION)).isEqualTo("us-east-1");
	}

	@Test
	void typedValuesArriveAsTheyAreAndTextIsParsed() {
		BackendSettings typed = BackendSettings.builder().value("local.max-wait", Duration.ofSeconds(90)).build();
		assertThat(typed.get(MAX_WAIT)).isEqualTo(Duration.ofSeconds(90));
		for (Map.Entry<String, Duration> text : Map
			.of("90s", Duration.ofSeconds(90), "PT1M30S", Duration.ofSeconds(90), "1500ms", Duration.ofMillis(1500),
					"2m", Duration.ofMinutes(2), "45", Duration.ofSeconds(45), "1h", Duration.ofHours(1))
			.entrySet()) {
			assertThat(BackendSettings.builder().property("local.max-wait", text.getKey()).build().get(MAX_WAIT))
				.as(text.getKey())
				.isEqualTo(text.getValue());
		}
		assertThat(BackendSettings.builder().build().get(MAX_WAIT)).isEqualTo(Duration.ofMinutes(5));
		assertThat(BackendSettings.builder().property("local.pool-size", "4").build().get(POOL_SIZE)).isEqualTo(4);
		Setting<Mode> mode = Setting.choice("oci.auth", Mode.class, Mode.CONFIG_FILE);
		assertThat(BackendSettings.builder().property("oci.auth", "instance-principal").build().get(mode))
			.isEqualTo(Mode.INSTANCE_PRINCIPAL);
	}

	@Test
	void dataSizesAreBytesOrNumbersWithBinaryUnits() {
		Setting<Long> memory = Setting.dataSize("local.kv-cache-memory", null);
		for (Map.Entry<String, Long> text : Map
			.of("4096", 4096L, "512MB", 512L << 20, "2GB", 2L << 30, "3 gib", 3L << 30, "1TB", 1L << 40, "64KB",
					64L << 10)
			.entrySet()) {
			assertThat(BackendSettings.builder().property("local.kv-cache-memory", text.getKey()).build().get(memory))
				.as(text.getKey())
				.isEqualTo(text.getValue());
		}
		assertThat(BackendSettings.builder().value("local.kv-cache-memory", 1234L).build().get(memory))
			.isEqualTo(1234L);
		for (String bad : new String[] { "0", "lots", "-5MB", "99999999999TB" }) {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> BackendSettings.builder().property("local.kv-cache-memory", bad).build().get(memory))
				.withMessageContaining("cohere.local.kv-cache-memory")
				.withMessageContaining("512MB, 4GB or a number of bytes");
		}
	}

	@Test
	void unconvertibleValueNamesTheKeyTheValueAndTheExpectedForm() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BackendSettings.builder().property("local.max-wait", "soon").build().get(MAX_WAIT))
			.withMessageContaining("'cohere.local.max-wait' is 'soon'")
			.withMessageContaining("a duration such as 30s, 5m or PT1M30S");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BackendSettings.builder().property("local.pool-size", "0").build().get(POOL_SIZE))
			.withMessageContaining("'cohere.local.pool-size' is '0'")
			.withMessageContaining("a whole number of at least 1");
		Setting<Mode> mode = Setting.choice("oci.auth", Mode.class, null);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BackendSettings.builder().property("oci.auth", "password").build().get(mode))
			.withMessageContaining("one of config-file, instance-principal");
	}

	@Test
	void environmentFallbackFillsOnlyWhatIsUnsetInOrder() {
		Map<String, String> env = Map.of("CO_API_KEY", "env-key-1", "COHERE_API_KEY", "env-key-2", "CO_API_URL",
				"https://cohere.example");
		BackendSettings fromEnv = BackendSettings.builder().environmentFallback(env::get).build();
		assertThat(fromEnv.apiKey()).isEqualTo(ApiKey.of("env-key-1"));
		assertThat(fromEnv.baseUrl()).isEqualTo("https://cohere.example");
		BackendSettings second = BackendSettings.builder()
			.environmentFallback(Map.of("COHERE_API_KEY", " env-key-2 ")::get)
			.build();
		assertThat(second.apiKey()).isEqualTo(ApiKey.of("env-key-2"));
		BackendSettings configured = BackendSettings.builder()
			.apiKey(ApiKey.of("configured"))
			.baseUrl("https://configured.example")
			.environmentFallback(env::get)
			.build();
		assertThat(configured.apiKey()).isEqualTo(ApiKey.of("configured"));
		assertThat(configured.baseUrl()).isEqualTo("https://configured.example");
		assertThat(BackendSettings.environmentApiKey(Map.of("CO_API_KEY", " ")::get)).isNull();
		assertThat(BackendSettings.environmentApiKey(env::get).variable()).isEqualTo("CO_API_KEY");
		assertThat(BackendSettings.environmentApiKey(env::get).toString()).doesNotContain("env-key-1");
	}

	@Test
	void settingsAreImmutableAndHideTheKey() {
		BackendSettings settings = BackendSettings.builder()
			.apiKey(ApiKey.of("secret-key-42"))
			.property("bedrock.region", "eu-west-1")
			.build();
		assertThat(settings.toString()).doesNotContain("secret-key-42").contains("bedrock.region");
		assertThat(settings.mutate().baseUrl(" ").build().baseUrl()).isNull();
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> settings.keys().add("x"));
	}

}
