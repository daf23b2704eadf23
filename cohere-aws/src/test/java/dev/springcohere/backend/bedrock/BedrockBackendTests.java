package dev.springcohere.backend.bedrock;

import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.springcohere.api.AssistantMessage;
import dev.springcohere.api.ChatRequest;
import dev.springcohere.api.ChatResponse;
import dev.springcohere.api.Citation;
import dev.springcohere.api.CitationMode;
import dev.springcohere.api.CitationOptions;
import dev.springcohere.api.CohereJson;
import dev.springcohere.api.Document;
import dev.springcohere.api.DocumentSource;
import dev.springcohere.api.EmbedInputType;
import dev.springcohere.api.EmbedRequest;
import dev.springcohere.api.EmbedResponse;
import dev.springcohere.api.EmbeddingType;
import dev.springcohere.api.FinishReason;
import dev.springcohere.api.ImageUrl;
import dev.springcohere.api.ImageUrlContent;
import dev.springcohere.api.RerankRequest;
import dev.springcohere.api.RerankResponse;
import dev.springcohere.api.ResponseFormat;
import dev.springcohere.api.ResponseFormatType;
import dev.springcohere.api.SafetyMode;
import dev.springcohere.api.SystemMessage;
import dev.springcohere.api.TextContent;
import dev.springcohere.api.Tool;
import dev.springcohere.api.ToolCall;
import dev.springcohere.api.ToolChoice;
import dev.springcohere.api.ToolMessage;
import dev.springcohere.api.Truncate;
import dev.springcohere.api.UserMessage;
import dev.springcohere.backend.aws.AwsBackendTestSupport;
import dev.springcohere.backend.aws.AwsTestSettings;
import dev.springcohere.api.error.CohereApiException;
import dev.springcohere.api.error.CohereServerException;
import dev.springcohere.api.error.CohereRequestCancelledException;
import dev.springcohere.api.error.CoherePermissionDeniedException;
import dev.springcohere.api.error.CoherePaymentRequiredException;
import dev.springcohere.api.error.CohereInvalidTokenException;
import dev.springcohere.api.error.CohereInvalidRequestException;
import dev.springcohere.api.error.CohereRateLimitException;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BedrockBackendTests extends AwsBackendTestSupport<BedrockBackend> {

	private static final String COMMAND_R_PLUS = "cohere.command-r-plus-v1:0";

	private final JsonMapper mapper = CohereJson.createMapper();

	@Override
	protected BedrockBackend createBackend(String baseUrl) {
		return BedrockBackend.create(AwsTestSettings.builder("bedrock", baseUrl).build());
	}

	@Test
	void commandRPlusChatSendsTheV1BodyWithHistoryDocumentsAndToolsAndReadsCitations() {
		this.server.stubFor(post(urlPathMatching("/model/.*/invoke")).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withHeader("X-Amzn-Bedrock-Input-Token-Count", "80")
			.withHeader("X-Amzn-Bedrock-Output-Token-Count", "9")
			.withBody(
					"""
							{"response_id": "r-1", "generation_id": "g-1", "text": "It is raining in Paris.",
							 "finish_reason": "COMPLETE",
							 "citations": [{"start": 9, "end": 16, "text": "raining", "document_ids": ["forecast"]}],
							 "meta": {"api_version": {"version": "1"}, "billed_units": {"input_tokens": 70, "output_tokens": 9}}}
							""")));
		ChatRequest request = ChatRequest.builder()
			.model(COMMAND_R_PLUS)
			.messages(SystemMessage.of("You are terse."), UserMessage.of("Weather in Toronto?"),
					AssistantMessage.of("21°C."), UserMessage.of("And in Paris?"))
			.documents(Document.of("forecast", Map.of("title", "Paris forecast")),
					new dev.springcohere.api.TextDocument("Rain, 14°C"))
			.tools(weatherTool())
			.maxTokens(400)
			.temperature(0.3)
			.p(0.75)
			.k(0)
			.seed(7L)
			.stopSequences("END")
			.frequencyPenalty(0.1)
			.build();

		ChatResponse response = this.backend.chat(request);

		this.server.verify(postRequestedFor(urlPathMatching("/model/.*/invoke")).withRequestBody(equalToJson("""
				{"message": "And in Paris?",
				 "chat_history": [{"role": "USER", "message": "Weather in Toronto?"},
				                  {"role": "CHATBOT", "message": "21°C."}],
				 "preamble": "You are terse.",
				 "documents": [{"id": "forecast", "title": "Paris forecast"}, {"id": "doc_1", "text": "Rain, 14°C"}],
				 "tools": [{"name": "get_weather", "description": "Current weather",
				            "parameter_definitions": {
				              "location": {"description": "City", "type": "str", "required": true},
				              "days": {"type": "List[int]", "required": false}}}],
				 "max_tokens": 400, "temperature": 0.3, "p": 0.75, "k": 0, "seed": 7, "stop_sequences": ["END"],
				 "frequency_penalty": 0.1}
				""")));
		LoggedRequest sent = this.server.getAllServeEvents().get(0).getRequest();
		assertThat(sent.getUrl()).isIn("/model/cohere.command-r-plus-v1:0/invoke",
				"/model/cohere.command-r-plus-v1%3A0/invoke");
		assertThat(sent.getHeader("Authorization")).matches("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/\\d{8}/"
				+ AwsTestSettings.REGION + "/bedrock/aws4_request, SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}");
		assertThat(sent.getHeader("X-Amz-Date")).isNotBlank();

		assertThat(response.id()).isEqualTo("r-1");
		assertThat(response.text()).isEqualTo("It is raining in Paris.");
		assertThat(response.finishReason()).isEqualTo(FinishReason.COMPLETE);
		assertThat(response.toolCalls()).isEmpty();
		assertThat(response.citations()).singleElement().satisfies((Citation citation) -> {
			assertThat(citation.start()).isEqualTo(9);
			assertThat(citation.end()).isEqualTo(16);
			assertThat(citation.text()).isEqualTo("raining");
			assertThat(citation.sources()).singleElement().isInstanceOfSatisfying(DocumentSource.class, (source) -> {
				assertThat(source.id()).isEqualTo("forecast");
				assertThat(source.document().get("title").asString()).isEqualTo("Paris forecast");
			});
		});
		assertThat(response.usage().billedUnits().inputTokens()).isEqualTo(70.0);
		assertThat(response.usage().inputTokens()).isEqualTo(80);
		assertThat(response.usage().outputTokens()).isEqualTo(9);
	}

	@Test
	void toolRoundTripTravelsAsToolResultsAndToolCallsComeBack() {
		this.server.stubFor(post(urlPathMatching("/model/.*/invoke"))
			.willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("""
					{"generation_id": "g-2", "text": "I will check the weather.", "finish_reason": "COMPLETE",
					 "tool_calls": [{"name": "get_weather", "parameters": {"location": "Lyon"}}]}
					""")));
		ChatRequest request = ChatRequest.builder()
			.model(COMMAND_R_PLUS)
			.messages(UserMessage.of("Weather in Paris and Lyon?"),
					AssistantMessage.ofToolCalls("Looking it up.",
							List.of(ToolCall.of("call_1", "get_weather", "{\"location\":\"Paris\"}"))),
					ToolMessage.of("call_1", "{\"temp_c\":14,\"sky\":\"rain\"}"))
			.tools(weatherTool())
			.build();

		ChatResponse response = this.backend.chat(request);

		this.server.verify(postRequestedFor(urlPathMatching("/model/.*/invoke")).withRequestBody(equalToJson("""
				{"message": "",
				 "chat_history": [{"role": "USER", "message": "Weather in Paris and Lyon?"},
				                  {"role": "CHATBOT", "message": "Looking it up.",
				                   "tool_calls": [{"name": "get_weather", "parameters": {"location": "Paris"}}]}],
				 "tools": [{"name": "get_weather", "description": "Current weather",
				            "parameter_definitions": {
				              "location": {"description": "City", "type": "str", "required": true},
				              "days": {"type": "List[int]", "required": false}}}],
				 "tool_results": [{"call": {"name": "get_weather", "parameters": {"location": "Paris"}},
				                   "outputs": [{"temp_c": 14, "sky": "rain"}]}]}
				""")));
		assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_CALL);
		assertThat(response.message().toolPlan()).isEqualTo("I will check the weather.");
		assertThat(response.toolCalls()).singleElement().satisfies((call) -> {
			assertThat(call.id()).isEqualTo("g-2_0");
			assertThat(call.function().name()).isEqualTo("get_weather");
			assertThat(this.mapper.readTree(call.function().arguments()))
				.isEqualTo(this.mapper.readTree("{\"location\":\"Lyon\"}"));
		});
	}

	@Test
	void v1ChatRejectsWhatTheV1BodyCannotCarry() {
		ChatRequest forced = ChatRequest.builder()
			.model(COMMAND_R_PLUS)
			.messages(UserMessage.of("Hi"))
			.toolChoice(ToolChoice.REQUIRED)
			.priority(1)
			.build();
		assertThatIllegalArgumentException().isThrownBy(() -> this.backend.chat(forced))
			.withMessageContaining("'tool_choice', 'priority'")
			.withMessageContaining(COMMAND_R_PLUS);
		ChatRequest image = ChatRequest.builder()
			.model(COMMAND_R_PLUS)
			.messages(UserMessage.of(new TextContent("What is this?"),
					new ImageUrlContent(new ImageUrl("data:image/png;base64,AAAA", null))))
			.build();
		assertThatIllegalArgumentException().isThrownBy(() -> this.backend.chat(image))
			.withMessageContaining("text only");
		assertThat(this.server.getAllServeEvents()).isEmpty();
	}

	@Test
	void v1ChatCarriesResponseFormatCitationQualityAndSafetyMode() {
		this.server.stubFor(post(urlPathMatching("/model/.*/invoke")).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"text\": \"{\\\"city\\\": \\\"Paris\\\"}\", \"finish_reason\": \"COMPLETE\"}")));
		ChatRequest request = ChatRequest.builder()
			.model(COMMAND_R_PLUS)
			.messages(UserMessage.of("Name a city as JSON"))
			.responseFormat(new ResponseFormat(ResponseFormatType.JSON_OBJECT, this.mapper.readTree("""
					{"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}
					""")))
			.citationOptions(CitationOptions.of(CitationMode.FAST))
			.safetyMode(SafetyMode.OFF)
			.build();

		ChatResponse response = this.backend.chat(request);

		this.server.verify(postRequestedFor(urlPathMatching("/model/.*/invoke")).withRequestBody(equalToJson("""
				{"message": "Name a city as JSON",
				 "response_format": {"type": "json_object", "schema": {"type": "object",
				   "properties": {"city": {"type": "string"}}, "required": ["city"]}},
				 "citation_quality": "FAST", "safety_mode": "NONE"}
				""")));
		assertThat(response.text()).isEqualTo("{\"city\": \"Paris\"}");
	}

	@Test
	void autoChatFormatSendsTheV1BodyToArnsThatDoNotNameTheirModel() {
		this.server.stubFor(post(urlPathMatching("/model/.*/invoke")).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"text\": \"Hi!\", \"finish_reason\": \"COMPLETE\"}")));
		String provisioned = "arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abc123xyz";

		ChatResponse response = this.backend
			.chat(ChatRequest.builder().model(provisioned).messages(UserMessage.of("Hello")).build());

		LoggedRequest sent = this.server.getAllServeEvents().get(0).getRequest();
		assertThat(sent.getUrl()).contains("provisioned-model");
		assertThat(this.mapper.readTree(sent.getBodyAsString()))
			.isEqualTo(this.mapper.readTree("{\"message\": \"Hello\"}"));
		assertThat(response.text()).isEqualTo("Hi!");
		assertThat(BedrockBackend.ChatFormat.AUTO
			.usesV1("arn:aws:bedrock:us-east-1:123456789012:custom-model/cohere.command-r-v1:0/a1b2")).isTrue();
		assertThat(BedrockBackend.ChatFormat.AUTO
			.usesV1("arn:aws:bedrock:eu-west-1:123456789012:application-inference-profile/p7")).isTrue();
		assertThat(BedrockBackend.ChatFormat.AUTO
			.usesV1("arn:aws:bedrock:us-east-1::foundation-model/cohere.command-a-03-2025")).isFalse();
		assertThat(BedrockBackend.ChatFormat.V2.usesV1(provisioned)).isFalse();
	}

	@Test
	void otherChatModelsGetTheV2BodyWithoutModelAndStream() {
		this.server.stubFor(post(urlPathMatching("/model/.*/invoke"))
			.willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("""
					{"id": "v2-1", "finish_reason": "COMPLETE",
					 "message": {"role": "assistant", "content": [{"type": "text", "text": "Bonjour"}]},
					 "usage": {"tokens": {"input_tokens": 3, "output_tokens": 1}}}
					""")));
		ChatRequest request = ChatRequest.builder()
			.model("us.cohere.command-a-03-2025-v1:0")
			.messages(UserMessage.of("Say hello in French"))
			.temperature(0.2)
			.stream(true)
			.build();

		ChatResponse response = this.backend.chat(request);

		this.server.verify(postRequestedFor(urlPathMatching("/model/.*/invoke")).withRequestBody(equalToJson("""
				{"messages": [{"role": "user", "content": "Say hello in French"}], "temperature": 0.2}
				""")));
		assertThat(this.server.getAllServeEvents().get(0).getRequest().getUrl()).startsWith("/model/us.cohere.");
		assertThat(response.text()).isEqualTo("Bonjour");
		assertThat(response.usage().outputTokens()).isEqualTo(1);
	}

	@Test
	void arnsPassThroughInThePath() {
		this.server.stubFor(post(urlPathMatching("/model/.*/invoke")).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"id\": \"e\", \"embeddings\": [[0.5]]}")));
		String arn = "arn:aws:bedrock:eu-west-3:123456789012:inference-profile/eu.cohere.embed-v4:0";
		this.backend.embed(EmbedRequest.builder().model(arn).texts("x").inputType(EmbedInputType.SEARCH_QUERY).build());
		String url = this.server.getAllServeEvents().get(0).getRequest().getUrl();
		assertThat(java.net.URLDecoder.decode(url, java.nio.charset.StandardCharsets.UTF_8))
			.isEqualTo("/model/" + arn + "/invoke");
	}

	@Test
	void embedSendsInputTypeAndEmbeddingTypesAndReadsVectorsByType() {
		this.server.stubFor(post(urlPathMatching("/model/.*/invoke"))
			.willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("""
					{"id": "emb-1", "response_type": "embeddings_by_type", "texts": ["hello", "world"],
					 "embeddings": {"float": [[0.1, 0.2], [0.3, 0.4]], "int8": [[1, 2], [3, 4]]}}
					""")));
		EmbedRequest request = EmbedRequest.builder()
			.model("cohere.embed-multilingual-v3")
			.texts("hello", "world")
			.inputType(EmbedInputType.SEARCH_DOCUMENT)
			.embeddingTypes(List.of(EmbeddingType.FLOAT, EmbeddingType.INT8))
			.truncate(Truncate.END)
			.build();

		EmbedResponse response = this.backend.embed(request);

		this.server.verify(postRequestedFor(urlPathMatching("/model/.*/invoke")).withRequestBody(equalToJson("""
				{"input_type": "search_document", "texts": ["hello", "world"], "embedding_types": ["float", "int8"],
				 "truncate": "END"}
				""")));
		assertThat(response.id()).isEqualTo("emb-1");
		assertThat(response.embeddings().floats()).containsExactly(List.of(0.1, 0.2), List.of(0.3, 0.4));
		assertThat(response.embeddings().int8()).containsExactly(List.of(1, 2), List.of(3, 4));
		assertThat(response.texts()).containsExactly("hello", "world");
	}

	@Test
	void embedV4ReadsAPlainListAndTranslatesTruncate() {
		this.server.stubFor(post(urlPathMatching("/model/.*/invoke")).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"id\": \"emb-2\", \"embeddings\": [[0.25, 0.5, 0.75]]}")));
		EmbedResponse response = this.backend.embed(EmbedRequest.builder()
			.model("global.cohere.embed-v4:0")
			.texts("hello")
			.inputType(EmbedInputType.SEARCH_QUERY)
			.outputDimension(256)
			.truncate(Truncate.START)
			.build());

		this.server.verify(postRequestedFor(urlPathMatching("/model/.*/invoke")).withRequestBody(equalToJson("""
				{"input_type": "search_query", "texts": ["hello"], "output_dimension": 256, "truncate": "LEFT"}
				""")));
		assertThat(response.embeddings().floats()).containsExactly(List.of(0.25, 0.5, 0.75));
		assertThat(response.responseType()).isEqualTo("embeddings_floats");
	}

	@Test
	void rerankSendsApiVersion2AndReadsResults() {
		this.server.stubFor(post(urlPathMatching("/model/.*/invoke")).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody(
					"""
							{"id": "rr-1", "results": [{"index": 1, "relevance_score": 0.98}, {"index": 0, "relevance_score": 0.07}]}
							""")));
		RerankResponse response = this.backend.rerank(RerankRequest.builder()
			.model("cohere.rerank-v3-5:0")
			.query("capital of the US?")
			.documents("Carson City is the capital of Nevada.", "Washington, D.C. is the capital of the US.")
			.topN(2)
			.build());

		this.server.verify(postRequestedFor(urlPathMatching("/model/.*/invoke")).withRequestBody(equalToJson("""
				{"query": "capital of the US?",
				 "documents": ["Carson City is the capital of Nevada.", "Washington, D.C. is the capital of the US."],
				 "top_n": 2, "api_version": 2}
				""")));
		assertThat(response.id()).isEqualTo("rr-1");
		assertThat(response.results()).extracting(RerankResponse.Result::index).containsExactly(1, 0);
		assertThat(response.results().get(0).relevanceScore()).isEqualTo(0.98);
	}

	@Test
	void throttlingBecomesARateLimitExceptionWithAwsMessageAndRequestIdButNoSecret() {
		this.server.stubFor(post(urlPathMatching("/model/.*/invoke")).willReturn(aResponse().withStatus(429)
			.withHeader("Content-Type", "application/json")
			.withHeader("x-amzn-RequestId", "req-429")
			.withHeader("x-amzn-ErrorType", "ThrottlingException")
			.withBody("{\"message\": \"Too many requests, please wait before trying again.\"}")));

		assertThatExceptionOfType(CohereRateLimitException.class)
			.isThrownBy(() -> this.backend
				.chat(ChatRequest.builder().model(COMMAND_R_PLUS).messages(UserMessage.of("Hi")).build()))
			.satisfies((ex) -> {
				assertThat(ex.getStatusCode()).isEqualTo(429);
				assertThat(ex.getRequestId()).isEqualTo("req-429");
				assertThat(ex.getMessage()).contains("Amazon Bedrock", "ThrottlingException",
						"Too many requests, please wait", "req-429");
				assertThat(ex.getMessage()).doesNotContain(AwsTestSettings.SECRET_ACCESS_KEY);
				assertThat(ex.getResponseBody()).doesNotContain(AwsTestSettings.SECRET_ACCESS_KEY);
			});
	}

	@Test
	void validationAndModelErrorsMapToTheirExceptions() {
		this.server.stubFor(post(urlPathMatching("/model/.*/invoke")).willReturn(aResponse().withStatus(400)
			.withHeader("Content-Type", "application/json")
			.withHeader("x-amzn-ErrorType", "ValidationException")
			.withBody("{\"message\": \"Malformed input request: extraneous key [bogus]\"}")));
		assertThatExceptionOfType(CohereInvalidRequestException.class)
			.isThrownBy(() -> this.backend
				.rerank(RerankRequest.builder().model("cohere.rerank-v3-5:0").query("q").documents("d").build()))
			.withMessageContaining("extraneous key [bogus]");

		this.server.resetAll();
		this.server.stubFor(post(urlPathMatching("/model/.*/invoke")).willReturn(aResponse().withStatus(424)
			.withHeader("Content-Type", "application/json")
			.withHeader("x-amzn-ErrorType", "ModelErrorException")
			.withBody("{\"message\": \"The model failed\", \"originalStatusCode\": 500}")));
		assertThatExceptionOfType(CohereApiException.class)
			.isThrownBy(() -> this.backend.embed(EmbedRequest.builder()
				.model("cohere.embed-english-v3")
				.texts("x")
				.inputType(EmbedInputType.CLASSIFICATION)
				.build()))
			.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(424))
			.withMessageContaining("The model failed");
	}

	@Test
	void statusesMapThroughTheSharedMappingIncludingCohereSpecificOnes() {
		Map<Integer, Class<? extends CohereApiException>> expected = Map.of(402, CoherePaymentRequiredException.class,
				498, CohereInvalidTokenException.class, 499, CohereRequestCancelledException.class, 403,
				CoherePermissionDeniedException.class, 503, CohereServerException.class);
		expected.forEach((status, type) -> {
			this.server.resetAll();
			this.server.stubFor(post(urlPathMatching("/model/.*/invoke")).willReturn(aResponse().withStatus(status)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"message\": \"failure " + status + "\"}")));
			assertThatExceptionOfType(type)
				.isThrownBy(() -> this.backend
					.rerank(RerankRequest.builder().model("cohere.rerank-v3-5:0").query("q").documents("d").build()))
				.withMessageContaining("failure " + status);
		});
	}

	@Test
	void aMissingModelIsAClearError() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.backend.chat(ChatRequest.builder().messages(UserMessage.of("Hi")).build()))
			.withMessageContaining("cohere.chat.model");
	}

	static Tool weatherTool() {
		JsonNode schema = CohereJson.createMapper().readTree("""
				{"type": "object",
				 "properties": {"location": {"type": "string", "description": "City"},
				                "days": {"type": "array", "items": {"type": "integer"}}},
				 "required": ["location"]}
				""");
		return Tool.function("get_weather", "Current weather", schema);
	}

}
