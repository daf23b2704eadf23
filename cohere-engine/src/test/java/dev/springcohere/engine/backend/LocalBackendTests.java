package dev.springcohere.engine.backend;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.springcohere.api.ChatRequest;
import dev.springcohere.api.ChatResponse;
import dev.springcohere.api.ChatStreamAccumulator;
import dev.springcohere.api.DetokenizeRequest;
import dev.springcohere.api.Document;
import dev.springcohere.api.EmbedRequest;
import dev.springcohere.api.FinishReason;
import dev.springcohere.api.StreamEvent;
import dev.springcohere.api.TokenizeRequest;
import dev.springcohere.api.TokenizeResponse;
import dev.springcohere.api.UserMessage;
import dev.springcohere.api.error.CohereInvalidRequestException;
import dev.springcohere.api.error.CohereNotFoundException;
import dev.springcohere.api.error.UnsupportedCapabilityException;
import dev.springcohere.backend.Capability;
import dev.springcohere.backend.CohereBackend;
import dev.springcohere.backend.DelegatingCohereBackend;
import dev.springcohere.client.CohereClient;
import dev.springcohere.engine.cpu.VectorKernels;
import dev.springcohere.engine.decode.CohereModel;
import dev.springcohere.engine.decode.Generator;
import dev.springcohere.engine.decode.SamplingParams;
import dev.springcohere.engine.model.Fixtures;
import dev.springcohere.engine.model.ModelWeights;
import dev.springcohere.engine.server.CohereCompatibleServer;
import dev.springcohere.engine.tokenizer.HfTokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * End to end on the tiny fixtures (tiny-cohere2 + tiny-tokenizer): the output is
 * gibberish, but the pipeline from a v2 request through the chat template, generation and
 * the output parser back to v2 events works.
 */
class LocalBackendTests {

	private static final Set<FinishReason> FINISHES = Set.of(FinishReason.COMPLETE, FinishReason.MAX_TOKENS,
			FinishReason.STOP_SEQUENCE, FinishReason.TOOL_CALL, FinishReason.ERROR);

	@TempDir
	static Path dir;

	private static Path checkpoint;

	private static LocalBackend backend;

	@BeforeAll
	static void load() {
		checkpoint = checkpoint(dir.resolve("tiny"));
		backend = LocalBackend.builder(checkpoint).modelName("tiny").threads(1).build();
	}

	@AfterAll
	static void close() {
		backend.close();
	}

	/**
	 * The tiny chat model with the tiny tokenizer; {@code max_position_embeddings} is
	 * raised to 8192 because the R7B template renders over a thousand tokens with the
	 * 512-token vocabulary (over four thousand with tools and documents).
	 */
	static Path checkpoint(Path target) {
		return Fixtures.checkpointWithTokenizer("tiny-cohere2", target, 8192);
	}

	private static ChatRequest greedy(int maxTokens) {
		return ChatRequest.builder().messages(UserMessage.of("Hello")).temperature(0.0).maxTokens(maxTokens).build();
	}

	@Test
	void streamIsWellFormedAndAccumulatesToTheChatAnswer() {
		ChatRequest request = greedy(12);
		List<StreamEvent> events = backend.chatStream(request).collectList().block();
		assertThat(events).isNotEmpty();
		assertThat(events.get(0)).isInstanceOf(StreamEvent.MessageStart.class);
		assertThat(events.get(events.size() - 1)).isInstanceOfSatisfying(StreamEvent.MessageEnd.class, (end) -> {
			assertThat(end.usage()).isNotNull();
			assertThat(end.usage().inputTokens()).isEqualTo(prompt(request).length);
			assertThat(end.usage().outputTokens()).isBetween(1L, 12L);
			assertThat(end.finishReason()).isIn(FINISHES);
		});
		assertThat(events.stream().filter(StreamEvent.MessageStart.class::isInstance)).hasSize(1);
		assertThat(events.stream().filter(StreamEvent.MessageEnd.class::isInstance)).hasSize(1);
		ChatStreamAccumulator accumulator = new ChatStreamAccumulator();
		events.forEach(accumulator::accept);
		ChatResponse streamed = accumulator.partialResult();
		ChatResponse chat = backend.chat(request);
		assertThat(chat.message()).isEqualTo(streamed.message());
		assertThat(chat.finishReason()).isEqualTo(streamed.finishReason());
		assertThat(chat.usage()).isEqualTo(streamed.usage());
	}

	@Test
	void greedyTokensAreTheGeneratorsTokens() {
		ChatRequest request = greedy(16);
		List<Integer> sampled = new ArrayList<>();
		backend.rawStream(request, sampled::add).blockLast();
		int[] prompt = prompt(request);
		try (HfTokenizer tokenizer = HfTokenizer.load(checkpoint);
				ModelWeights weights = ModelWeights.open(checkpoint);
				VectorKernels kernels = new VectorKernels(1)) {
			Set<Integer> stops = new HashSet<>(weights.stopTokenIds());
			tokenizer.specialTokens().endOfTurn().ifPresent(stops::add);
			List<Integer> expected = new Generator(new CohereModel(weights, kernels)).generate(prompt, 16,
					SamplingParams.greedy(), stops);
			assertThat(sampled).isEqualTo(expected);
		}
	}

	@Test
	void maxTokensStopsGeneration() {
		ChatRequest request = greedy(1);
		ChatResponse response = backend.chat(request);
		assertThat(response.usage().outputTokens()).isEqualTo(1);
	}

