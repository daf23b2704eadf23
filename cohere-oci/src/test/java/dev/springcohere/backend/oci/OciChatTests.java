package dev.springcohere.backend.oci;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.springcohere.api.AssistantMessage;
import dev.springcohere.api.ChatRequest;
import dev.springcohere.api.ChatResponse;
import dev.springcohere.api.CitationMode;
import dev.springcohere.api.CitationOptions;
import dev.springcohere.api.CitationType;
import dev.springcohere.api.Document;
import dev.springcohere.api.DocumentSource;
import dev.springcohere.api.FinishReason;
import dev.springcohere.api.ResponseFormat;
import dev.springcohere.api.SafetyMode;
import dev.springcohere.api.SystemMessage;
import dev.springcohere.api.TextDocument;
import dev.springcohere.api.Thinking;
import dev.springcohere.api.Tool;
import dev.springcohere.api.ToolCall;
import dev.springcohere.api.ToolChoice;
import dev.springcohere.api.ToolMessage;
import dev.springcohere.api.ToolSource;
import dev.springcohere.api.UserMessage;
import dev.springcohere.backend.CohereBackend;
import dev.springcohere.api.error.CohereApiException;
import dev.springcohere.api.error.CohereAuthenticationException;
import dev.springcohere.api.error.CohereInvalidRequestException;
import dev.springcohere.api.error.CohereInvalidTokenException;
import dev.springcohere.api.error.CoherePaymentRequiredException;
import dev.springcohere.api.error.CohereRequestCancelledException;
import dev.springcohere.api.error.CohereNotFoundException;
import dev.springcohere.api.error.CohereServerException;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Chat through the real OCI SDK client against WireMock: request shapes of both api
 * formats, serving modes, request signing, response translation and error mapping.
 */
class OciChatTests extends OciBackendTestBase {

	private static final String CHAT = "/20231130/actions/chat";

	static Tool weatherTool() {
		return Tool.function("get_weather", "Weather for a city", OciJson.MAPPER.readTree("""
				{"type": "object", "properties": {"location": {"type": "string", "description": "City"},
				 "days": {"type": "integer"}}, "required": ["location"]}"""));
	}

