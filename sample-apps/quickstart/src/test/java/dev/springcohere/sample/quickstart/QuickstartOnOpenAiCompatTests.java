package dev.springcohere.sample.quickstart;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.springcohere.sample.support.test.AbstractSampleApiTests;
import dev.springcohere.sample.support.test.BackendStubs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The unchanged quickstart on the {@code openai-compat} backend (a vLLM-like server,
 * played by WireMock), chosen by properties only: the REST API answers from OpenAI-format
 * chat completions and chunk streams.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "CO_API_KEY=", "COHERE_API_KEY=", "CO_API_URL=", "cohere.backend=openai-compat",
				"cohere.chat.model=command-r7b", "cohere.retry.max-attempts=1" })
class QuickstartOnOpenAiCompatTests extends AbstractSampleApiTests {

	@RegisterExtension
	static final WireMockExtension vllm = BackendStubs.server();

	@DynamicPropertySource
	static void backendProperties(DynamicPropertyRegistry registry) {
		registry.add("cohere.openai-compat.base-url", () -> vllm.baseUrl() + "/v1");
		registry.add("cohere.openai-compat.api-key", () -> "vllm-test-key");
	}

	@Test
	void chatIsAnsweredByTheOpenAiCompatibleServer() throws Exception {
		vllm.stubFor(post(urlEqualTo("/v1/chat/completions"))
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("""
					{"id":"chatcmpl-1","object":"chat.completion","model":"command-r7b",
					 "choices":[{"index":0,"finish_reason":"stop",
					   "message":{"role":"assistant","content":"Emperor penguins are the tallest."}}],
					 "usage":{"prompt_tokens":21,"completion_tokens":7,"total_tokens":28}}
					""")));

		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(uri("/api/chat"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"Which penguins are the tallest?\"}"))
			.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode body = this.json.readTree(response.body());
		assertThat(body.get("text").asString()).isEqualTo("Emperor penguins are the tallest.");
		assertThat(body.get("finishReason").asString()).isEqualTo("COMPLETE");
		assertThat(body.get("usage").get("tokens").get("input_tokens").asInt()).isEqualTo(21);
		assertThat(body.get("usage").get("tokens").get("output_tokens").asInt()).isEqualTo(7);
		vllm.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
			.withHeader("Authorization", equalTo("Bearer vllm-test-key"))
			.withRequestBody(matchingJsonPath("$.model", equalTo("command-r7b")))
			.withRequestBody(matchingJsonPath("$.messages[0].role", equalTo("user")))
			.withRequestBody(matchingJsonPath("$.messages[0].content", equalTo("Which penguins are the tallest?")))
			.withRequestBody(matchingJsonPath("$.stream", absent())));
	}

	@Test
	void chatStreamForwardsTheChunkDeltasInOrderThenEnd() throws Exception {
		vllm.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse()
			.withHeader("Content-Type", "text/event-stream")
			.withBody(sse(
					"""
							{"id":"chatcmpl-2","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}""",
					"""
							{"id":"chatcmpl-2","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"Hello"},"finish_reason":null}]}""",
					"""
							{"id":"chatcmpl-2","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":" brave"},"finish_reason":null}]}""",
					"""
							{"id":"chatcmpl-2","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":" world"},"finish_reason":null}]}""",
					"""
							{"id":"chatcmpl-2","object":"chat.completion.chunk","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}""",
					"""
							{"id":"chatcmpl-2","object":"chat.completion.chunk","choices":[],"usage":{"prompt_tokens":5,"completion_tokens":3,"total_tokens":8}}""")
					+ "data: [DONE]\n\n")));

		HttpResponse<String> response = get("/api/chat/stream?message=Say%20hello");

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/event-stream"));
		List<String[]> events = SseSpecReader.read(response.body());
		assertThat(events).as(response.body())
			.extracting((event) -> event[0] + ":" + event[1])
			.containsExactly("message:Hello", "message: brave", "message: world", "end:");
		vllm.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
			.withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
			.withRequestBody(matchingJsonPath("$.messages[0].content", equalTo("Say hello"))));
	}

	private static String sse(String... chunks) {
		StringBuilder body = new StringBuilder();
		for (String chunk : chunks) {
			body.append("data: ").append(chunk.strip()).append("\n\n");
		}
		return body.toString();
	}

}
