package dev.springcohere.structured;

import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;

import tools.jackson.databind.json.JsonMapper;

import dev.springcohere.annotation.StructuredOutput;
import dev.springcohere.api.ChatRequest;
import dev.springcohere.api.UserMessage;
import dev.springcohere.client.CohereClient;
import dev.springcohere.http.CohereRetryPolicy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * End-to-end tests of structured answers over WireMock: the request sent, a valid answer,
 * an invalid one, the repair retry and the streamed variant.
 */
class StructuredChatWireMockTests {

	@RegisterExtension
	static final WireMockExtension server = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort())
		.build();

	private static final String SCHEMA = "{\"title\":\"city_info\",\"description\":\"Facts about a city\","
			+ "\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"},\"population\":{\"type\":\"integer\"}},"
			+ "\"required\":[\"name\",\"population\"],\"additionalProperties\":false}";

	private final JsonMapper mapper = JsonMapper.builder().build();

	private final CohereClient client = CohereClient.builder()
		.apiKey("test-key-123456")
		.baseUrl(server.baseUrl())
		.retryPolicy(CohereRetryPolicy.none())
		.build();

	@StructuredOutput(name = "city_info", description = "Facts about a city")
	record CityInfo(String name, int population) {
	}

	private static final ChatRequest REQUEST = ChatRequest.builder()
		.model("command-a-03-2025")
		.messages(UserMessage.of("Describe Oslo as JSON."))
		.build();

	@AfterEach
	void close() {
		this.client.close();
	}

	@Test
	void aValidAnswerIsParsedAndTheRequestCarriesTheSchema() {
		server.stubFor(
				post("/v2/chat").willReturn(okJson(answer("{\\\"name\\\":\\\"Oslo\\\",\\\"population\\\":709000}"))));
		CityInfo info = StructuredChat.of(this.client).entity(REQUEST, CityInfo.class);
		assertThat(info).isEqualTo(new CityInfo("Oslo", 709000));
		server.verify(postRequestedFor(urlEqualTo("/v2/chat")).withRequestBody(equalToJson("{\"model\":"
				+ "\"command-a-03-2025\",\"messages\":[{\"role\":\"user\",\"content\":\"Describe Oslo as JSON.\"}],"
				+ "\"response_format\":{\"type\":\"json_object\",\"json_schema\":" + SCHEMA + "}}")));
	}

	@Test
	void anInvalidAnswerRaisesWithTheRawTextAndErrors() {
		server.stubFor(post("/v2/chat").willReturn(okJson(answer("{\\\"name\\\":\\\"Oslo\\\"}"))));
		assertThatExceptionOfType(StructuredOutputException.class)
			.isThrownBy(() -> StructuredChat.of(this.client).entity(REQUEST, CityInfo.class))
			.satisfies((ex) -> {
				assertThat(ex.getRawText()).isEqualTo("{\"name\":\"Oslo\"}");
				assertThat(ex.getErrors()).containsExactly("/: required property 'population' not found");
			});
		server.verify(1, postRequestedFor(urlEqualTo("/v2/chat")));
	}

	@Test
	void theRepairRetrySendsTheErrorsBackOnce() {
		server.stubFor(post("/v2/chat").withRequestBody(notContaining("does not match"))
			.willReturn(okJson(answer("{\\\"name\\\":\\\"Oslo\\\"}"))));
		server.stubFor(post("/v2/chat").withRequestBody(containing("does not match"))
			.willReturn(okJson(answer("{\\\"name\\\":\\\"Oslo\\\",\\\"population\\\":709000}"))));
		CityInfo info = StructuredChat.of(this.client).entity(REQUEST, CityInfo.class, true);
		assertThat(info).isEqualTo(new CityInfo("Oslo", 709000));
		List<String> bodies = server.getAllServeEvents()
			.stream()
			.map((event) -> event.getRequest().getBodyAsString())
			.filter((body) -> body.contains("does not match"))
			.toList();
		assertThat(bodies).hasSize(1);
		assertThat(this.mapper.readTree(bodies.get(0))).isEqualTo(this.mapper.readTree("{\"model\":"
				+ "\"command-a-03-2025\",\"messages\":[" + "{\"role\":\"user\",\"content\":\"Describe Oslo as JSON.\"},"
				+ "{\"role\":\"assistant\",\"content\":\"{\\\"name\\\":\\\"Oslo\\\"}\"},"
				+ "{\"role\":\"user\",\"content\":\"Your answer does not match the required JSON schema of city_info:"
				+ "\\n- /: required property 'population' not found\\nAnswer again with only the corrected JSON object.\"}"
				+ "],\"response_format\":{\"type\":\"json_object\",\"json_schema\":" + SCHEMA + "}}"));
		server.verify(2, postRequestedFor(urlEqualTo("/v2/chat")));
	}

	@Test
	void theRepairRetryFailsWhenTheSecondAnswerIsInvalidToo() {
		server.stubFor(post("/v2/chat").willReturn(okJson(answer("no JSON here"))));
		assertThatExceptionOfType(StructuredOutputException.class)
			.isThrownBy(() -> StructuredChat.of(this.client).entity(REQUEST, CityInfo.class, true))
			.satisfies((ex) -> {
				assertThat(ex.getRawText()).isEqualTo("no JSON here");
				assertThat(ex.getSuppressed()).hasSize(1);
			});
		server.verify(2, postRequestedFor(urlEqualTo("/v2/chat")));
	}

	@Test
	void theStreamedVariantEmitsTheFinalObject() {
		String sse = event(
				"{\"type\":\"message-start\",\"id\":\"gen-1\",\"delta\":{\"message\":{\"role\":\"assistant\"}}}")
				+ event("{\"type\":\"content-start\",\"index\":0,\"delta\":{\"message\":{\"content\":{\"type\":\"text\",\"text\":\"\"}}}}")
				+ event(delta("{\\\"name\\\":\\\"Os")) + event(delta("lo\\\",\\\"population\\\":709000}"))
				+ event("{\"type\":\"content-end\",\"index\":0}")
				+ event("{\"type\":\"message-end\",\"delta\":{\"finish_reason\":\"COMPLETE\"}}");
		server.stubFor(
				post("/v2/chat").willReturn(aResponse().withHeader("Content-Type", "text/event-stream").withBody(sse)));
		StepVerifier.create(StructuredChat.of(this.client).entityStream(REQUEST, CityInfo.class))
			.expectNext(new CityInfo("Oslo", 709000))
			.verifyComplete();
		server.verify(postRequestedFor(urlEqualTo("/v2/chat")).withRequestBody(
				equalToJson("{\"stream\":true,\"response_format\":{\"type\":\"json_object\"}}", true, true)));
	}

	private static String answer(String escapedText) {
		return "{\"id\":\"r1\",\"finish_reason\":\"COMPLETE\",\"message\":{\"role\":\"assistant\",\"content\":"
				+ "[{\"type\":\"text\",\"text\":\"" + escapedText + "\"}]}}";
	}

	private static String delta(String escapedText) {
		return "{\"type\":\"content-delta\",\"index\":0,\"delta\":{\"message\":{\"content\":{\"text\":\"" + escapedText
				+ "\"}}}}";
	}

	private static String event(String json) {
		return "data: " + json + "\n\n";
	}

}
