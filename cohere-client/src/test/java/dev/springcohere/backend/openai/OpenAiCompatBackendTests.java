package dev.springcohere.backend.openai;

import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.springcohere.api.AssistantMessage;
import dev.springcohere.api.ChatDocument;
import dev.springcohere.api.ChatRequest;
import dev.springcohere.api.ChatResponse;
import dev.springcohere.api.CitationMode;
import dev.springcohere.api.CitationOptions;
import dev.springcohere.api.CohereJson;
import dev.springcohere.api.Document;
import dev.springcohere.api.DocumentContent;
import dev.springcohere.api.EmbedInputType;
import dev.springcohere.api.EmbedRequest;
import dev.springcohere.api.EmbedResponse;
import dev.springcohere.api.EmbeddingType;
import dev.springcohere.api.FinishReason;
import dev.springcohere.api.RawResponse;
import dev.springcohere.api.RequestOptions;
import dev.springcohere.api.ImageUrlContent;
import dev.springcohere.api.ResponseFormat;
import dev.springcohere.api.RerankRequest;
import dev.springcohere.api.RerankResponse;
import dev.springcohere.api.SafetyMode;
import dev.springcohere.api.SystemMessage;
import dev.springcohere.api.TextContent;
import dev.springcohere.api.Thinking;
import dev.springcohere.api.ThinkingContent;
import dev.springcohere.api.Tool;
import dev.springcohere.api.ToolCall;
import dev.springcohere.api.ToolChoice;
import dev.springcohere.api.ToolMessage;
import dev.springcohere.api.UserMessage;
import dev.springcohere.backend.BackendSettings;
import dev.springcohere.backend.CohereBackend;
import dev.springcohere.api.error.CohereAuthenticationException;
import dev.springcohere.api.error.CohereInvalidRequestException;
import dev.springcohere.api.error.CohereMalformedResponseException;
import dev.springcohere.http.CohereRetryPolicy;
import dev.springcohere.api.error.UnsupportedCapabilityException;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The {@code openai-compat} backend over real HTTP: exact OpenAI request bodies for chat
 * (tools, strict tools, response formats, tool round trips, documents), embeddings and
 * rerank, and the mapping of the answers back to Cohere v2.
 */
class OpenAiCompatBackendTests {

