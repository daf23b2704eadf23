package dev.springcohere.engine.tokenizer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ChatTemplateTests {

	private static HfTokenizer tokenizer;

	@BeforeAll
	static void load() {
		tokenizer = HfTokenizer.load(TokenizerFixtures.tinyTokenizerDir());
	}

	@AfterAll
	static void close() {
		tokenizer.close();
	}

	static Stream<Map<String, Object>> cases() {
		return TokenizerFixtures.goldenList("chat_template_cases").stream();
	}

	private static ChatTemplateRequest request(Map<String, Object> golden) {
		return ChatTemplateRequest.builder(TokenizerFixtures.castList(golden.get("messages")))
			.tools(TokenizerFixtures.castList(golden.get("tools")))
			.documents(TokenizerFixtures.castList(golden.get("documents")))
			.addGenerationPrompt((Boolean) golden.get("add_generation_prompt"))
			.build();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void renderShouldMatchGoldenByteForByte(Map<String, Object> golden) {
		String rendered = tokenizer.chatTemplate("default").orElseThrow().render(request(golden));
		assertThat(rendered).isEqualTo(golden.get("rendered"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void encodedPromptShouldMatchGoldenTokenForToken(Map<String, Object> golden) {
		int[] expected = TokenizerFixtures.ints(golden.get("token_ids"));
		// the rendered prompt already starts with <BOS_TOKEN>: apply_chat_template
		// encodes without special tokens
		assertThat(tokenizer.encodeChat(request(golden))).containsExactly(expected);
		assertThat(tokenizer.encode((String) golden.get("rendered"), true)).hasSize(expected.length + 1);
	}

	@Test
	void templateFileShouldEqualTheConfiguredTemplate() throws Exception {
		String file = Files
			.readString(TokenizerFixtures.sharedDir().resolve("chat-templates/command-r7b-12-2024.jinja"));
		String configured = tokenizer.chatTemplate("default").orElseThrow().source();
		assertThat(file.strip()).isEqualTo(configured.strip());
	}

	@Test
	void raiseExceptionShouldFailTheRenderWithTheTemplatesMessage() {
		ChatTemplate template = ChatTemplate.of("""
				{%- for message in messages %}
				{%- if message.role not in ['user', 'assistant'] %}
				{{- raise_exception('Conversation roles must be user or assistant, got ' + message.role) }}
				{%- endif %}{{ message.content }}
				{%- endfor %}""");
		List<Map<String, Object>> messages = List.of(Map.of("role", "user", "content", "hi"),
				Map.of("role", "robot", "content", "beep"));
		assertThatExceptionOfType(ChatTemplateException.class).isThrownBy(() -> template.render(messages))
			.withMessageContaining("Conversation roles must be user or assistant, got robot")
			.satisfies(ex -> assertThat(ex.raisedByTemplate()).isTrue());
		assertThat(template.render(List.of(Map.of("role", "user", "content", "hi")))).isEqualTo("hi");
	}

	@Test
	void brokenTemplateShouldFailClearly() {
		assertThatExceptionOfType(ChatTemplateException.class)
			.isThrownBy(() -> ChatTemplate.of("ok\n{% if messages %}\n{{ messages[0].content "))
			.withMessageContaining("Unclosed")
			.withMessageContaining("line 3");
		ChatTemplate unbalanced = ChatTemplate.of("{% for m in messages %}{{ m.content }}");
		assertThatExceptionOfType(ChatTemplateException.class)
			.isThrownBy(() -> unbalanced.render(List.of(Map.of("role", "user", "content", "x"))))
			.satisfies(ex -> assertThat(ex.raisedByTemplate()).isFalse())
			.withMessageContaining("Failed to render chat template");
	}

	@Test
	void messageContentShouldNotBeInterpretedAsTemplate() {
		ChatTemplate template = ChatTemplate.of("{% for m in messages %}[{{ m.content }}]{% endfor %}");
		String content = "{{ 7 * 6 }} {% if true %}x{% endif %}";
		assertThat(template.render(List.of(Map.of("role", "user", "content", content)))).isEqualTo("[" + content + "]");
	}

	@Test
	void extraVariablesShouldReachTheTemplate() {
		ChatTemplate template = ChatTemplate.of("{% if enable_citations %}cite{% else %}plain{% endif %}");
		List<Map<String, Object>> messages = List.of(Map.of("role", "user", "content", "x"));
		assertThat(template.render(ChatTemplateRequest.builder(messages).variable("enable_citations", true).build()))
			.isEqualTo("cite");
		assertThat(template.render(messages)).isEqualTo("plain");
	}

	@Test
	void citationsFlagShouldAddTheGroundingSection() {
		Map<String, Object> golden = TokenizerFixtures.goldenList("chat_template_cases").get(4);
		ChatTemplateRequest request = ChatTemplateRequest.builder(TokenizerFixtures.castList(golden.get("messages")))
			.tools(TokenizerFixtures.castList(golden.get("tools")))
			.documents(TokenizerFixtures.castList(golden.get("documents")))
			.variable("enable_citations", true)
			.build();
		String rendered = tokenizer.applyChatTemplate(request);
		assertThat(rendered).contains("\n\n## Grounding\nImportantly, note that");
		assertThat(rendered.replace(
				rendered.substring(rendered.indexOf("\n\n## Grounding"), rendered.indexOf("\n\n## Available Tools")),
				""))
			.isEqualTo(golden.get("rendered"));
	}

	@Test
	void callerMessagesShouldNotBeModified() {
		ChatTemplate template = ChatTemplate
			.of("{% set ns = namespace(seen=[]) %}{% for m in messages %}{% set ns.seen = ns.seen + [m.role] %}{% endfor %}{{ ns.seen|join(',') }}");
		List<Map<String, Object>> messages = new ArrayList<>();
		messages.add(new LinkedHashMap<>(Map.of("role", "user", "content", "a")));
		messages.add(new LinkedHashMap<>(Map.of("role", "assistant", "content", "b")));
		assertThat(template.render(messages)).isEqualTo("user,assistant");
		assertThat(messages).hasSize(2);
		assertThat(messages.get(0)).containsOnlyKeys("role", "content");
	}

	@Test
	void strftimeNowShouldFormatTheClockLikePython() {
		Map<String, Object> reference = TokenizerFixtures.jinja2Reference();
		Instant instant = LocalDateTime.parse((String) reference.get("strftime_now_time")).toInstant(ZoneOffset.UTC);
		Clock clock = Clock.fixed(instant, ZoneOffset.UTC);
		List<Map<String, Object>> cases = TokenizerFixtures.castList(reference.get("python"));
		Map<String, Object> strftime = cases.stream()
			.filter(c -> ((String) c.get("template")).contains("strftime_now"))
			.findFirst()
			.orElseThrow();
		ChatTemplate template = new ChatTemplate("t", (String) strftime.get("template"), null, null, clock);
		assertThat(template.render(List.of())).isEqualTo(strftime.get("rendered"));
	}

	static Stream<Map<String, Object>> pythonCases() {
		return TokenizerFixtures.castList(TokenizerFixtures.jinja2Reference().get("python"))
			.stream()
			.filter(c -> !((String) c.get("template")).contains("strftime_now"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("pythonCases")
	void pythonMethodsAndFiltersShouldMatchJinja2(Map<String, Object> reference) {
		ChatTemplate template = ChatTemplate.of((String) reference.get("template"));
		String rendered = template
			.render(ChatTemplateRequest.builder(List.of()).variable("value", reference.get("value")).build());
		assertThat(rendered).isEqualTo(reference.get("rendered"));
	}

	static Stream<Map<String, Object>> whitespaceCases() {
		return TokenizerFixtures.castList(TokenizerFixtures.jinja2Reference().get("whitespace")).stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("whitespaceCases")
	void whitespaceShouldMatchJinja2(Map<String, Object> reference) {
		assertThat(ChatTemplate.of((String) reference.get("template")).render(List.of()))
			.isEqualTo(reference.get("rendered"));
	}

	@Test
	void commandRPlusToolUseTemplateShouldMatchJinja2() throws Exception {
		Map<String, Object> reference = castMap(TokenizerFixtures.jinja2Reference().get("command_r_plus"));
		ChatTemplate template = commandRPlus();
		String rendered = template
			.render(ChatTemplateRequest.builder(TokenizerFixtures.castList(reference.get("messages")))
				.tools(TokenizerFixtures.castList(reference.get("tools")))
				.build());
		assertThat(rendered).isEqualTo(reference.get("rendered"));
	}

	@Test
	void commandRPlusToolUseTemplateShouldHaveTheToolUseStructure() throws Exception {
		List<Map<String, Object>> messages = List.of(Map.of("role", "user", "content", " Book a table for two. "),
				Map.of("role", "assistant", "tool_calls",
						List.of(Map.of("id", "c1", "type", "function", "function",
								Map.of("name", "book_table", "arguments", ordered("people", 2, "place", "Café Ü"))))),
				Map.of("role", "tool", "tool_call_id", "c1", "content", "{\"booked\": true}"));
		List<Map<String, Object>> tools = List.of(Map.of("name", "book_table", "description", "Books a table",
				"parameter_definitions", new LinkedHashMap<>(
						Map.of("people", Map.of("type", "int", "description", "how many", "required", true)))));
		String rendered = commandRPlus().render(ChatTemplateRequest.builder(messages).tools(tools).build());
		assertThat(rendered).startsWith("<BOS_TOKEN><|START_OF_TURN_TOKEN|><|SYSTEM_TOKEN|># Safety Preamble")
			.endsWith("<|END_OF_TURN_TOKEN|><|START_OF_TURN_TOKEN|><|CHATBOT_TOKEN|>")
			.contains("## Task and Context\nYou help people answer their questions")
			.contains("```python\ndef book_table(people: int) -> List[Dict]:\n    \"\"\"Books a table\n\n    Args:\n"
					+ "        people (int): how many\n    \"\"\"\n    pass\n```<|END_OF_TURN_TOKEN|>")
			.contains("<|START_OF_TURN_TOKEN|><|USER_TOKEN|>Book a table for two.<|END_OF_TURN_TOKEN|>")
			.contains("\"tool_name\": \"book_table\",\n        \"parameters\": {\n            \"people\": 2,\n"
					+ "            \"place\": \"Café Ü\"\n        }\n    }\n]```\n")
			.contains("<|SYSTEM_TOKEN|><results>\n{\"booked\": true}</results><|END_OF_TURN_TOKEN|>")
			.contains("Write 'Action:' followed by a json-formatted list of actions");
		assertThat(rendered.indexOf("<|USER_TOKEN|>")).isLessThan(rendered.indexOf("Action:\n```json"));
		assertThat(tokenizer.encode(rendered, false)).startsWith(5, 8, 11);
		String withoutPrompt = commandRPlus()
			.render(ChatTemplateRequest.builder(messages).tools(tools).addGenerationPrompt(false).build());
		assertThat(withoutPrompt).endsWith("```<|END_OF_TURN_TOKEN|>");
	}

	private static ChatTemplate commandRPlus() throws Exception {
		Path file = TokenizerFixtures.sharedDir().resolve("chat-templates/command-r-plus-tool-use.jinja");
		return new ChatTemplate("tool_use", Files.readString(file), "<BOS_TOKEN>", "<|END_OF_TURN_TOKEN|>",
				Clock.systemUTC());
	}

	private static Map<String, Object> ordered(Object... keysAndValues) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			map.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return map;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> castMap(Object value) {
		return (Map<String, Object>) value;
	}

}
