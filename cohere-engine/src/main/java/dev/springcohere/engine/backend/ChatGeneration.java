package dev.springcohere.engine.backend;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.BooleanSupplier;
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
import dev.springcohere.engine.decode.CohereModel;
import dev.springcohere.engine.decode.ConstrainedSampling;
import dev.springcohere.engine.decode.DecodeSession;
import dev.springcohere.engine.decode.Sampler;
import dev.springcohere.engine.decode.SamplingParams;
import dev.springcohere.engine.decode.TokenConstraint;
import dev.springcohere.engine.tokenizer.HfTokenizer;
import dev.springcohere.engine.tokenizer.StreamingDecoder;

/**
 * One chat generation, ready to run on a slot: the prompt's token ids, the limits and
 * sampling settings, and how to read citations. {@link #run} decodes token by token into
 * v2 stream events.
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
	 * Generates, emitting {@code message-start}, the parser's events and
	 * {@code message-end}; stops early without {@code message-end} when cancelled.
	 */
	void run(CohereModel model, HfTokenizer tokenizer, Set<Integer> stopTokenIds, FluxSink<StreamEvent> sink,
			BooleanSupplier cancelled) {
		sink.next(new StreamEvent.MessageStart(this.id, Role.ASSISTANT));
		DecodeSession session = model.newSession(this.maxContext);
		Sampler sampler = new Sampler(this.sampling);
		TokenConstraint constraint = (this.constraint != null) ? this.constraint.get() : null;
		float[] logits = session.prefill(this.promptIds);
		Emitter emitter = new Emitter(tokenizer, stopTokenIds, sink);
		while (true) {
			if (cancelled.getAsBoolean()) {
				return;
			}
			// tokens the constraint forces are fed together, in one batched pass
			// (jump-forward)
			int[] forced = ConstrainedSampling.forced(constraint, this.maxTokens - emitter.generated);
			if (forced.length > 0) {
				for (int id : forced) {
					if (emitter.emit(id)) {
						break;
					}
				}
				if (emitter.stopped != null) {
					break;
				}
				if (cancelled.getAsBoolean()) {
					return;
				}
				logits = session.prefill(forced);
				continue;
			}
			int next = ConstrainedSampling.next(sampler, logits, constraint, this.maxTokens - emitter.generated);
			if (emitter.emit(next)) {
				break;
			}
			if (cancelled.getAsBoolean()) {
				return;
			}
			logits = session.step(next);
		}
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
		double in = this.promptIds.length;
		double out = generated;
		Usage usage = new Usage(new Usage.BilledUnits(in, out, null, null), new Usage.Tokens(in, out), null);
		sink.next(messageEnd(this.id, parser.result(), stopped, usage));
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
