package dev.springcohere.backend.sagemaker;

import java.util.List;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Test;

import dev.springcohere.api.AssistantMessage;
import dev.springcohere.api.ChatRequest;
import dev.springcohere.api.ChatResponse;
import dev.springcohere.api.CitationMode;
import dev.springcohere.api.CitationOptions;
import dev.springcohere.api.EmbedInputType;
import dev.springcohere.api.EmbedRequest;
import dev.springcohere.api.EmbedResponse;
import dev.springcohere.api.EmbeddingType;
import dev.springcohere.api.FinishReason;
import dev.springcohere.api.RerankRequest;
import dev.springcohere.api.RerankResponse;
import dev.springcohere.api.ResponseFormat;
import dev.springcohere.api.ResponseFormatType;
import dev.springcohere.api.SafetyMode;
import dev.springcohere.api.SystemMessage;
import dev.springcohere.api.UserMessage;
import dev.springcohere.backend.BackendSettings;
import dev.springcohere.backend.Capability;
import dev.springcohere.backend.aws.AwsBackendTestSupport;
import dev.springcohere.backend.aws.AwsTestSettings;
import dev.springcohere.api.error.CohereApiException;
import dev.springcohere.api.error.UnsupportedCapabilityException;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class SagemakerBackendTests extends AwsBackendTestSupport<SagemakerBackend> {

	@Override
	protected SagemakerBackend createBackend(String baseUrl) {
		return SagemakerBackend.create(AwsTestSettings.builder("sagemaker", baseUrl)
			.property("sagemaker.chat-endpoint-name", "cohere-command-r")
			.property("sagemaker.embed-endpoint-name", "cohere-embed")
			.property("sagemaker.rerank-endpoint-name", "cohere-rerank")
			.property("sagemaker.inference-component", "ic-1")
			.build());
	}

	@Test
	void chatSendsTheV1BodyToTheChatEndpointSignedForSagemaker() {
		this.server.stubFor(post(urlPathEqualTo("/endpoints/cohere-command-r/invocations"))
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("""
					{"response_id": "sm-1", "text": "Rain.", "finish_reason": "MAX_TOKENS",
					 "meta": {"billed_units": {"input_tokens": 12, "output_tokens": 2}}}
					""")));

		ChatResponse response = this.backend.chat(ChatRequest.builder()
			.model("ignored-by-sagemaker")
			.messages(SystemMessage.of("Be brief."), UserMessage.of("Hi"), AssistantMessage.of("Hello!"),
					UserMessage.of("Weather?"))
			.maxTokens(2)
			.build());

		this.server.verify(postRequestedFor(urlPathEqualTo("/endpoints/cohere-command-r/invocations"))
			.withHeader("X-Amzn-SageMaker-Inference-Component", equalTo("ic-1"))
			.withRequestBody(equalToJson("""
					{"message": "Weather?",
					 "chat_history": [{"role": "USER", "message": "Hi"}, {"role": "CHATBOT", "message": "Hello!"}],
					 "preamble": "Be brief.", "max_tokens": 2}
					""")));
		LoggedRequest sent = this.server.getAllServeEvents().get(0).getRequest();
		assertThat(sent.getHeader("Authorization")).matches("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/\\d{8}/"
				+ AwsTestSettings.REGION + "/sagemaker/aws4_request, SignedHeaders=.*, Signature=[0-9a-f]{64}");
		assertThat(response.id()).isEqualTo("sm-1");
		assertThat(response.text()).isEqualTo("Rain.");
		assertThat(response.finishReason()).isEqualTo(FinishReason.MAX_TOKENS);
		assertThat(response.usage().inputTokens()).isEqualTo(12);
	}

	@Test
	void chatNamesTheFineTuneOfAStackedEndpointAndCarriesResponseFormatCitationQualityAndSafetyMode() {
		try (SagemakerBackend stacked = SagemakerBackend
			.create(AwsTestSettings.builder("sagemaker", this.server.baseUrl())
				.property("sagemaker.chat-endpoint-name", "cohere-stacked")
				.property("sagemaker.chat-model", "my-fine-tune")
				.build())) {
			this.server.stubFor(post(urlPathEqualTo("/endpoints/cohere-stacked/invocations"))
				.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("""
						{"text": "{}", "finish_reason": "COMPLETE"}
						""")));

			stacked.chat(ChatRequest.builder()
				.model("ignored-by-sagemaker")
				.messages(UserMessage.of("JSON please"))
				.responseFormat(new ResponseFormat(ResponseFormatType.JSON_OBJECT, null))
				.citationOptions(CitationOptions.of(CitationMode.ACCURATE))
				.safetyMode(SafetyMode.STRICT)
				.build());

			this.server.verify(postRequestedFor(urlPathEqualTo("/endpoints/cohere-stacked/invocations"))
				.withRequestBody(equalToJson("""
						{"message": "JSON please", "model": "my-fine-tune",
						 "response_format": {"type": "json_object"}, "citation_quality": "ACCURATE",
						 "safety_mode": "STRICT"}
						""")));
		}
	}

	@Test
	void embedGoesToTheEmbedEndpoint() {
		this.server.stubFor(post(urlPathEqualTo("/endpoints/cohere-embed/invocations"))
			.willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody("{\"id\": \"e-1\", \"texts\": [\"a\"], \"embeddings\": [[0.5, 0.25]]}")));

		EmbedResponse response = this.backend.embed(EmbedRequest.builder()
			.model("embed-english-v3.0")
			.texts("a")
			.inputType(EmbedInputType.CLUSTERING)
			.embeddingTypes(EmbeddingType.FLOAT)
			.build());

		this.server.verify(
				postRequestedFor(urlPathEqualTo("/endpoints/cohere-embed/invocations")).withRequestBody(equalToJson("""
						{"input_type": "clustering", "texts": ["a"], "embedding_types": ["float"]}
						""")));
		assertThat(response.embeddings().floats()).containsExactly(List.of(0.5, 0.25));
	}

	@Test
	void rerankSendsDocumentsAsTextObjects() {
		this.server.stubFor(post(urlPathEqualTo("/endpoints/cohere-rerank/invocations"))
			.willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody("{\"id\": \"r-1\", \"results\": [{\"index\": 1, \"relevance_score\": 0.9}]}")));

		RerankResponse response = this.backend.rerank(RerankRequest.builder()
			.query("capital?")
			.documents("Paris is in France.", "Paris is the capital of France.")
			.topN(1)
			.build());

		this.server.verify(
				postRequestedFor(urlPathEqualTo("/endpoints/cohere-rerank/invocations")).withRequestBody(equalToJson("""
						{"query": "capital?",
						 "documents": [{"text": "Paris is in France."}, {"text": "Paris is the capital of France."}],
						 "top_n": 1, "return_documents": false}
						""")));
		assertThat(response.results()).singleElement().satisfies((result) -> {
			assertThat(result.index()).isEqualTo(1);
			assertThat(result.relevanceScore()).isEqualTo(0.9);
		});
	}

	@Test
	void aModelErrorCarriesTheContainersMessageAndRequestId() {
		this.server.stubFor(
				post(urlPathEqualTo("/endpoints/cohere-command-r/invocations")).willReturn(aResponse().withStatus(424)
					.withHeader("Content-Type", "application/json")
					.withHeader("x-amzn-ErrorType", "ModelError")
					.withHeader("x-amzn-RequestId", "sm-req-1")
					.withBody("{\"Message\": \"Received client error (400) from primary: invalid message\","
							+ " \"OriginalStatusCode\": 400}")));

		assertThatExceptionOfType(CohereApiException.class)
			.isThrownBy(() -> this.backend.chat(ChatRequest.builder().messages(UserMessage.of("Hi")).build()))
			.satisfies((ex) -> {
				assertThat(ex.getStatusCode()).isEqualTo(424);
				assertThat(ex.getRequestId()).isEqualTo("sm-req-1");
				assertThat(ex.getMessage()).contains("Amazon SageMaker", "ModelError", "invalid message")
					.doesNotContain(AwsTestSettings.SECRET_ACCESS_KEY);
			});
	}

	@Test
	void onlyConfiguredEndpointsAreOffered() {
		try (SagemakerBackend embedOnly = SagemakerBackend
			.create(AwsTestSettings.builder("sagemaker", this.server.baseUrl())
				.property("sagemaker.embed-endpoint-name", "cohere-embed")
				.build())) {
			assertThat(embedOnly.capabilities().asSet()).containsExactly(Capability.EMBED);
			assertThatExceptionOfType(UnsupportedCapabilityException.class)
				.isThrownBy(() -> embedOnly.chat(ChatRequest.builder().messages(UserMessage.of("Hi")).build()))
				.withMessageContaining("'sagemaker'")
				.withMessageContaining("'chat'")
				.withMessageContaining("cohere.sagemaker.chat-endpoint-name");
		}
		assertThat(this.server.getAllServeEvents()).isEmpty();
	}

	@Test
	void withoutAnyEndpointTheBackendCannotBeCreated() {
		BackendSettings settings = AwsTestSettings.builder("sagemaker", this.server.baseUrl()).build();
		assertThatIllegalStateException().isThrownBy(() -> SagemakerBackend.create(settings))
			.withMessageContaining("cohere.sagemaker.endpoint-name");
	}

}
