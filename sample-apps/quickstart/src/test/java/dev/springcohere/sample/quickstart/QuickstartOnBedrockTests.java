package dev.springcohere.sample.quickstart;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.springcohere.sample.support.test.AbstractSampleApiTests;
import dev.springcohere.sample.support.test.BackendStubs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The unchanged quickstart on the {@code bedrock} backend, chosen by properties only:
 * Bedrock's runtime is played by WireMock through
 * {@code cohere.bedrock.endpoint-override}, with static keys, and Command R+ answers in
 * the v1 chat body, citations included.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "CO_API_KEY=", "COHERE_API_KEY=", "CO_API_URL=", "cohere.backend=bedrock",
				"cohere.bedrock.region=eu-west-3", "cohere.bedrock.access-key-id=AKIDQUICKSTART",
				"cohere.bedrock.secret-access-key=quickstart-secret-access-key",
				"cohere.chat.model=cohere.command-r-plus-v1:0", "cohere.retry.max-attempts=1" })
class QuickstartOnBedrockTests extends AbstractSampleApiTests {

	@RegisterExtension
	static final WireMockExtension bedrock = BackendStubs.server();

	@DynamicPropertySource
	static void backendProperties(DynamicPropertyRegistry registry) {
		registry.add("cohere.bedrock.endpoint-override", bedrock::baseUrl);
	}

	@Test
	void chatIsAnsweredByCommandRPlusOnBedrockWithCitations() throws Exception {
		bedrock.stubFor(post(urlPathMatching("/model/.*/invoke"))
			.willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("""
					{"response_id":"r-1","generation_id":"g-1","text":"Emperor penguins are the tallest.",
					 "finish_reason":"COMPLETE",
					 "citations":[{"start":0,"end":16,"text":"Emperor penguins","document_ids":["doc-7"]}],
					 "meta":{"api_version":{"version":"1"},"billed_units":{"input_tokens":40,"output_tokens":6}}}
					""")));

		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(uri("/api/chat"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(
					"""
							{"message":"Which penguins are the tallest?","documents":[{"id":"doc-7","text":"Emperor penguins are tall."}]}
							"""))
			.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode body = this.json.readTree(response.body());
		assertThat(body.get("text").asString()).isEqualTo("Emperor penguins are the tallest.");
		assertThat(body.get("finishReason").asString()).isEqualTo("COMPLETE");
		JsonNode citation = body.get("citations").get(0);
		assertThat(citation.get("start").asInt()).isEqualTo(0);
		assertThat(citation.get("end").asInt()).isEqualTo(16);
		assertThat(citation.get("sources").get(0).asString()).isEqualTo("doc-7");
		bedrock.verify(postRequestedFor(urlPathMatching("/model/.*/invoke")).withRequestBody(equalToJson("""
				{"message":"Which penguins are the tallest?",
				 "documents":[{"id":"doc-7","text":"Emperor penguins are tall."}]}
				""")));
		LoggedRequest sent = bedrock.getAllServeEvents().get(0).getRequest();
		assertThat(sent.getUrl()).isIn("/model/cohere.command-r-plus-v1:0/invoke",
				"/model/cohere.command-r-plus-v1%3A0/invoke");
		assertThat(sent.getHeader("Authorization"))
			.matches("AWS4-HMAC-SHA256 Credential=AKIDQUICKSTART/\\d{8}/eu-west-3/bedrock/aws4_request, .*");
	}

}
