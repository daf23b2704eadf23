package dev.springcohere.springai;

import java.util.List;

import dev.springcohere.api.ChatDocument;
import dev.springcohere.api.CitationMode;
import dev.springcohere.api.SafetyMode;
import dev.springcohere.api.Thinking;
import dev.springcohere.api.ToolChoice;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.tool.ToolCallback;

import static org.assertj.core.api.Assertions.assertThat;

class CohereChatOptionsTests {

	static class Tools {

		@dev.springcohere.annotation.CohereTool(description = "Echo")
		public String echo(String text) {
			return text;
		}

	}

	private final ToolCallback echo = CohereToolCallbacks.from(new Tools())[0];

	private CohereChatOptions full() {
		return CohereChatOptions.builder()
			.model("command-a-03-2025")
			.temperature(0.3)
			.maxTokens(100)
			.topP(0.8)
			.topK(20)
			.stopSequences(List.of("STOP"))
			.frequencyPenalty(0.1)
			.presencePenalty(0.2)
			.seed(42L)
			.safetyMode(SafetyMode.STRICT)
			.documents(ChatDocument.of("a fact"))
			.citationMode(CitationMode.ACCURATE)
			.strictTools(true)
			.outputSchema("{\"type\":\"object\"}")
			.toolCallbacks(List.of(this.echo))
			.toolContext("tenant", "t1")
			.internalToolExecutionEnabled(true)
			.thinking(Thinking.enabled(512))
			.toolChoice(ToolChoice.REQUIRED)
			.logprobs(true)
			.priority(7)
			.build();
	}

	@Test
	void reasoningOptionsAreCopiedComparedAndMergedLikeTheOthers() {
		CohereChatOptions options = full();
		assertThat(options.getThinking()).isEqualTo(Thinking.enabled(512));
		assertThat(options.getToolChoice()).isEqualTo(ToolChoice.REQUIRED);
		assertThat(options.getLogprobs()).isTrue();
		assertThat(options.getPriority()).isEqualTo(7);
		assertThat(options.mutate().priority(null).build()).isNotEqualTo(options);
		assertThat(options.toString()).contains("thinking=Thinking[type=enabled, tokenBudget=512]", "priority=7");

		CohereChatOptions merged = options.mutate()
			.combineWith(CohereChatOptions.builder().thinking(Thinking.disabled()).toolChoice(ToolChoice.NONE))
			.build();

		assertThat(merged.getThinking()).isEqualTo(Thinking.disabled());
		assertThat(merged.getToolChoice()).isEqualTo(ToolChoice.NONE);
		assertThat(merged.getLogprobs()).isTrue();
		assertThat(merged.getPriority()).isEqualTo(7);
	}

	@Test
	void copyAndMutateKeepEveryValue() {
		CohereChatOptions options = full();

		assertThat(options.copy()).isEqualTo(options).isNotSameAs(options);
		assertThat(options.mutate().build()).isEqualTo(options);
		assertThat(options.mutate().seed(1L).build().getSeed()).isEqualTo(1L);
		assertThat(options.getSeed()).isEqualTo(42L);
	}

	@Test
	void combineWithLetsSetValuesOfTheOtherBuilderWinAndKeepsTheRest() {
		CohereChatOptions merged = full().mutate()
			.combineWith(CohereChatOptions.builder().temperature(0.9).safetyMode(SafetyMode.OFF))
			.build();

		assertThat(merged.getTemperature()).isEqualTo(0.9);
		assertThat(merged.getSafetyMode()).isEqualTo(SafetyMode.OFF);
		assertThat(merged.getModel()).isEqualTo("command-a-03-2025");
		assertThat(merged.getSeed()).isEqualTo(42L);
		assertThat(merged.getDocuments()).hasSize(1);
		assertThat(merged.getStrictTools()).isTrue();
		assertThat(merged.getToolCallbacks()).containsExactly(this.echo);
	}

	@Test
	void combineWithAcceptsPlainSpringAiBuilders() {
		CohereChatOptions merged = full().mutate().combineWith(ToolCallingChatOptions.builder().maxTokens(5)).build();

		assertThat(merged.getMaxTokens()).isEqualTo(5);
		assertThat(merged.getCitationMode()).isEqualTo(CitationMode.ACCURATE);
	}

	@Test
	void cloneIsIndependentOfTheOriginalBuilder() {
		CohereChatOptions.Builder builder = full().mutate();
		CohereChatOptions.Builder clone = builder.clone();
		clone.documents(List.of()).seed(7L);

		assertThat(builder.build().getDocuments()).hasSize(1);
		assertThat(builder.build().getSeed()).isEqualTo(42L);
		assertThat(clone.build().getSeed()).isEqualTo(7L);
	}

	@Test
	void fromConvertsPortableOptions() {
		CohereChatOptions options = CohereChatOptions
			.from(ChatOptions.builder().model("m").temperature(0.5).topK(3).stopSequences(List.of("x")).build());

		assertThat(options.getModel()).isEqualTo("m");
		assertThat(options.getTemperature()).isEqualTo(0.5);
		assertThat(options.getTopK()).isEqualTo(3);
		assertThat(options.getStopSequences()).containsExactly("x");
		assertThat(options.getToolCallbacks()).isEmpty();
	}

}
