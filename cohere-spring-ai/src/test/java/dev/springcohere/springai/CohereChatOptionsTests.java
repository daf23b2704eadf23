package dev.springcohere.springai;

import java.util.List;

import dev.springcohere.api.ChatDocument;
import dev.springcohere.api.CitationMode;
import dev.springcohere.api.SafetyMode;
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
			.build();
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