	private void stubChat(String body) {
		this.oci.server.stubFor(post(urlEqualTo(CHAT)).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withHeader("opc-request-id", "req-ok")
			.withBody(body)));
	}

	@Test
	void commandRSendsTheCohereFormatWithHistoryPreambleToolsAndDocuments() {
		stubChat("""
				{"modelId": "cohere.command-r-08-2024", "modelVersion": "1.7", "chatResponse": {"apiFormat": "COHERE",
				 "text": "Sunny in Toronto.", "finishReason": "COMPLETE",
				 "citations": [{"start": 0, "end": 5, "text": "Sunny", "documentIds": ["doc1"]}],
				 "usage": {"promptTokens": 42, "completionTokens": 5, "totalTokens": 47}}}""");
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("title", "Forecast");
		fields.put("text", "Sunny");
		ChatResponse response = this.backend.chat(ChatRequest.builder()
			.model("command-r-08-2024")
			.messages(SystemMessage.of("You are terse."), UserMessage.of("Hi"), AssistantMessage.of("Hello!"),
					UserMessage.of("Weather in Toronto?"))
			.tools(weatherTool())
			.documents(Document.of("doc1", fields), new TextDocument("plain doc"))
			.temperature(0.3)
			.maxTokens(100)
			.k(5)
			.p(0.9)
			.seed(7L)
			.stopSequences("END")
			.citationOptions(CitationOptions.of(CitationMode.FAST))
			.safetyMode(SafetyMode.CONTEXTUAL)
			.build());

		this.oci.server.verify(postRequestedFor(urlEqualTo(CHAT)).withRequestBody(equalToJson(
				"""
						{"compartmentId": "%s",
						 "servingMode": {"servingType": "ON_DEMAND", "modelId": "cohere.command-r-08-2024"},
						 "chatRequest": {"apiFormat": "COHERE", "message": "Weather in Toronto?",
						  "chatHistory": [{"role": "USER", "message": "Hi"}, {"role": "CHATBOT", "message": "Hello!"}],
						  "preambleOverride": "You are terse.",
						  "documents": [{"id": "doc1", "title": "Forecast", "text": "Sunny"}, {"id": "doc_1", "text": "plain doc"}],
						  "tools": [{"name": "get_weather", "description": "Weather for a city", "parameterDefinitions": {
						   "location": {"description": "City", "type": "str", "isRequired": true},
						   "days": {"type": "int", "isRequired": false}}}],
						  "maxTokens": 100, "temperature": 0.3, "topK": 5, "topP": 0.9, "seed": 7, "stopSequences": ["END"],
						  "citationQuality": "FAST", "safetyMode": "CONTEXTUAL"}}"""
					.formatted(OciTestSupport.COMPARTMENT))));
		assertThat(response.text()).isEqualTo("Sunny in Toronto.");
		assertThat(response.finishReason()).isEqualTo(FinishReason.COMPLETE);
		assertThat(response.citations()).singleElement().satisfies((citation) -> {
			assertThat(citation.start()).isZero();
			assertThat(citation.end()).isEqualTo(5);
			assertThat(citation.text()).isEqualTo("Sunny");
			assertThat(citation.type()).isEqualTo(CitationType.TEXT_CONTENT);
			assertThat(citation.sources()).singleElement()
				.isInstanceOfSatisfying(DocumentSource.class, (source) -> assertThat(source.id()).isEqualTo("doc1"));
		});
		assertThat(response.usage()).isNotNull();
		assertThat(response.usage().inputTokens()).isEqualTo(42);
		assertThat(response.usage().outputTokens()).isEqualTo(5);
	}

	@Test
	void cohereFormatSendsToolResultsAndReadsToolCallsWithSyntheticIds() {
		stubChat(
				"""
						{"modelId": "cohere.command-r-plus-08-2024", "chatResponse": {"apiFormat": "COHERE", "text": "",
						 "finishReason": "COMPLETE", "toolCalls": [{"name": "get_weather", "parameters": {"location": "Oslo"}}]}}""");
		ChatResponse response = this.backend.chat(ChatRequest.builder()
			.model("cohere.command-r-plus-08-2024")
			.messages(UserMessage.of("Weather?"),
					AssistantMessage.ofToolCalls(null,
							List.of(ToolCall.of("get_weather_0", "get_weather", "{\"location\":\"Toronto\"}"))),
					ToolMessage.of("get_weather_0", "{\"temperature\":21}"))
			.tools(weatherTool())
			.build());

		this.oci.server.verify(postRequestedFor(urlEqualTo(CHAT)).withRequestBody(equalToJson("""
				{"chatRequest": {"apiFormat": "COHERE", "message": "",
				  "chatHistory": [{"role": "USER", "message": "Weather?"}, {"role": "CHATBOT", "message": "",
				   "toolCalls": [{"name": "get_weather", "parameters": {"location": "Toronto"}}]}],
				  "toolResults": [{"call": {"name": "get_weather", "parameters": {"location": "Toronto"}},
				   "outputs": [{"temperature": 21}]}]}}""", true, true)));
		assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_CALL);
		assertThat(response.toolCalls()).singleElement().satisfies((call) -> {
			assertThat(call.id()).isEqualTo("get_weather_0");
			assertThat(call.function().name()).isEqualTo("get_weather");
			assertThat(OciJson.MAPPER.readTree(call.function().arguments()))
				.isEqualTo(OciJson.MAPPER.readTree("{\"location\":\"Oslo\"}"));
		});
	}

	@Test
	void commandASendsTheCohereV2FormatWithToolRoundTripDocumentsAndOptions() {
		stubChat("""
				{"modelId": "cohere.command-a-03-2025", "modelVersion": "1.0", "chatResponse": {"apiFormat": "COHEREV2",
				 "id": "resp-1", "finishReason": "COMPLETE",
				 "message": {"role": "ASSISTANT", "content": [{"type": "TEXT", "text": "It is 21 degrees."}],
				  "citations": [{"start": 6, "end": 16, "text": "21 degrees", "contentIndex": 0, "type": "TEXT_CONTENT",
				   "sources": [{"type": "TOOL", "id": "call_1:0", "toolOutput": {"temperature": 21}}]}]},
				 "usage": {"promptTokens": 120, "completionTokens": 8, "totalTokens": 128}}}""");
		ChatResponse response = this.backend.chat(ChatRequest.builder()
			.model("command-a-03-2025")
			.messages(SystemMessage.of("Be brief."), UserMessage.of("Weather in Toronto?"),
					AssistantMessage.ofToolCalls("I will check.",
							List.of(ToolCall.of("call_1", "get_weather", "{\"location\":\"Toronto\"}"))),
					ToolMessage.of("call_1", "{\"temperature\":21}"))
			.tools(weatherTool())
			.documents(Document.of("doc1", Map.of("text", "Sunny")))
			.strictTools(true)
			.thinking(Thinking.disabled())
			.citationOptions(CitationOptions.of(CitationMode.ACCURATE))
			.toolChoice(ToolChoice.REQUIRED)
			.maxTokens(600)
			.build());

		this.oci.server.verify(postRequestedFor(urlEqualTo(CHAT)).withRequestBody(equalToJson(
				"""
						{"compartmentId": "%s",
						 "servingMode": {"servingType": "ON_DEMAND", "modelId": "cohere.command-a-03-2025"},
						 "chatRequest": {"apiFormat": "COHEREV2", "messages": [
						   {"role": "SYSTEM", "content": [{"type": "TEXT", "text": "Be brief."}]},
						   {"role": "USER", "content": [{"type": "TEXT", "text": "Weather in Toronto?"}]},
						   {"role": "ASSISTANT", "toolPlan": "I will check.", "toolCalls": [{"id": "call_1", "type": "FUNCTION",
						    "function": {"name": "get_weather", "arguments": "{\\"location\\":\\"Toronto\\"}"}}]},
						   {"role": "TOOL", "toolCallId": "call_1", "content": [{"type": "TEXT", "text": "{\\"temperature\\":21}"}]}],
						  "documents": [{"id": "doc1", "data": {"text": "Sunny"}}],
						  "tools": [{"type": "FUNCTION", "function": {"name": "get_weather", "description": "Weather for a city",
						   "parameters": {"type": "object", "properties": {"location": {"type": "string", "description": "City"},
						    "days": {"type": "integer"}}, "required": ["location"]}}}],
						  "isStrictToolsEnabled": true, "toolsChoice": "REQUIRED", "citationOptions": {"mode": "ACCURATE"},
						  "thinking": {"type": "DISABLED"}, "maxTokens": 600}}"""
					.formatted(OciTestSupport.COMPARTMENT))));
		assertThat(response.id()).isEqualTo("resp-1");
		assertThat(response.text()).isEqualTo("It is 21 degrees.");
		assertThat(response.finishReason()).isEqualTo(FinishReason.COMPLETE);
		assertThat(response.citations()).singleElement().satisfies((citation) -> {
			assertThat(citation.start()).isEqualTo(6);
			assertThat(citation.contentIndex()).isZero();
			assertThat(citation.sources()).singleElement().isInstanceOfSatisfying(ToolSource.class, (source) -> {
				assertThat(source.id()).isEqualTo("call_1:0");
				assertThat(source.toolOutput().get("temperature").asInt()).isEqualTo(21);
			});
		});
		assertThat(response.usage().inputTokens()).isEqualTo(120);
		assertThat(response.usage().outputTokens()).isEqualTo(8);
	}

	@Test
	void cohereV2ToolCallsAndThinkingAreReadBack() {
		stubChat("""
				{"modelId": "cohere.command-a-reasoning-08-2025", "chatResponse": {"apiFormat": "COHEREV2", "id": "r2",
				 "finishReason": "TOOL_CALL", "message": {"role": "ASSISTANT", "toolPlan": "Look it up.",
				  "content": [{"type": "THINKING", "thinking": "Need the weather."}],
				  "toolCalls": [{"id": "call_9", "type": "FUNCTION",
				   "function": {"name": "get_weather", "arguments": "{\\"location\\":\\"Paris\\"}"}}]}}}""");
		ChatResponse response = this.backend.chat(ChatRequest.builder()
			.model("cohere.command-a-reasoning-08-2025")
			.messages(UserMessage.of("Weather in Paris?"))
			.thinking(Thinking.enabled(1000))
			.build());

		this.oci.server.verify(postRequestedFor(urlEqualTo(CHAT)).withRequestBody(equalToJson("""
				{"chatRequest": {"apiFormat": "COHEREV2", "thinking": {"type": "ENABLED", "tokenBudget": 1000}}}""",
				true, true)));
		assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_CALL);
		assertThat(response.message().toolPlan()).isEqualTo("Look it up.");
		assertThat(response.message().thinking()).isEqualTo("Need the weather.");
		assertThat(response.toolCalls())
			.containsExactly(ToolCall.of("call_9", "get_weather", "{\"location\":\"Paris\"}"));
	}

	@Test
	void jsonResponseFormatsAreSentInBothApiFormats() {
		stubChat("""
				{"chatResponse": {"apiFormat": "COHERE", "text": "{}", "finishReason": "COMPLETE"}}""");
		JsonNode schema = OciJson.MAPPER
			.readTree("{\"type\": \"object\", \"properties\": {\"city\": {\"type\": \"string\"}}}");
		this.backend.chat(ChatRequest.builder()
			.model("command-r-08-2024")
			.messages(UserMessage.of("city?"))
			.responseFormat(ResponseFormat.jsonObject(schema))
			.build());
		this.backend.chat(ChatRequest.builder()
			.model("command-a-03-2025")
			.messages(UserMessage.of("city?"))
			.responseFormat(ResponseFormat.jsonObject(schema))
			.build());

		this.oci.server.verify(postRequestedFor(urlEqualTo(CHAT)).withRequestBody(equalToJson("""
				{"chatRequest": {"apiFormat": "COHERE", "responseFormat": {"type": "JSON_OBJECT",
				 "schema": {"type": "object", "properties": {"city": {"type": "string"}}}}}}""", true, true)));
		this.oci.server.verify(postRequestedFor(urlEqualTo(CHAT)).withRequestBody(equalToJson("""
				{"chatRequest": {"apiFormat": "COHEREV2", "responseFormat": {"type": "JSON_OBJECT",
				 "schema": {"type": "object", "properties": {"city": {"type": "string"}}}}}}""", true, true)));
	}

	@Test
	void dedicatedEndpointIdsUseTheDedicatedServingModeAndV2ByDefault() {
		stubChat("""
				{"chatResponse": {"apiFormat": "COHEREV2", "finishReason": "COMPLETE",
				 "message": {"role": "ASSISTANT", "content": [{"type": "TEXT", "text": "ok"}]}}}""");
		ChatResponse response = this.backend.chat(ChatRequest.builder()
			.model("ocid1.generativeaiendpoint.oc1.us-chicago-1.aaaaendpoint")
			.messages(UserMessage.of("ping"))
			.build());

		this.oci.server.verify(postRequestedFor(urlEqualTo(CHAT)).withRequestBody(equalToJson(
				"""
						{"compartmentId": "%s",
						 "servingMode": {"servingType": "DEDICATED", "endpointId": "ocid1.generativeaiendpoint.oc1.us-chicago-1.aaaaendpoint"},
						 "chatRequest": {"apiFormat": "COHEREV2", "messages": [{"role": "USER", "content": [{"type": "TEXT", "text": "ping"}]}]}}"""
					.formatted(OciTestSupport.COMPARTMENT))));
		assertThat(response.text()).isEqualTo("ok");
	}

	@Test
	void apiFormatPropertyOverridesTheRule() {
		try (CohereBackend v1 = this.oci.backend(this.oci.settings().property("oci.api-format", "cohere").build())) {
			stubChat("""
					{"chatResponse": {"apiFormat": "COHERE", "text": "ok", "finishReason": "MAX_TOKENS"}}""");
			ChatResponse response = v1.chat(ChatRequest.builder()
				.model("ocid1.generativeaiendpoint.oc1..commandr")
				.messages(UserMessage.of("ping"))
				.build());
			this.oci.server.verify(postRequestedFor(urlEqualTo(CHAT)).withRequestBody(equalToJson(
					"""
							{"servingMode": {"servingType": "DEDICATED", "endpointId": "ocid1.generativeaiendpoint.oc1..commandr"},
							 "chatRequest": {"apiFormat": "COHERE", "message": "ping"}}""",
					false, true)));
			assertThat(response.finishReason()).isEqualTo(FinishReason.MAX_TOKENS);
		}
	}

	@Test
	void cohereFormatRejectsWhatItCannotExpressNamingTheApiFormatProperty() {
		assertThatThrownBy(() -> this.backend.chat(ChatRequest.builder()
			.model("command-r-08-2024")
			.messages(UserMessage.of("hi"))
			.thinking(Thinking.enabled(100))
			.build())).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("'thinking'")
			.hasMessageContaining("cohere.oci.api-format");
		assertThatThrownBy(() -> this.backend
			.chat(ChatRequest.builder().model("command-r-08-2024").messages(UserMessage.of("hi")).priority(3).build()))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("no field for 'priority'")
			.hasMessageContaining("OCI COHERE api format")
			.hasMessageContaining("cohere.oci.api-format");
		assertThat(this.oci.server.getAllServeEvents()).isEmpty();
	}

	@Test
	void requestsAreSignedWithTheApiKeyOfTheConfigFileProfile() throws Exception {
		stubChat("""
				{"chatResponse": {"apiFormat": "COHERE", "text": "ok", "finishReason": "COMPLETE"}}""");
		this.backend.chat(ChatRequest.builder().model("command-r-08-2024").messages(UserMessage.of("sign me")).build());

		LoggedRequest request = this.oci.server.findAll(postRequestedFor(urlEqualTo(CHAT))).get(0);
		String authorization = request.getHeader("Authorization");
		assertThat(authorization).startsWith("Signature ")
			.contains("version=\"1\"")
			.contains("algorithm=\"rsa-sha256\"")
			.contains("keyId=\"" + OciTestSupport.TENANCY + "/" + OciTestSupport.USER + "/" + OciTestSupport.FINGERPRINT
					+ "\"");
		List<String> headers = Arrays.asList(attribute(authorization, "headers").split(" "));
		assertThat(headers).containsExactlyInAnyOrder("date", "(request-target)", "host", "x-content-sha256",
				"content-type", "content-length");
		byte[] body = request.getBody();
		assertThat(request.getHeader("x-content-sha256"))
			.isEqualTo(Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(body)));
		StringBuilder signingString = new StringBuilder();
		for (String header : headers) {
			String value = header.equals("(request-target)") ? "post " + CHAT : request.getHeader(header);
			signingString.append((signingString.length() > 0) ? "\n" : "").append(header).append(": ").append(value);
		}
		Signature verifier = Signature.getInstance("SHA256withRSA");
		verifier.initVerify(this.oci.publicKey());
		verifier.update(signingString.toString().getBytes(StandardCharsets.UTF_8));
		assertThat(verifier.verify(Base64.getDecoder().decode(attribute(authorization, "signature")))).isTrue();
	}

	private static String attribute(String authorization, String name) {
		Matcher matcher = Pattern.compile(name + "=\"([^\"]*)\"").matcher(authorization);
		assertThat(matcher.find()).as("attribute %s in %s", name, authorization).isTrue();
		return matcher.group(1);
	}

	@Test
	void ociErrorsBecomeCohereExceptionsWithOciMessageAndRequestId() {
		this.oci.server.stubFor(post(urlEqualTo(CHAT)).willReturn(aResponse().withStatus(404)
			.withHeader("Content-Type", "application/json")
			.withHeader("opc-request-id", "req-404")
			.withBody("{\"code\": \"NotAuthorizedOrNotFound\", \"message\": \"Authorization failed or requested "
					+ "resource not found.\"}")));
		ChatRequest request = ChatRequest.builder().model("command-a-03-2025").messages(UserMessage.of("x")).build();
		assertThatThrownBy(() -> this.backend.chat(request)).isInstanceOfSatisfying(CohereNotFoundException.class,
				(ex) -> {
					assertThat(ex.getStatusCode()).isEqualTo(404);
					assertThat(ex.getRequestId()).isEqualTo("req-404");
					assertThat(ex.getCohereMessage()).contains("Authorization failed or requested resource not found");
					assertThat(ex.getMessage()).contains("NotAuthorizedOrNotFound")
						.contains("opc-request-id: req-404")
						.contains("cohere.oci.compartment-id")
						.doesNotContain("PRIVATE KEY");
				});
	}

	@Test
	void statusCodesMapToTheMatchingExceptionTypes() {
		Map<Integer, Class<? extends CohereApiException>> expected = Map.of(400, CohereInvalidRequestException.class,
				401, CohereAuthenticationException.class, 402, CoherePaymentRequiredException.class, 498,
				CohereInvalidTokenException.class, 499, CohereRequestCancelledException.class, 500,
				CohereServerException.class);
		expected.forEach((status, type) -> {
			this.oci.server.resetAll();
			this.oci.server.stubFor(post(urlEqualTo(CHAT)).willReturn(aResponse().withStatus(status)
				.withHeader("Content-Type", "application/json")
				.withHeader("opc-request-id", "req-" + status)
				.withBody("{\"code\": \"Code" + status + "\", \"message\": \"failure " + status + "\"}")));
			assertThatThrownBy(() -> this.backend
				.chat(ChatRequest.builder().model("command-a-03-2025").messages(UserMessage.of("x")).build()))
				.isInstanceOf(type)
				.hasMessageContaining("failure " + status)
				.hasMessageContaining("req-" + status);
		});
	}

	@Test
	void theRequestCarriesTheJsonContentTypeAndAcceptsEventStreams() {
		stubChat("""
				{"chatResponse": {"apiFormat": "COHERE", "text": "ok", "finishReason": "COMPLETE"}}""");
		this.backend.chat(ChatRequest.builder().model("command-r-08-2024").messages(UserMessage.of("x")).build());
		this.oci.server
			.verify(postRequestedFor(urlEqualTo(CHAT)).withHeader("Content-Type", equalTo("application/json")));
		JsonNode body = OciJson.MAPPER
			.readTree(this.oci.server.getAllServeEvents().get(0).getRequest().getBodyAsString());
		assertThat(body.get("chatRequest").has("isStream")).isFalse();
	}

}
