package dev.springcohere.backend;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.springcohere.api.AssistantMessage;
import dev.springcohere.api.ChatRequest;
import dev.springcohere.api.ChatResponse;
import dev.springcohere.api.TokenizeRequest;
import dev.springcohere.api.TokenizeResponse;
import dev.springcohere.api.UserMessage;

import static org.assertj.core.api.Assertions.assertThat;

class DelegatingCohereBackendTests {

	@Test
	void forwardsWhatItDoesNotOverrideAndLeavesTheDelegateOpen() {
		RecordingBackend delegate = new RecordingBackend();
		DelegatingCohereBackend decorator = new DelegatingCohereBackend(delegate) {
		};
		ChatRequest request = ChatRequest.builder().messages(UserMessage.of("hi")).build();

		assertThat(decorator.id()).isEqualTo("recording");
		assertThat(decorator.capabilities()).isEqualTo(delegate.capabilities());
		assertThat(decorator.chat(request)).isSameAs(delegate.answer);
		assertThat(decorator.tokenize(new TokenizeRequest("x", "m")).tokens()).containsExactly(7);
		decorator.close();

		assertThat(delegate.calls).containsExactly("chat", "tokenize");
		assertThat(delegate.closed).isFalse();
		assertThat(decorator.getDelegate()).isSameAs(delegate);
		assertThat(decorator.toString()).contains("RecordingBackend");
	}

	private static final class RecordingBackend implements CohereBackend {

		final List<String> calls = new ArrayList<>();

		final ChatResponse answer = new ChatResponse("a-1", null, AssistantMessage.of("hello"), null, List.of());

		boolean closed;

		@Override
		public String id() {
			return "recording";
		}

		@Override
		public Capabilities capabilities() {
			return Capabilities.of(Capability.CHAT, Capability.TOKENIZE);
		}

		@Override
		public ChatResponse chat(ChatRequest request) {
			this.calls.add("chat");
			return this.answer;
		}

		@Override
		public TokenizeResponse tokenize(TokenizeRequest request) {
			this.calls.add("tokenize");
			return new TokenizeResponse(List.of(7), List.of("x"), null);
		}

		@Override
		public void close() {
			this.closed = true;
		}

		@Override
		public String toString() {
			return "RecordingBackend";
		}

	}

}
