package dev.springcohere.autoconfigure.actuate;

import java.util.List;
import java.util.Locale;

import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Masks springcohere's secrets in Actuator's {@code /env} and {@code /configprops}, also
 * with {@code show-values=ALWAYS}: the API keys ({@code cohere.api-key},
 * {@code cohere.azure.api-key}, {@code cohere.openai-compat.api-key},
 * {@code cohere.bedrock.api-key}), AWS secret keys and session tokens, key passphrases,
 * passwords (such as {@code cohere.http.proxy.password}), and the environment variables
 * {@code CO_API_KEY}, {@code COHERE_API_KEY} and {@code AWS_BEARER_TOKEN_BEDROCK},
 * whatever relaxed form their name takes.
 *
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnClass(SanitizingFunction.class)
public final class CohereSanitizingAutoConfiguration {

	private static final List<String> SECRET_SUFFIXES = List.of("apikey", "secretaccesskey", "sessiontoken",
			"passphrase", "password");

	private static final List<String> SECRET_VARIABLES = List.of("coapikey", "cohereapikey", "awsbearertokenbedrock");

	CohereSanitizingAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean(name = "cohereSanitizingFunction")
	SanitizingFunction cohereSanitizingFunction() {
		return SanitizingFunction.sanitizeValue().ifKeyMatches(CohereSanitizingAutoConfiguration::isSecret);
	}

	/**
	 * Tells whether a property or variable name holds one of springcohere's secrets.
	 * @param key the name as Actuator reports it ({@code cohere.api-key}, {@code apiKey},
	 * {@code CO_API_KEY}, …)
	 * @return true when its value must be masked
	 */
	static boolean isSecret(String key) {
		String normalized = key.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
		return SECRET_VARIABLES.contains(normalized) || SECRET_SUFFIXES.stream().anyMatch(normalized::endsWith);
	}

}
