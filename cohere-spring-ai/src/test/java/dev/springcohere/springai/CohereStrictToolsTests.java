package dev.springcohere.springai;

import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.springcohere.client.CohereClient;
import dev.springcohere.tool.StrictSchemaException;

import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.ToolDefinition;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tools that arrive with the prompt (Spring AI {@code @Tool} methods) get the check
 * {@code @CohereTool} schemas get at startup when they are sent with
 * {@code strict_tools}: a clear error before the call, not Cohere's 422.
 */
class CohereStrictToolsTests {

	@RegisterExtension
	static final WireMockExtension server = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort())
		.build();

	private final CohereClient client = Fixtures.client(server.baseUrl());

	@AfterEach
	void closeClient() {
		this.client.close();
	}

	@Test
	void aToolSchemaOutsideTheStrictSubsetFailsBeforeTheCallOnlyUnderStrictTools() {
		server.stubFor(post(urlEqualTo("/v2/chat")).willReturn(aResponse()
			.withHeader("Content-Type", "application/json")
			.withBody(
					"""
							{"id":"r","finish_reason":"COMPLETE","message":{"role":"assistant","content":[{"type":"text","text":"ok"}]}}""")));
		ToolCallback loose = new SchemaOnlyTool("""
				{"type":"object","properties":{"days":{"type":"integer","minimum":1}}}""");
		CohereChatModel model = CohereChatModel.builder().cohereClient(this.client).build();
		assertThatExceptionOfType(StrictSchemaException.class)
			.isThrownBy(() -> model.call(new Prompt("Forecast?",
					CohereChatOptions.builder().strictTools(true).toolCallbacks(List.of(loose)).build())))
			.withMessageContaining("Spring AI tool 'forecast'");
		server.verify(0, postRequestedFor(urlEqualTo("/v2/chat")));
		model.call(new Prompt("Forecast?", CohereChatOptions.builder().toolCallbacks(List.of(loose)).build()));
		server.verify(1, postRequestedFor(urlEqualTo("/v2/chat")));
	}

	private record SchemaOnlyTool(String schema) implements ToolCallback {

		@Override
		public ToolDefinition getToolDefinition() {
			return ToolDefinition.builder().name("forecast").description("Weather").inputSchema(this.schema).build();
		}

		@Override
		public String call(String toolInput) {
			return "{}";
		}

	}

}
