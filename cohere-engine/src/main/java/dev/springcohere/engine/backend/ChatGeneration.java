package dev.springcohere.engine.backend;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import reactor.core.publisher.FluxSink;

import dev.springcohere.api.FinishReason;
import dev.springcohere.api.Role;
import dev.springcohere.api.StreamEvent;
import dev.springcohere.api.Usage;
import dev.springcohere.engine.backend.output.ParsedOutput;
import dev.springcohere.engine.backend.output.SourceResolver;
import dev.springcohere.engine.backend.output.StreamingOutputParser;
import dev.springcohere.engine.constrain.RequiredActionConstraint;
import dev.springcohere.engine.decode.ConstrainedSampling;
import dev.springcohere.engine.decode.Sampler;
import dev.springcohere.engine.decode.SamplingParams;
import dev.springcohere.engine.decode.TokenConstraint;
import dev.springcohere.engine.tokenizer.HfTokenizer;
import dev.springcohere.engine.tokenizer.StreamingDecoder;

/**
 * One chat generation, ready to be scheduled: the prompt's token ids, the limits and
 * sampling settings, and how to read citations. {@link #sequence} makes the per-request
 * state machine that the {@link GenerationScheduler}'s loop drives token by token into v2
 * stream events.
 *
 * @param id the response id
 * @param promptIds the rendered prompt's token ids
 * @param maxTokens the most tokens to generate
 * @param maxContext the context limit of the session
 * @param sampling the sampling settings
 * @param stopSequences strings that end generation (not included in the answer)
 * @param sources the citation resolver
 * @param tokenListener called with every sampled token id (tests)
 * @param constraint makes a fresh constraint for the run ({@code response_format},
 * {@code strict_tools}, {@code tool_choice}), or {@code null} for free generation
 */
