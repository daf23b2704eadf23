package dev.springcohere.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ApiKeyTests {

	static final String FAKE_KEY = "sk-FAKE-7c41e9-DO-NOT-LEAK";

	@Test
	void toStringShouldNeverRevealTheKey() {
		ApiKey key = ApiKey.of(FAKE_KEY);
		assertThat(key.toString()).doesNotContain(FAKE_KEY).doesNotContain("7c41e9");
		assertThat(String.valueOf(key)).isEqualTo("ApiKey[****]");
	}

	@Test
	void revealShouldReturnTheTrimmedKey() {
		assertThat(ApiKey.of("  " + FAKE_KEY + "\n").reveal()).isEqualTo(FAKE_KEY);
	}

	@Test
	void equalsShouldCompareValuesWithoutLeakingThemThroughHashCode() {
		assertThat(ApiKey.of(FAKE_KEY)).isEqualTo(ApiKey.of(FAKE_KEY)).isNotEqualTo(ApiKey.of(FAKE_KEY + "x"));
		assertThat(ApiKey.of(FAKE_KEY).hashCode()).isEqualTo(ApiKey.of("other").hashCode());
	}

	@Test
	void ofShouldRejectBadKeysWithoutRepeatingThem() {
		assertThatIllegalArgumentException().isThrownBy(() -> ApiKey.of("   ")).withMessageContaining("CO_API_KEY");
		assertThatIllegalArgumentException().isThrownBy(() -> ApiKey.of("sk-SECRET part"))
			.withMessageContaining("whitespace")
			.withMessageNotContaining("SECRET");
	}

	@Test
	void redactShouldMaskEveryOccurrence() {
		ApiKey key = ApiKey.of(FAKE_KEY);
		assertThat(key.redact("invalid token " + FAKE_KEY + " (" + FAKE_KEY + ")"))
			.isEqualTo("invalid token **** (****)");
		assertThat(key.redact("nothing here")).isEqualTo("nothing here");
	}

}
