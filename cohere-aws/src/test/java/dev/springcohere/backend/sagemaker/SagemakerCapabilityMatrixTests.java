package dev.springcohere.backend.sagemaker;

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
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every capability of the {@code sagemaker} backend (with an endpoint for chat, embed and
 * rerank) either works against a local server or fails with an
 * {@link UnsupportedCapabilityException} naming the backend and the capability, and
 * {@code capabilities()} says which.
 */
class SagemakerCapabilityMatrixTests extends AwsBackendTestSupport<CohereBackend> {

	@Override
	protected CohereBackend createBackend(String baseUrl) {
		return loadBackend("sagemaker",
				AwsTestSettings.builder("sagemaker", baseUrl)
					.property("sagemaker.chat-endpoint-name", "chat")
					.property("sagemaker.embed-endpoint-name", "embed")
					.property("sagemaker.rerank-endpoint-name", "rerank")
					.build());
	}

	@BeforeEach
	void stub() {
		this.server.stubFor(post(urlPathEqualTo("/endpoints/chat/invocations"))
			.willReturn(json("{\"text\": \"Hi\", \"finish_reason\": \"COMPLETE\"}")));
		this.server.stubFor(post(urlPathEqualTo("/endpoints/chat/invocations-response-stream"))
			.willReturn(eventStream(new EventStreamFrames()
				.sagemakerPart(
						"{\"event_type\":\"text-generation\",\"text\":\"Hi\"}\n{\"event_type\":\"stream-".getBytes())
				.sagemakerPart("end\",\"finish_reason\":\"COMPLETE\"}\n".getBytes()))));
		this.server.stubFor(post(urlPathEqualTo("/endpoints/embed/invocations"))
			.willReturn(json("{\"id\": \"e\", \"embeddings\": [[1.0]]}")));
		this.server.stubFor(post(urlPathEqualTo("/endpoints/rerank/invocations"))
			.willReturn(json("{\"id\": \"r\", \"results\": [{\"index\": 0, \"relevance_score\": 0.5}]}")));
	}

	@Test
	void declaresChatStreamEmbedAndRerankOnly() {
		assertThat(this.backend.id()).isEqualTo("sagemaker");
		assertThat(this.backend.capabilities().asSet()).containsExactlyInAnyOrder(Capability.CHAT,
				Capability.CHAT_STREAM, Capability.EMBED, Capability.RERANK);
	}

	@ParameterizedTest
	@EnumSource(Capability.class)
	void everyCapabilityWorksOrFailsNamingBackendAndCapability(Capability capability) {
		assertWorksOrUnsupported(capability, null, null, null);
	}

}