	@Test
	void toolsAndDocumentsRenderAndRun() {
		ChatRequest request = ChatRequest.builder()
			.messages(UserMessage.of("Any fitness perks? Also weather in Paris."))
			.tools(ChatTemplateMapperTests.tools())
			.documents(Document.of("d1", java.util.Map.of("text", "We offer gym memberships.")))
			.temperature(0.0)
			.maxTokens(6)
			.build();
		List<StreamEvent> events = backend.chatStream(request).onErrorComplete().collectList().block();
		assertThat(events.get(0)).isInstanceOf(StreamEvent.MessageStart.class);
		assertThat(events.get(events.size() - 1)).isInstanceOfSatisfying(StreamEvent.MessageEnd.class,
				(end) -> assertThat(end.usage().inputTokens()).isGreaterThan(4000));
		ChatResponse response = backend.chat(request);
		assertThat(response.finishReason()).isIn(FINISHES);
	}

	@Test
	void clientBuiltWithTheBackendChats() {
		CohereClient client = CohereClient.builder().backend(backend).build();
		ChatResponse response = client.chat(greedy(4));
		assertThat(response.usage().outputTokens()).isBetween(1L, 4L);
		assertThat(client.chatStream(greedy(4)).collectList().block()).last()
			.isInstanceOf(StreamEvent.MessageEnd.class);
	}

	@Test
	void serveAnswersClientMistakesWith4xxThatTheClientDoesNotRetry() throws Exception {
		AtomicInteger chats = new AtomicInteger();
		CohereBackend counting = new DelegatingCohereBackend(backend) {

			@Override
			public ChatResponse chat(ChatRequest request) {
				chats.incrementAndGet();
				return super.chat(request);
			}

			@Override
			public void close() {
			}

		};
		try (CohereCompatibleServer server = CohereCompatibleServer.start(counting,
				new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
				CohereClient client = CohereClient.builder()
					.backendId("private")
					.baseUrl(server.baseUrl())
					.environment((name) -> null)
					.build()) {
			assertThatThrownBy(() -> client.chat(greedy(4).mutate().model("command-r-plus").build()))
				.isInstanceOfSatisfying(CohereNotFoundException.class,
						(ex) -> assertThat(ex.getCohereMessage()).contains("command-r-plus"));
			assertThatThrownBy(() -> client.chat(greedy(8000))).isInstanceOfSatisfying(
					CohereInvalidRequestException.class,
					(ex) -> assertThat(ex.getCohereMessage()).contains("context limit of 8192"));
		}
		assertThat(chats).as("each mistake reaches the backend once: 4xx are not retried").hasValue(2);
	}

	@Test
	void rejectsAnotherModelAndRequestsThatDoNotFit() {
		assertThatThrownBy(() -> backend.chat(greedy(4).mutate().model("command-r-plus").build()))
			.isInstanceOf(CohereNotFoundException.class)
			.hasMessageContaining("'tiny'")
			.hasMessageContaining("command-r-plus");
		assertThat(backend.chat(greedy(2).mutate().model("tiny").build()).usage().outputTokens()).isPositive();
		assertThatThrownBy(() -> backend.chat(greedy(8000))).isInstanceOf(CohereInvalidRequestException.class)
			.hasMessageContaining("context limit of 8192")
			.hasMessageContaining("cohere.local.max-context");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> backend.chat(greedy(2).mutate().frequencyPenalty(0.5).build()))
			.withMessageContaining("frequency_penalty");
	}

	@Test
	void stopSequenceEndsTheAnswer() {
		String text = backend.chat(greedy(12)).text();
		if (text.length() >= 2) {
			String stop = text.substring(1, 2);
			ChatResponse stopped = backend.chat(greedy(12).mutate().stopSequences(List.of(stop)).build());
			assertThat(stopped.finishReason()).isIn(FinishReason.STOP_SEQUENCE, FinishReason.ERROR,
					FinishReason.COMPLETE);
			assertThat(stopped.text()).doesNotContain(stop);
		}
	}

	@Test
	void aSeedMakesSamplingReproducibleAndBadSamplingSettingsFailClearly() {
		ChatRequest sampled = ChatRequest.builder()
			.messages(UserMessage.of("Hello"))
			.temperature(1.5)
			.k(50)
			.p(0.9)
			.seed(42L)
			.maxTokens(8)
			.build();
		assertThat(backend.chat(sampled).message()).isEqualTo(backend.chat(sampled).message());
		assertThatIllegalArgumentException().isThrownBy(() -> backend.chat(greedy(2).mutate().p(0.0).build()))
			.withMessageContaining("'p'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> backend.chat(greedy(2).mutate().temperature(-1.0).build()))
			.withMessageContaining("'temperature'");
		assertThatIllegalArgumentException().isThrownBy(() -> backend.chat(greedy(2).mutate().maxTokens(0).build()))
			.withMessageContaining("'max_tokens'");
	}

	@Test
	void tokenizesAndDetokenizesWithTheChatModelsTokenizer() {
		TokenizeResponse tokens = backend.tokenize(new TokenizeRequest("Hello world", null));
		assertThat(tokens.tokens()).isNotEmpty().hasSameSizeAs(tokens.tokenStrings());
		assertThat(backend.detokenize(new DetokenizeRequest(tokens.tokens(), null)).text()).isEqualTo("Hello world");
	}

	@Test
	void offersEmbedAndRerankOnlyWhenConfigured() {
		assertThat(backend.capabilities().asSet()).containsExactlyInAnyOrder(Capability.CHAT, Capability.CHAT_STREAM,
				Capability.TOKENIZE, Capability.DETOKENIZE);
		assertThatThrownBy(() -> backend.embed(EmbedRequest.builder().texts(List.of("a")).build()))
			.isInstanceOf(UnsupportedCapabilityException.class);
	}

	private static int[] prompt(ChatRequest request) {
		try (HfTokenizer tokenizer = HfTokenizer.load(checkpoint)) {
			return tokenizer.encodeChat(new ChatTemplateMapper().map(request).templateRequest());
		}
	}

}
