package dev.springcohere.backend.bedrock;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.springcohere.backend.Capability;
import dev.springcohere.backend.CohereBackend;
import dev.springcohere.backend.aws.AwsBackendTestSupport;
import dev.springcohere.backend.aws.AwsTestSettings;
import dev.springcohere.backend.aws.EventStreamFrames;
import dev.springcohere.api.error.UnsupportedCapabilityException;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every capability of the {@code bedrock} backend either works against a local server or
 * fails with an {@link UnsupportedCapabilityException} naming the backend and the
 * capability, and {@code capabilities()} says which.
 */
class BedrockCapabilityMatrixTests extends AwsBackendTestSupport<CohereBackend> {

	@Override
	protected CohereBackend createBackend(String baseUrl) {
		return loadBackend("bedrock", AwsTestSettings.builder("bedrock", baseUrl).build());
	}

	@BeforeEach
	void stub() {
		this.server.stubFor(post(urlPathMatching("/model/cohere.command-r.*/invoke"))
			.willReturn(json("{\"text\": \"Hi\", \"finish_reason\": \"COMPLETE\"}")));
		this.server.stubFor(post(urlPathMatching("/model/cohere.command-r.*/invoke-with-response-stream")).willReturn(
				eventStream(new EventStreamFrames().bedrockChunk("{\"event_type\":\"text-generation\",\"text\":\"Hi\"}")
					.bedrockChunk("{\"event_type\":\"stream-end\",\"finish_reason\":\"COMPLETE\"}"))));
		this.server.stubFor(post(urlPathMatching("/model/cohere.embed.*/invoke"))
			.willReturn(json("{\"id\": \"e\", \"embeddings\": [[1.0]]}")));
		this.server.stubFor(post(urlPathMatching("/model/cohere.rerank.*/invoke"))
			.willReturn(json("{\"id\": \"r\", \"results\": [{\"index\": 0, \"relevance_score\": 0.5}]}")));
	}

	@Test
	void declaresChatStreamEmbedAndRerankOnly() {
		assertThat(this.backend.id()).isEqualTo("bedrock");
		assertThat(this.backend.capabilities().asSet()).containsExactlyInAnyOrder(Capability.CHAT,
				Capability.CHAT_STREAM, Capability.EMBED, Capability.RERANK);
	}

	@ParameterizedTest
	@EnumSource(Capability.class)
	void everyCapabilityWorksOrFailsNamingBackendAndCapability(Capability capability) {
		assertWorksOrUnsupported(capability, "cohere.command-r-v1:0", "cohere.embed-english-v3",
				"cohere.rerank-v3-5:0");
	}

}
