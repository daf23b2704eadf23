package dev.springcohere.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.springcohere.autoconfigure.health.CohereHealthContributorAutoConfiguration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

class CohereMetadataTests {

	private static final Set<String> CONTRACT = Set.of("cohere.api-key", "cohere.base-url", "cohere.client-name",
			"cohere.backend", "cohere.chat.backend", "cohere.embed.backend", "cohere.rerank.backend",
			"cohere.chat.model", "cohere.chat.temperature", "cohere.chat.max-tokens", "cohere.chat.safety-mode",
			"cohere.embed.model", "cohere.embed.input-type", "cohere.embed.embedding-types", "cohere.embed.dimensions",
			"cohere.embed.batch-size", "cohere.rerank.model", "cohere.rerank.top-n", "cohere.http.connect-timeout",
			"cohere.http.read-timeout", "cohere.retry.max-attempts", "cohere.retry.initial-backoff",
			"cohere.retry.max-backoff", "cohere.bedrock.region", "cohere.bedrock.endpoint-override",
			"cohere.sagemaker.endpoint-name", "cohere.azure.endpoint", "cohere.azure.api-key", "cohere.oci.region",
			"cohere.oci.compartment-id", "cohere.oci.config-file", "cohere.oci.profile",
			"cohere.openai-compat.base-url", "cohere.openai-compat.api-key", "cohere.local.model",
			"cohere.local.device", "cohere.local.cache-dir", "cohere.local.hub-url", "cohere.local.max-context",
			"cohere.local.kv-cache-type");

	@Test
	void metadataShouldDescribeEveryContractPropertyAndHintBackendIds() throws IOException {
		JsonNode metadata;
		try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(in).as("generated metadata").isNotNull();
			metadata = JsonMapper.builder().build().readTree(in);
		}
		List<String> described = new ArrayList<>();
		for (JsonNode property : metadata.get("properties")) {
			assertThat(property.path("description").asString("")).as(property.get("name").asString()).isNotBlank();
			described.add(property.get("name").asString());
		}
		assertThat(described).containsAll(CONTRACT);
		JsonNode backendHint = null;
		JsonNode inputTypeHint = null;
		for (JsonNode hint : metadata.get("hints")) {
			if (hint.get("name").asString().equals("cohere.backend")) {
				backendHint = hint;
			}
			if (hint.get("name").asString().equals("cohere.embed.input-type")) {
				inputTypeHint = hint;
			}
		}
		assertThat(backendHint).isNotNull();
		assertThat(backendHint.get("values").findValuesAsString("value")).containsExactlyInAnyOrder("platform",
				"private", "azure", "bedrock", "sagemaker", "oci", "openai-compat", "local");
		assertThat(inputTypeHint).isNotNull();
		assertThat(inputTypeHint.get("values").findValuesAsString("value")).contains("search_document", "search_query");
	}

	@Test
	void autoConfigurationsAndFailureAnalyzerShouldBeRegistered() {
		List<String> candidates = new ArrayList<>();
		ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader()).forEach(candidates::add);
		assertThat(candidates).contains(CohereAutoConfiguration.class.getName(),
				CohereHealthContributorAutoConfiguration.class.getName());
		assertThat(SpringFactoriesLoader.forDefaultResourceLocation(getClass().getClassLoader())
			.load(FailureAnalyzer.class, null, (type, name, failure) -> {
			})).anyMatch(CohereConfigurationFailureAnalyzer.class::isInstance);
	}

}