record ChatGeneration(String id, int[] promptIds, int maxTokens, int maxContext, SamplingParams sampling,
		List<String> stopSequences, SourceResolver sources, IntConsumer tokenListener,
		@Nullable Supplier<TokenConstraint> constraint) {

	ChatGeneration {
		Objects.requireNonNull(id, "'id' must not be null");
		Objects.requireNonNull(promptIds, "'promptIds' must not be null");
		stopSequences = List.copyOf(stopSequences);
	}

	/**
	 * A fresh per-request state machine for the {@link GenerationScheduler}: it emits
	 * {@code message-start} when admitted, then, each time the scheduler hands it the
	 * logits after its last token, feeds the tokens the constraint forces (jump-forward)
	 * or samples one, emits the parser's events, and at the end {@code message-end} (or
	 * the error of an incomplete constrained answer).
	 * @param tokenizer decodes the tokens to text
	 * @param stopTokenIds ids that end generation
	 * @return the sequence
	 */
	GenerationScheduler.Sequence<StreamEvent> sequence(HfTokenizer tokenizer, Set<Integer> stopTokenIds) {
		return new ChatSequence(tokenizer, stopTokenIds);
	}

	/** The token-by-token logic of one chat generation, driven by the scheduler. */
	private final class ChatSequence implements GenerationScheduler.Sequence<StreamEvent> {

		private final HfTokenizer tokenizer;

		private final Set<Integer> stopTokenIds;

		private final Sampler sampler = new Sampler(ChatGeneration.this.sampling);

		private final @Nullable TokenConstraint constraint;

		private @Nullable Emitter emitter;

		ChatSequence(HfTokenizer tokenizer, Set<Integer> stopTokenIds) {
			this.tokenizer = tokenizer;
			this.stopTokenIds = stopTokenIds;
			this.constraint = (ChatGeneration.this.constraint != null) ? ChatGeneration.this.constraint.get() : null;
		}

		@Override
		public int[] prompt() {
			return ChatGeneration.this.promptIds;
		}

		@Override
		public int maxLength() {
			// the last token is never fed back
			return ChatGeneration.this.promptIds.length + ChatGeneration.this.maxTokens - 1;
		}

		@Override
		public void start(FluxSink<StreamEvent> sink) {
			sink.next(new StreamEvent.MessageStart(ChatGeneration.this.id, Role.ASSISTANT));
			this.emitter = new Emitter(this.tokenizer, this.stopTokenIds, sink);
		}

		@Override
		public int[] next(float[] logits, FluxSink<StreamEvent> sink) {
			Emitter emitter = Objects.requireNonNull(this.emitter, "'emitter' is set by start");
			int remaining = ChatGeneration.this.maxTokens - emitter.generated;
			// tokens the constraint forces are fed together, in one batched pass
			// (jump-forward)
			int[] forced = ConstrainedSampling.forced(this.constraint, remaining);
			if (forced.length > 0) {
				for (int id : forced) {
					if (emitter.emit(id)) {
						end(emitter, sink);
						return TokenConstraint.NO_TOKENS;
					}
				}
				return forced;
			}
			int next = ConstrainedSampling.next(this.sampler, logits, this.constraint, remaining);
			if (emitter.emit(next)) {
				end(emitter, sink);
				return TokenConstraint.NO_TOKENS;
			}
			return new int[] { next };
		}

		private void end(Emitter emitter, FluxSink<StreamEvent> sink) {
			FinishReason stopped = Objects.requireNonNull(emitter.stopped, "'stopped' must be set when the loop ends");
			int generated = emitter.generated;
			StreamingOutputParser parser = emitter.parser;
			StreamingDecoder decoder = emitter.decoder;
			StopSequenceFilter filter = emitter.filter;
			if (!filter.stopped()) {
				emit(sink, parser.accept(filter.accept(decoder.flush())));
				emit(sink, parser.accept(filter.finish()));
			}
			emit(sink, parser.finish());
			TokenConstraint constraint = this.constraint;
			if (constraint instanceof RequiredActionConstraint && !constraint.complete()) {
				sink.error(new LocalBackendException("Generation stopped (" + stopped + " after " + generated
						+ " tokens) before the tool call that tool_choice REQUIRED demands was complete; "
						+ ((stopped == FinishReason.MAX_TOKENS) ? "raise max_tokens" : "remove the stop sequences")
						+ " so that the tool plan and the action fit"));
				return;
			}
			if (constraint != null && !constraint.complete()) {
				sink.error(new LocalBackendException("Generation stopped (" + stopped + " after " + generated
						+ " tokens) before the schema-constrained JSON was complete, so the output would not validate; "
						+ ((stopped == FinishReason.MAX_TOKENS) ? "raise max_tokens" : "remove the stop sequences")
						+ " or simplify the schema"));
				return;
			}
			double in = ChatGeneration.this.promptIds.length;
			double out = generated;
			Usage usage = new Usage(new Usage.BilledUnits(in, out, null, null), new Usage.Tokens(in, out), null);
			sink.next(messageEnd(ChatGeneration.this.id, parser.result(), stopped, usage));
		}

	}

	/**
	 * Turns sampled or forced tokens into stream events, and says when generation stops.
	 */
	private final class Emitter {

		private final Set<Integer> stopTokenIds;

		private final FluxSink<StreamEvent> sink;

		private final StreamingOutputParser parser = new StreamingOutputParser(ChatGeneration.this.sources);

		private final StreamingDecoder decoder;

		private final StopSequenceFilter filter = new StopSequenceFilter(ChatGeneration.this.stopSequences);

		private int generated;

		private @Nullable FinishReason stopped;

		Emitter(HfTokenizer tokenizer, Set<Integer> stopTokenIds, FluxSink<StreamEvent> sink) {
			this.decoder = tokenizer.newStreamingDecoder(false);
			this.stopTokenIds = stopTokenIds;
			this.sink = sink;
		}

		/**
		 * Emits a token; {@code true} when generation stops after it ({@link #stopped}
		 * says why).
		 */
		boolean emit(int next) {
			this.generated++;
			ChatGeneration.this.tokenListener.accept(next);
			if (this.stopTokenIds.contains(next)) {
				this.stopped = FinishReason.COMPLETE;
				return true;
			}
			String text = this.filter.accept(this.decoder.next(next));
			ChatGeneration.emit(this.sink, this.parser.accept(text));
			if (this.filter.stopped()) {
				this.stopped = FinishReason.STOP_SEQUENCE;
				return true;
			}
			if (this.generated >= ChatGeneration.this.maxTokens) {
				this.stopped = FinishReason.MAX_TOKENS;
				return true;
			}
			return false;
		}

	}

	/**
	 * The closing event: the parser's finish reason ({@code TOOL_CALL} for tool calls),
	 * or {@code ERROR} with the problem as {@code error} when the output was malformed
	 * (unless decoding hit {@code max_tokens}, which explains a cut-off action by
	 * itself).
	 */
	static StreamEvent.MessageEnd messageEnd(String id, ParsedOutput output, FinishReason stopped, Usage usage) {
		FinishReason finish = output.finishReason(stopped);
		String error = null;
		if (output.malformed() && !FinishReason.MAX_TOKENS.equals(stopped)) {
			finish = FinishReason.ERROR;
			error = "The model's output was malformed and was returned as text: " + output.problem();
		}
		return new StreamEvent.MessageEnd(id, finish, usage, error);
	}

	private static void emit(FluxSink<StreamEvent> sink, List<StreamEvent> events) {
		for (StreamEvent event : events) {
			sink.next(event);
		}
	}

	/**
	 * Holds back the decoded text that could be the start of a stop sequence, and cuts
	 * the text where one appears.
	 */
	static final class StopSequenceFilter {

		private final List<String> stops;

		private final int holdBack;

		private final StringBuilder pending = new StringBuilder();

		private boolean stopped;

		StopSequenceFilter(List<String> stops) {
			this.stops = stops.stream().filter((stop) -> !stop.isEmpty()).toList();
			this.holdBack = this.stops.stream().mapToInt(String::length).max().orElse(1) - 1;
		}

		/**
		 * Adds decoded text and returns what is certain not to belong to a stop sequence.
		 */
		String accept(String text) {
			if (this.stopped) {
				return "";
			}
			if (this.stops.isEmpty()) {
				return text;
			}
			this.pending.append(text);
			int cut = -1;
			for (String stop : this.stops) {
				int at = this.pending.indexOf(stop);
				if (at >= 0 && (cut < 0 || at < cut)) {
					cut = at;
				}
			}
			if (cut >= 0) {
				this.stopped = true;
				String out = this.pending.substring(0, cut);
				this.pending.setLength(0);
				return out;
			}
			int safe = Math.max(0, this.pending.length() - this.holdBack);
			if (safe > 0 && Character.isHighSurrogate(this.pending.charAt(safe - 1))) {
				safe--;
			}
			String out = this.pending.substring(0, safe);
			this.pending.delete(0, safe);
			return out;
		}

		/** Returns the text still held back, at the end of generation. */
		String finish() {
			String out = this.stopped ? "" : this.pending.toString();
			this.pending.setLength(0);
			return out;
		}

		boolean stopped() {
			return this.stopped;
		}

	}

}