	@RegisterExtension
	static final WireMockExtension server = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort())
		.build();

	private static final String TEXT_ANSWER = """
			{"id":"chatcmpl-1","object":"chat.completion","model":"command-r7b",
			 "choices":[{"index":0,"message":{"role":"assistant","content":"Hello there"},"finish_reason":"stop"}],
			 "usage":{"prompt_tokens":11,"completion_tokens":3,"total_tokens":14}}""";

	private final JsonMapper mapper = CohereJson.createMapper();

	private CohereBackend backend = OpenAiWireMock.backend(server.baseUrl() + "/v1", Map.of());

	@AfterEach
	void close() {
		this.backend.close();
	}

	private JsonNode schema(String json) {
		return this.mapper.readTree(json);
	}

	@Test
	void callsWithOptionsShouldSendHeadersAndExtraFieldsAndAnswerRaw() {
		server.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(okJson("""
				{"id":"c","object":"chat.completion","choices":[{"index":0,"finish_reason":"stop",
				 "message":{"role":"assistant","content":"guided"}}],"server_extra":{"queue_ms":3}}""")
			.withHeader("x-request-id", "vllm-1")));
		server.stubFor(post(urlEqualTo("/v1/embeddings")).willReturn(okJson("""
				{"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.5]}]}""")));
		RequestOptions options = RequestOptions.builder()
			.header("X-Tenant", "t1")
			.extraBody("guided_choice", List.of("yes", "no"))
			.build();
		RawResponse<ChatResponse> chat = this.backend
			.chatRaw(ChatRequest.builder().model("m").messages(UserMessage.of("Yes?")).build(), options)
			.block(java.time.Duration.ofSeconds(5));
		assertThat(chat.body().text()).isEqualTo("guided");
		assertThat(chat.header("x-request-id")).isEqualTo("vllm-1");
		assertThat(chat.bodyJson().path("server_extra").path("queue_ms").asInt()).isEqualTo(3);
		RawResponse<EmbedResponse> embed = this.backend
			.embedRaw(EmbedRequest.builder().model("e").texts("a").build(), options)
			.block(java.time.Duration.ofSeconds(5));
		assertThat(embed.body().embeddings().floats()).containsExactly(List.of(0.5));
		server.verify(postRequestedFor(urlEqualTo("/v1/chat/completions")).withHeader("X-Tenant", equalTo("t1"))
			.withRequestBody(equalToJson("{\"model\":\"m\",\"guided_choice\":[\"yes\",\"no\"]}", true, true)));
		server.verify(postRequestedFor(urlEqualTo("/v1/embeddings")).withHeader("X-Tenant", equalTo("t1"))
			.withRequestBody(equalToJson("{\"guided_choice\":[\"yes\",\"no\"]}", true, true)));
		assertThatExceptionOfType(UnsupportedCapabilityException.class)
			.isThrownBy(() -> this.backend.rerankRaw(RerankRequest.builder().query("q").documents("d").build(), options)
				.block(java.time.Duration.ofSeconds(5)))
			.satisfies((ex) -> assertThat(ex.getCapability()).isEqualTo("rerank"));
	}

	@Test
	void chatWithToolsStrictToolsAndToolRoundTripShouldSendTheOpenAiBodyAndMapToolCallsBack() {
		server.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(okJson("""
				{"id":"chatcmpl-7","object":"chat.completion",
				 "choices":[{"index":0,"finish_reason":"tool_calls","message":{"role":"assistant","content":null,
				   "tool_calls":[{"id":"call_a","type":"function","function":{"name":"get_weather",
				     "arguments":"{\\"location\\":\\"Paris\\"}"}},
				                 {"id":"call_b","type":"function","function":{"name":"get_time",
				     "arguments":"{\\"zone\\":\\"CET\\"}"}}]}}],
				 "usage":{"prompt_tokens":120,"completion_tokens":30,"total_tokens":150,
				   "prompt_tokens_details":{"cached_tokens":64}}}""")));
		JsonNode parameters = schema("""
				{"type":"object","properties":{"location":{"type":"string"}},"required":["location"]}""");
		ChatRequest request = ChatRequest.builder()
			.model("command-r7b-12-2024")
			.messages(SystemMessage.of("You are terse."), UserMessage.of("Weather in Toronto?"),
					AssistantMessage.ofToolCalls("I will look up the weather.",
							List.of(ToolCall.of("call_1", "get_weather", "{\"location\":\"Toronto\"}"))),
					ToolMessage.of("call_1", List.of(DocumentContent.of(Document.of("w1", Map.of("temp_c", "21"))))),
					ToolMessage.of("call_1", "source: met service"), UserMessage.of("And Paris, and the time there?"))
			.tools(Tool.function("get_weather", "Weather of a city", parameters),
					Tool.function("get_time", null, schema("""
							{"type":"object","properties":{"zone":{"type":"string"}},"required":["zone"]}""")))
			.strictTools(true)
			.toolChoice(ToolChoice.REQUIRED)
			.temperature(0.3)
			.maxTokens(200)
			.stopSequences("END")
			.p(0.9)
			.seed(7L)
			.build();

		ChatResponse response = this.backend.chat(request);

		server.verify(postRequestedFor(urlEqualTo("/v1/chat/completions")).withHeader("Authorization", absent())
			.withRequestBody(equalToJson(
					"""
							{"model":"command-r7b-12-2024",
							 "messages":[
							  {"role":"system","content":"You are terse."},
							  {"role":"user","content":"Weather in Toronto?"},
							  {"role":"assistant","content":"I will look up the weather.","tool_calls":[{"id":"call_1",
							    "type":"function","function":{"name":"get_weather","arguments":"{\\"location\\":\\"Toronto\\"}"}}]},
							  {"role":"tool","tool_call_id":"call_1","content":"{\\"temp_c\\":\\"21\\"}"},
							  {"role":"tool","tool_call_id":"call_1","content":"source: met service"},
							  {"role":"user","content":"And Paris, and the time there?"}],
							 "tools":[
							  {"type":"function","function":{"name":"get_weather","description":"Weather of a city",
							    "parameters":{"type":"object","properties":{"location":{"type":"string"}},"required":["location"]},
							    "strict":true}},
							  {"type":"function","function":{"name":"get_time",
							    "parameters":{"type":"object","properties":{"zone":{"type":"string"}},"required":["zone"]},
							    "strict":true}}],
							 "tool_choice":"required","max_tokens":200,"stop":["END"],"temperature":0.3,"top_p":0.9,"seed":7}
							""",
					false, false)));
		assertThat(response.id()).isEqualTo("chatcmpl-7");
		assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_CALL);
		assertThat(response.toolCalls()).extracting(ToolCall::id).containsExactly("call_a", "call_b");
		JsonNode arguments = this.mapper.readTree(response.toolCalls().get(0).function().arguments());
		assertThat(arguments.path("location").asString()).isEqualTo("Paris");
		assertThat(response.toolCalls().get(1).function().name()).isEqualTo("get_time");
		assertThat(response.message().content()).isNull();
		assertThat(response.usage().inputTokens()).isEqualTo(120);
		assertThat(response.usage().outputTokens()).isEqualTo(30);
		assertThat(response.usage().cachedTokens()).isEqualTo(64.0);
	}

	@Test
	void jsonSchemaResponseFormatShouldBecomeAStrictOpenAiJsonSchema() {
		server.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(okJson(TEXT_ANSWER)));
		this.backend.chat(ChatRequest.builder()
			.messages(UserMessage.of("Generate a JSON person"))
			.responseFormat(ResponseFormat.jsonObject(schema("""
					{"title":"Person","type":"object","properties":{"name":{"type":"string"}},"required":["name"]}""")))
			.build());
		server.verify(postRequestedFor(urlEqualTo("/v1/chat/completions")).withRequestBody(equalToJson("""
				{"messages":[{"role":"user","content":"Generate a JSON person"}],
				 "response_format":{"type":"json_schema","json_schema":{"name":"Person","strict":true,
				   "schema":{"title":"Person","type":"object","properties":{"name":{"type":"string"}},
				             "required":["name"]}}}}""", false, false)));
	}

	@Test
	void jsonObjectWithoutSchemaShouldStayJsonObjectAndAnUnnamedSchemaShouldBeNamedResponse() {
		server.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(okJson(TEXT_ANSWER)));
		this.backend.chat(ChatRequest.builder()
			.messages(UserMessage.of("Generate JSON"))
			.responseFormat(ResponseFormat.jsonObject())
			.build());
		this.backend.chat(ChatRequest.builder()
			.messages(UserMessage.of("Generate JSON"))
			.responseFormat(ResponseFormat.jsonObject(schema("""
					{"type":"object","properties":{"a":{"type":"integer"}},"required":["a"]}""")))
			.build());
		server.verify(postRequestedFor(urlEqualTo("/v1/chat/completions")).withRequestBody(equalToJson("""
				{"messages":[{"role":"user","content":"Generate JSON"}],"response_format":{"type":"json_object"}}""",
				false, false)));
		server.verify(postRequestedFor(urlEqualTo("/v1/chat/completions")).withRequestBody(equalToJson("""
				{"response_format":{"type":"json_schema","json_schema":{"name":"response","strict":true,
				 "schema":{"type":"object","properties":{"a":{"type":"integer"}},"required":["a"]}}}}""", false,
				true)));
	}

	@Test
	void textAnswerShouldMapTextFinishReasonAndUsage() {
		server.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(okJson(TEXT_ANSWER)));
		ChatResponse response = this.backend.chat(ChatRequest.builder().messages(UserMessage.of("Hi")).build());
		assertThat(response.text()).isEqualTo("Hello there");
		assertThat(response.finishReason()).isEqualTo(FinishReason.COMPLETE);
		assertThat(response.toolCalls()).isEmpty();
		assertThat(response.usage().inputTokens()).isEqualTo(11);
		assertThat(response.usage().billedUnits().outputTokens()).isEqualTo(3.0);
	}

	@Test
	void lengthFinishReasonAndReasoningContentShouldMapToMaxTokensAndThinking() {
		server.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(okJson("""
				{"id":"c2","choices":[{"index":0,"finish_reason":"length",
				  "message":{"role":"assistant","reasoning_content":"Let me think","content":"Partial ans"}}]}""")));
		ChatResponse response = this.backend.chat(ChatRequest.builder()
			.messages(UserMessage.of("Explain"))
			.thinking(Thinking.enabled(null))
			.maxTokens(5)
			.build());
		assertThat(response.finishReason()).isEqualTo(FinishReason.MAX_TOKENS);
		assertThat(response.text()).isEqualTo("Partial ans");
		assertThat(response.message().thinking()).isEqualTo("Let me think");
		assertThat(response.message().content().asBlocks()).first().isInstanceOf(ThinkingContent.class);
		assertThat(response.usage()).isNull();
		server.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
			.withRequestBody(equalToJson("{\"reasoning_effort\":\"high\",\"max_tokens\":5}", false, true)));
	}

	@Test
	void toolCallArgumentsSentAsAnObjectShouldBecomeAJsonString() {
		server.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(okJson("""
				{"id":"c3","choices":[{"index":0,"finish_reason":"tool_calls","message":{"role":"assistant",
				 "content":"Looking it up.","tool_calls":[{"id":"t1","type":"function",
				 "function":{"name":"lookup","arguments":{"q":"x"}}}]}}]}""")));
		ChatResponse response = this.backend.chat(ChatRequest.builder().messages(UserMessage.of("Find x")).build());
		assertThat(response.toolCalls()).singleElement()
			.satisfies((call) -> assertThat(call.function().arguments()).isEqualTo("{\"q\":\"x\"}"));
		assertThat(response.text()).isEqualTo("Looking it up.");
		assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_CALL);
	}

	@Test
	void documentsShouldBeRenderedIntoTheSystemPrompt() {
		server.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(okJson(TEXT_ANSWER)));
		List<ChatDocument> documents = List.of(Document.of("emp", Map.of("title", "Handbook")),
				ChatDocument.of("Plain text doc"));
		this.backend.chat(ChatRequest.builder()
			.messages(SystemMessage.of("Be kind."), UserMessage.of("What is in the handbook?"))
			.documents(documents)
			.citationOptions(CitationOptions.of(CitationMode.OFF))
			.build());
		this.backend.chat(ChatRequest.builder()
			.messages(UserMessage.of("What is in the handbook?"))
			.documents(documents)
			.build());
		String rendered = "Use the following documents when they help to answer. Each one starts with its id.\\n\\n"
				+ "Document emp:\\n{\\\"title\\\":\\\"Handbook\\\"}\\n\\nDocument doc_1:\\nPlain text doc";
		server.verify(
				postRequestedFor(urlEqualTo("/v1/chat/completions"))
					.withRequestBody(equalToJson(
							"{\"messages\":[{\"role\":\"system\",\"content\":\"Be kind.\\n\\n" + rendered
									+ "\"},{\"role\":\"user\",\"content\":\"What is in the handbook?\"}]}",
							false, false)));
		server.verify(
				postRequestedFor(urlEqualTo("/v1/chat/completions"))
					.withRequestBody(equalToJson(
							"{\"messages\":[{\"role\":\"system\",\"content\":\"" + rendered
									+ "\"},{\"role\":\"user\",\"content\":\"What is in the handbook?\"}]}",
							false, false)));
	}

	@Test
	void imagesShouldBecomeImageUrlParts() {
		server.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(okJson(TEXT_ANSWER)));
		this.backend.chat(ChatRequest.builder()
			.messages(UserMessage.of(TextContent.of("What is this?"), ImageUrlContent.of("data:image/png;base64,AAA")))
			.build());
		server.verify(postRequestedFor(urlEqualTo("/v1/chat/completions")).withRequestBody(equalToJson("""
				{"messages":[{"role":"user","content":[{"type":"text","text":"What is this?"},
				 {"type":"image_url","image_url":{"url":"data:image/png;base64,AAA"}}]}]}""", false, false)));
	}

	@Test
	void fieldsTheFormatCannotExpressShouldBeRejectedNamingFieldAndBackendWithoutSendingAnything() {
		ChatRequest base = ChatRequest.builder().messages(UserMessage.of("Hi")).build();
		assertThatExceptionOfType(UnsupportedRequestFieldException.class)
			.isThrownBy(() -> this.backend.chat(base.mutate().safetyMode(SafetyMode.STRICT).build()))
			.withMessageContaining("'openai-compat'")
			.withMessageContaining("'safety_mode'")
			.satisfies((ex) -> assertThat(ex.getField()).isEqualTo("safety_mode"));
		assertThatExceptionOfType(UnsupportedRequestFieldException.class)
			.isThrownBy(() -> this.backend
				.chat(base.mutate().citationOptions(CitationOptions.of(CitationMode.ACCURATE)).build()))
			.withMessageContaining("'citation_options'");
		assertThatExceptionOfType(UnsupportedRequestFieldException.class)
			.isThrownBy(() -> this.backend.chat(base.mutate().logprobs(true).build()))
			.withMessageContaining("'logprobs'");
		assertThatExceptionOfType(UnsupportedRequestFieldException.class)
			.isThrownBy(() -> this.backend.chat(base.mutate().thinking(Thinking.enabled(1000)).build()))
			.withMessageContaining("'thinking.token_budget'");
		assertThatExceptionOfType(UnsupportedRequestFieldException.class)
			.isThrownBy(() -> this.backend.chatAsync(base.mutate().safetyMode(SafetyMode.OFF).build()).block())
			.withMessageContaining("'safety_mode'");
		assertThatExceptionOfType(UnsupportedRequestFieldException.class)
			.isThrownBy(() -> this.backend.embed(
					EmbedRequest.builder().texts("a").embeddingTypes(EmbeddingType.FLOAT, EmbeddingType.INT8).build()))
			.withMessageContaining("'embedding_types'")
			.withMessageContaining("int8");
		assertThatExceptionOfType(UnsupportedRequestFieldException.class)
			.isThrownBy(() -> this.backend.embed(EmbedRequest.builder().images("data:image/png;base64,AA").build()))
			.withMessageContaining("'images'");
		server.verify(0, anyRequestedFor(anyUrl()));
	}

	@Test
	void samplingExtensionsShouldBeSentToVllmStyleServers() {
		server.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(okJson(TEXT_ANSWER)));
		this.backend.chat(ChatRequest.builder().messages(UserMessage.of("Hi")).k(40).priority(2).build());
		server.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
			.withRequestBody(equalToJson("{\"top_k\":40,\"priority\":2}", false, true)));
	}

	@Test
	void embedShouldSendFloatEmbeddingsRequestAndMapVectorsInIndexOrder() {
		server.stubFor(post(urlEqualTo("/v1/embeddings")).willReturn(okJson("""
				{"object":"list","model":"embed-v4.0","data":[
				 {"object":"embedding","index":1,"embedding":[0.5,0.25]},
				 {"object":"embedding","index":0,"embedding":[1.0,-1.0]}],
				 "usage":{"prompt_tokens":6,"total_tokens":6}}""")));
		EmbedResponse response = this.backend.embed(EmbedRequest.builder()
			.model("embed-v4.0")
			.texts("first", "second")
			.inputType(EmbedInputType.SEARCH_DOCUMENT)
			.embeddingTypes(EmbeddingType.FLOAT)
			.outputDimension(256)
			.build());
		server.verify(postRequestedFor(urlEqualTo("/v1/embeddings")).withRequestBody(equalToJson("""
				{"model":"embed-v4.0","input":["first","second"],"encoding_format":"float","dimensions":256}""", false,
				false)));
		assertThat(response.embeddings().floats()).containsExactly(List.of(1.0, -1.0), List.of(0.5, 0.25));
		assertThat(response.texts()).containsExactly("first", "second");
		assertThat(response.meta().billedUnits().inputTokens()).isEqualTo(6.0);
	}

	@Test
	void embedAnswerWithTooFewVectorsShouldBeMalformed() {
		server.stubFor(post(urlEqualTo("/v1/embeddings"))
			.willReturn(okJson("{\"data\":[{\"index\":0,\"embedding\":[1.0]}]}")));
		assertThatExceptionOfType(CohereMalformedResponseException.class)
			.isThrownBy(() -> this.backend.embed(EmbedRequest.builder().texts("a", "b").build()))
			.withMessageContaining("1 embeddings for 2 texts");
	}

	@Test
	void rerankShouldBeUnsupportedWithoutAPathAndUseTheConfiguredPath() {
		assertThat(this.backend.capabilities().supports(dev.springcohere.backend.Capability.RERANK)).isFalse();
		RerankRequest request = RerankRequest.builder()
			.model("rerank-v3.5")
			.query("capital of France")
			.documents("Berlin", "Paris")
			.topN(1)
			.build();
		assertThatExceptionOfType(UnsupportedCapabilityException.class).isThrownBy(() -> this.backend.rerank(request))
			.withMessageContaining("'openai-compat'")
			.withMessageContaining("'rerank'")
			.withMessageContaining("cohere.openai-compat.rerank-path");
		server.stubFor(post(urlEqualTo("/v1/rerank")).willReturn(okJson("""
				{"id":"rerank-1","model":"bge","usage":{"total_tokens":9},
				 "results":[{"index":1,"document":{"text":"Paris"},"relevance_score":0.98}]}""")));
		try (CohereBackend reranking = OpenAiWireMock.backend(server.baseUrl() + "/v1",
				Map.of("openai-compat.rerank-path", "/rerank"))) {
			RerankResponse response = reranking.rerank(request);
			assertThat(response.results()).singleElement()
				.satisfies((result) -> assertThat(result.index()).isEqualTo(1))
				.satisfies((result) -> assertThat(result.relevanceScore()).isEqualTo(0.98));
			assertThat(reranking.rerankAsync(request).block().results()).hasSize(1);
		}
		server.verify(2, postRequestedFor(urlEqualTo("/v1/rerank")).withRequestBody(equalToJson("""
				{"model":"rerank-v3.5","query":"capital of France","documents":["Berlin","Paris"],"top_n":1}""", false,
				false)));
	}

	@Test
	void apiKeyShouldBeSentAsBearerAndNeverShown() {
		server.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(okJson(TEXT_ANSWER)));
		try (CohereBackend keyed = OpenAiWireMock.backend(server.baseUrl() + "/v1",
				Map.of("openai-compat.api-key", "sk-secret-123"))) {
			assertThat(keyed.chatAsync(ChatRequest.builder().messages(UserMessage.of("Hi")).build()).block().text())
				.isEqualTo("Hello there");
			assertThat(keyed.toString()).doesNotContain("sk-secret-123");
		}
		server.verify(postRequestedFor(urlEqualTo("/v1/chat/completions")).withHeader("Authorization",
				equalTo("Bearer sk-secret-123")));
	}

	@Test
	void httpErrorsShouldBeMappedLikeThePlatformBackend() {
		server.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(400)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"object\":\"error\",\"message\":\"max_tokens is too large\",\"code\":400}")));
		server.stubFor(post(urlEqualTo("/v1/embeddings")).willReturn(aResponse().withStatus(401)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":{\"message\":\"Invalid API key\"}}")));
		assertThatExceptionOfType(CohereInvalidRequestException.class)
			.isThrownBy(() -> this.backend.chat(ChatRequest.builder().messages(UserMessage.of("Hi")).build()))
			.withMessageContaining("max_tokens is too large");
		assertThatExceptionOfType(CohereAuthenticationException.class)
			.isThrownBy(() -> this.backend.embed(EmbedRequest.builder().texts("a").build()));
	}

	@Test
	void answerThatIsNotAChatCompletionShouldBeMalformed() {
		server.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(okJson("{\"text\":\"cohere v1?\"}")));
		assertThatExceptionOfType(CohereMalformedResponseException.class)
			.isThrownBy(() -> this.backend.chat(ChatRequest.builder().messages(UserMessage.of("Hi")).build()))
			.withMessageContaining("/chat/completions")
			.withMessageContaining("'choices'");
	}

	@Test
	void missingOrInvalidSettingsShouldFailNamingTheProperty() {
		BackendSettings none = BackendSettings.builder().build();
		assertThatIllegalStateException().isThrownBy(() -> new OpenAiCompatBackendProvider().create(none))
			.withMessageContaining("'cohere.openai-compat.base-url'")
			.withMessageContaining("http://vllm:8000/v1");
		assertThatIllegalStateException()
			.isThrownBy(() -> OpenAiWireMock.backend(server.baseUrl(), Map.of("openai-compat.rerank-path", "rerank")))
			.withMessageContaining("'cohere.openai-compat.rerank-path'");
		assertThatIllegalStateException().isThrownBy(() -> OpenAiWireMock.backend("vllm:8000", Map.of()))
			.withMessageContaining("'cohere.openai-compat.base-url'");
		assertThatIllegalStateException()
			.isThrownBy(() -> OpenAiWireMock.backend(server.baseUrl(), Map.of("openai-compat.api-key", "sk bad")))
			.withMessageContaining("'cohere.openai-compat.api-key'")
			.withMessageNotContaining("sk bad");
	}

	@Test
	void cohereApiKeyShouldNeverBeSentToTheServer() {
		server.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(okJson(TEXT_ANSWER)));
		try (CohereBackend keyed = new OpenAiCompatBackendProvider().create(BackendSettings.builder()
			.apiKey(dev.springcohere.http.ApiKey.of("cohere-platform-key"))
			.retryPolicy(CohereRetryPolicy.none())
			.property("openai-compat.base-url", server.baseUrl() + "/v1")
			.build())) {
			keyed.chat(ChatRequest.builder().messages(UserMessage.of("Hi")).build());
		}
		server.verify(postRequestedFor(urlEqualTo("/v1/chat/completions")).withHeader("Authorization", absent()));
	}

}
