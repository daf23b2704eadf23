package dev.springcohere.client;

import dev.springcohere.api.error.CohereException;
import dev.springcohere.api.error.UnsupportedCapabilityException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UnsupportedCapabilityExceptionTests {

	@Test
	void messageShouldNameTheBackendAndTheCapability() {
		UnsupportedCapabilityException ex = new UnsupportedCapabilityException("bedrock", "tokenize");
		assertThat(ex).isInstanceOf(CohereException.class);
		assertThat(ex.getBackendId()).isEqualTo("bedrock");
		assertThat(ex.getCapability()).isEqualTo("tokenize");
		assertThat(ex.getMessage()).contains("'bedrock'").contains("'tokenize'").contains("cohere.backend");
	}

	@Test
	void messageShouldEndWithTheHintWhenGiven() {
		UnsupportedCapabilityException ex = new UnsupportedCapabilityException("local", "embed",
				"Load an embedding model with 'cohere.local.embed-model'.");
		assertThat(ex.getMessage()).endsWith("Load an embedding model with 'cohere.local.embed-model'.");
	}

}
