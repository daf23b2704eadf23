package dev.springcohere.engine.backend.output;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.springcohere.api.Citation;
import dev.springcohere.api.CitationType;
import dev.springcohere.api.ContentType;
import dev.springcohere.api.Source;
import dev.springcohere.api.StreamEvent;
import dev.springcohere.api.ToolCall;
import org.jspecify.annotations.Nullable;

/**
 * Incremental parser for one generation of a Cohere model: feed it the decoded text as it
 * comes (special tokens appear literally, such as {@code <|START_RESPONSE|>}) and it
 * returns the v2 stream events that are certain so far; after {@link #finish()},
 * {@link #result()} is the whole output. Not thread-safe.
 * <p>
 * The Command R7B output format: {@code <|START_THINKING|>plan<|END_THINKING|>} (the tool
 * plan, or a thinking block, see {@link ThinkingChannel}),
 * {@code <|START_ACTION|>[{"tool_call_id": "0", "tool_name": "f", "parameters":
 * {...}}]<|END_ACTION|>} (tool calls), {@code <|START_RESPONSE|>text<|END_RESPONSE|>}
 * (the answer), citation spans {@code <co>span</co: 0:[1,2]>} (see
 * {@link SourceResolver}) and {@code <|END_OF_TURN_TOKEN|>} (everything after it is
 * ignored). Text outside any section is taken as the response, with the whitespace around
 * it trimmed, so that plain-text models work; other special tokens ({@code <|...|>},
 * {@code <BOS_TOKEN>}, {@code <EOS_TOKEN>}) are dropped, and so is a {@code <|} that does
 * not begin one. The older Command R+ citation form {@code <co: 0,1>span</co: 0,1>} is
 * read too, and {@link OutputDialect#COMMAND_R_PLUS} reads the whole Command R/R+ format.
 * <p>
 * Events: text in {@code content-start}/{@code content-delta}/{@code content-end} (index
 * 0, or 1 after a thinking block), the plan in {@code tool-plan-delta}, each tool call as
 * {@code tool-call-start} (id, name, empty arguments), one {@code tool-call-delta} with
 * the arguments JSON and {@code tool-call-end} once its action is complete, and each
 * citation as {@code citation-start}/{@code citation-end} as soon as its span closes (the
 * platform's "fast" citation mode). Text deltas never contain markup: a suffix that could
 * still become a special token or a citation tag is held back until it is resolved. Never
 * emits {@code message-start} or {@code message-end}: the caller adds them, with
 * {@link ParsedOutput#finishReason}.
 * <p>
 * Malformed output never throws: an unclosed action or one whose JSON is not a list of
 * tool calls becomes response text, and {@link ParsedOutput#problem()} says what was
 * wrong; citation tags that cannot be matched are dropped, and a citation none of whose
 * sources resolve is left out.
 * <p>
 * Citation {@code start}/{@code end} count Unicode code points of the cleaned text of
 * their block (the text block, the thinking block or the tool plan), as the platform
 * (Python) does.
 * <p>
 * Its length is one incremental state machine over the model's output markup (thinking,
 * tool plan, actions, answer, citations), whose states must be read together.
 *
 * @since 0.1.0
 */
public final class StreamingOutputParser {

	private static final String START_THINKING = "<|START_THINKING|>";

	private static final String END_THINKING = "<|END_THINKING|>";

	private static final String START_ACTION = "<|START_ACTION|>";

	private static final String END_ACTION = "<|END_ACTION|>";

	private static final String START_RESPONSE = "<|START_RESPONSE|>";

	private static final String END_RESPONSE = "<|END_RESPONSE|>";

	private static final String END_OF_TURN = "<|END_OF_TURN_TOKEN|>";

	private static final String EOS = "<EOS_TOKEN>";

	private static final String DIRECTLY_ANSWER = "directly-answer";

	private static final String SPECIAL_TOKEN = "<\\|[A-Za-z0-9_]{1,64}\\|>|<(?:BOS|EOS)_TOKEN>";

	/** Special tokens: what ends an action. */
	private static final Pattern SPECIAL = Pattern.compile(SPECIAL_TOKEN);

	/** Special tokens and citation tags. */
	private static final Pattern MARKUP = Pattern
		.compile(SPECIAL_TOKEN + "|<co>|<co:[^<>|\\n]{0,256}>|</co(?::[^<>|\\n]{0,256})?>");

	private enum State {

		OUTSIDE, THINKING, ACTION, RESPONSE, ENDED

	}

	private enum Kind {

		PLAN, THINKING, TEXT

	}

	private final SourceResolver sources;

	private final ToolCallIdGenerator ids;

	private final ActionParser actions = new ActionParser();

	private final List<StreamEvent> events = new ArrayList<>();

	private final StringBuilder pending = new StringBuilder();

	private final StringBuilder action = new StringBuilder();

	private final StringBuilder heldWhitespace = new StringBuilder();

	private final Channel thinking;

	private final Channel text = new Channel(Kind.TEXT);

	private final List<ToolCall> toolCalls = new ArrayList<>();

	private final Set<String> usedIds = new LinkedHashSet<>();

	private final List<Citation> citations = new ArrayList<>();

	private final List<String> problems = new ArrayList<>();

	private State state = State.OUTSIDE;

	private int nextBlockIndex;

	private @Nullable Channel openBlock;

	private boolean finished;

	private final @Nullable CommandRPlusTranslator translator;

	/**
	 * Thinking came after the response text (malformed): it goes into the text, which
	 * must stay last.
	 */
	private boolean lateThinking;

	private final OutputDialect dialect;

	/**
	 * Creates a parser with random tool call ids that routes thinking into the tool plan.
	 * @param sources resolves citation references to sources
	 */
	public StreamingOutputParser(SourceResolver sources) {
		this(sources, ToolCallIdGenerator.random(), ThinkingChannel.TOOL_PLAN);
	}

	/**
	 * Creates a parser that routes thinking into the tool plan.
	 * @param sources resolves citation references to sources
	 * @param ids makes the v2 ids of tool calls, which must be unique in the conversation
	 * (for example {@link ToolCallIdGenerator#random()}, or
	 * {@link ToolCallIdGenerator#seeded(long)} for repeatable ids)
	 */
	public StreamingOutputParser(SourceResolver sources, ToolCallIdGenerator ids) {
		this(sources, ids, ThinkingChannel.TOOL_PLAN);
	}

	/**
	 * Creates a parser.
	 * @param sources resolves citation references to sources
	 * @param ids makes the v2 ids of tool calls
	 * @param thinking where thinking text goes: the tool plan (tool use) or a thinking
	 * content block (reasoning)
	 */
	public StreamingOutputParser(SourceResolver sources, ToolCallIdGenerator ids, ThinkingChannel thinking) {
		this(sources, ids, thinking, OutputDialect.COMMAND_R7B);
	}

	/**
	 * Creates a parser for a given output format.
	 * @param sources resolves citation references to sources
	 * @param ids makes the v2 ids of tool calls
	 * @param thinking where thinking text goes: the tool plan (tool use) or a thinking
	 * content block (reasoning)
	 * @param dialect the output format of the model; with
	 * {@link OutputDialect#COMMAND_R_PLUS} a {@code directly-answer} tool call is left
	 * out (the model means to answer without tools)
	 */
	public StreamingOutputParser(SourceResolver sources, ToolCallIdGenerator ids, ThinkingChannel thinking,
			OutputDialect dialect) {
		this.dialect = Objects.requireNonNull(dialect, "'dialect' must not be null");
		this.translator = (dialect == OutputDialect.COMMAND_R_PLUS) ? new CommandRPlusTranslator() : null;
		this.sources = Objects.requireNonNull(sources, "'sources' must not be null");
		this.ids = Objects.requireNonNull(ids, "'ids' must not be null");
		Objects.requireNonNull(thinking, "'thinking' must not be null");
		this.thinking = new Channel((thinking == ThinkingChannel.CONTENT) ? Kind.THINKING : Kind.PLAN);
	}

	/**
	 * Parses a whole generation at once (for answers that are not streamed).
	 * @param generated the decoded text of the whole generation, special tokens included
	 * @param sources resolves citation references to sources
	 * @param ids makes the v2 ids of tool calls
	 * @return the parsed output
	 */
	public static ParsedOutput parse(String generated, SourceResolver sources, ToolCallIdGenerator ids) {
		Objects.requireNonNull(generated, "'generated' must not be null");
		StreamingOutputParser parser = new StreamingOutputParser(sources, ids);
		parser.accept(generated);
		parser.finish();
		return parser.result();
	}

	/**
	 * Feeds the next decoded text (special tokens appear literally, e.g.
	 * {@code "<|START_RESPONSE|>"}); returns the v2 events that are now certain, in order
	 * (content-start/delta/end, tool-plan-delta, tool-call-start/delta/end,
	 * citation-start/end). Never message-start or message-end: the caller adds them.
	 * @param decodedText the next piece of decoded text, possibly empty
	 * @return the new events, possibly none
	 * @throws IllegalStateException if {@link #finish()} was already called
	 */
	public List<StreamEvent> accept(String decodedText) {
		Objects.requireNonNull(decodedText, "'decodedText' must not be null");
		if (this.finished) {
			throw new IllegalStateException("This parser has finished its generation; create a new "
					+ "StreamingOutputParser for the next one");
		}
		CommandRPlusTranslator rewrite = this.translator;
		this.pending.append((rewrite != null) ? rewrite.accept(decodedText) : decodedText);
		process(false);
		return drainEvents();
	}

	/**
	 * Ends the generation (EOS, stop, max tokens), flushing held-back text; returns the
	 * closing events. A second call returns no events.
	 * @return the closing events
	 */
	public List<StreamEvent> finish() {
		if (this.finished) {
			return List.of();
		}
		CommandRPlusTranslator rewrite = this.translator;
		if (rewrite != null) {
			this.pending.append(rewrite.finish());
		}
		process(true);
		if (this.state == State.ACTION) {
			failAction("unclosed action: the generation ended before <|END_ACTION|>");
			this.state = State.OUTSIDE;
		}
		this.heldWhitespace.setLength(0);
		closeBlock();
		this.finished = true;
		return drainEvents();
	}

	/**
	 * The whole parsed output after {@link #finish()}.
	 * @return the parsed output
	 * @throws IllegalStateException if {@link #finish()} has not been called
	 */
	public ParsedOutput result() {
		if (!this.finished) {
			throw new IllegalStateException("The output is not complete: call finish() before result()");
		}
		String thinkingText = this.thinking.started ? this.thinking.text.toString() : null;
		return new ParsedOutput(this.text.text.toString(), (this.thinking.kind == Kind.THINKING) ? thinkingText : null,
				(this.thinking.kind == Kind.PLAN) ? thinkingText : null, this.toolCalls, this.citations,
				this.problems.isEmpty() ? null : String.join("; ", this.problems));
	}

	private List<StreamEvent> drainEvents() {
		List<StreamEvent> out = List.copyOf(this.events);
		this.events.clear();
		return out;
	}

	private void process(boolean finishing) {
		String buffer = this.pending.toString();
		int length = buffer.length();
		int position = 0;
		while (position < length) {
			if (this.state == State.ENDED) {
				position = length;
				break;
			}
			int open = buffer.indexOf('<', position);
			if (open < 0) {
				text(buffer.substring(position));
				position = length;
				break;
			}
			if (open > position) {
				text(buffer.substring(position, open));
				position = open;
			}
			Matcher markup = ((this.state == State.ACTION) ? SPECIAL : MARKUP).matcher(buffer).region(open, length);
			if (markup.lookingAt()) {
				markup(markup.group());
				position = markup.end();
				continue;
			}
			if (markup.hitEnd()) {
				if (!finishing) {
					break;
				}
				if (length - open > 1) {
					// a partial special token or citation tag at the very end: markup,
					// never text
					position = length;
					break;
				}
			}
			if (buffer.startsWith("<|", open)) {
				// "<|" that does not make a special token is broken markup: dropped,
				// never text
				position = open + 2;
				continue;
			}
			text("<");
			position = open + 1;
		}
		this.pending.delete(0, position);
	}

	private void text(String fragment) {
		if (fragment.isEmpty()) {
			return;
		}
		switch (this.state) {
			case THINKING -> thinkingChannel().append(fragment);
			case RESPONSE -> this.text.append(fragment);
			case ACTION -> this.action.append(fragment);
			case OUTSIDE -> outsideText(fragment);
			case ENDED -> {
				// ignored
			}
		}
	}

	/**
	 * Text outside any section is the response, without the whitespace between sections.
	 */
	private void outsideText(String fragment) {
		int end = fragment.length();
		while (end > 0 && Character.isWhitespace(fragment.charAt(end - 1))) {
			end--;
		}
		if (end > 0) {
			String body = this.heldWhitespace + fragment.substring(0, end);
			this.heldWhitespace.setLength(0);
			this.text.append(this.text.text.isEmpty() ? body.stripLeading() : body);
		}
		this.heldWhitespace.append(fragment, end, fragment.length());
	}

	private void markup(String tag) {
		if (this.state == State.ACTION) {
			if (tag.equals(END_ACTION)) {
				completeAction();
				this.state = State.OUTSIDE;
				return;
			}
			failAction("unclosed action: " + tag + " came before <|END_ACTION|>");
			this.state = State.OUTSIDE;
		}
		if (tag.startsWith("<co") || tag.startsWith("</co")) {
			citationTag(tag);
			return;
		}
		switch (tag) {
			case START_THINKING, START_ACTION, START_RESPONSE, END_THINKING, END_RESPONSE, END_OF_TURN, EOS ->
				this.heldWhitespace.setLength(0);
			default -> {
				// other special tokens do not separate sections
			}
		}
		switch (tag) {
			case START_THINKING -> {
				if (this.thinking.kind == Kind.THINKING && this.text.started && !this.lateThinking) {
					this.lateThinking = true;
					this.problems.add("thinking after the response text: kept as response text");
				}
				this.state = State.THINKING;
			}
			case START_ACTION -> {
				this.action.setLength(0);
				this.state = State.ACTION;
			}
			case START_RESPONSE -> this.state = State.RESPONSE;
			case END_THINKING, END_RESPONSE -> this.state = State.OUTSIDE;
			case END_OF_TURN, EOS -> this.state = State.ENDED;
			default -> {
				// other special tokens carry nothing for the answer
			}
		}
	}

	private Channel thinkingChannel() {
		return this.lateThinking ? this.text : this.thinking;
	}

	private void citationTag(String tag) {
		Channel channel = (this.state == State.THINKING) ? thinkingChannel() : this.text;
		if (this.state == State.OUTSIDE && !this.heldWhitespace.isEmpty()) {
			if (!this.text.text.isEmpty()) {
				this.text.append(this.heldWhitespace.toString());
			}
			this.heldWhitespace.setLength(0);
		}
		if (tag.startsWith("<co")) {
			channel.openSpans.push(channel.text.length());
			return;
		}
		Integer start = channel.openSpans.poll();
		if (start == null) {
			return;
		}
		String refs = (tag.length() > "</co>".length()) ? tag.substring("</co:".length(), tag.length() - 1) : "";
		Set<Source> found = new LinkedHashSet<>();
		for (int[] ref : CitationRefs.parse(refs)) {
			Source source = this.sources.resolve(ref[0], ref[1]);
			if (source != null) {
				found.add(source);
			}
		}
		if (found.isEmpty()) {
			return;
		}
		String all = channel.text.toString();
		int end = all.length();
		Citation citation = new Citation(all.codePointCount(0, start), all.codePointCount(0, end),
				all.substring(start, end), List.copyOf(found), channel.blockIndex, channel.citationType());
		int index = this.citations.size();
		this.citations.add(citation);
		this.events.add(new StreamEvent.CitationStart(index, citation));
		this.events.add(new StreamEvent.CitationEnd(index));
	}

	private void completeAction() {
		String json = this.action.toString();
		this.action.setLength(0);
		ActionParser.Outcome outcome = this.actions.parse(json);
		if (outcome.problem() != null) {
			degradeAction(json, outcome.problem());
			return;
		}
		for (ActionParser.Call call : outcome.calls()) {
			if (this.dialect == OutputDialect.COMMAND_R_PLUS && DIRECTLY_ANSWER.equals(call.name())) {
				continue;
			}
			String id = this.ids.next(call.name());
			while (!this.usedIds.add(id)) {
				id = this.ids.next(call.name());
			}
			int index = this.toolCalls.size();
			this.toolCalls.add(ToolCall.of(id, call.name(), call.arguments()));
			this.events.add(new StreamEvent.ToolCallStart(index,
					new ToolCall(id, ToolCall.FUNCTION, new ToolCall.Function(call.name(), ""))));
			this.events.add(new StreamEvent.ToolCallDelta(index, call.arguments()));
			this.events.add(new StreamEvent.ToolCallEnd(index));
		}
	}

	private void failAction(String problem) {
		String json = this.action.toString();
		this.action.setLength(0);
		degradeAction(json, problem);
	}

	private void degradeAction(String json, String problem) {
		this.problems.add(problem);
		String raw = withoutMarkup(json).strip();
		if (!raw.isEmpty()) {
			this.text.append(this.text.text.isEmpty() ? raw : "\n" + raw);
		}
	}

	/**
	 * The text with special tokens, citation tags, broken {@code <|} and a partial tag at
	 * its end removed.
	 */
	private static String withoutMarkup(String text) {
		StringBuilder clean = new StringBuilder(text.length());
		int position = 0;
		while (position < text.length()) {
			int open = text.indexOf('<', position);
			if (open < 0) {
				clean.append(text, position, text.length());
				break;
			}
			clean.append(text, position, open);
			Matcher markup = MARKUP.matcher(text).region(open, text.length());
			if (markup.lookingAt()) {
				position = markup.end();
			}
			else if ((markup.hitEnd() && text.length() - open > 1) || text.startsWith("<|", open)) {
				position = markup.hitEnd() ? text.length() : open + 2;
			}
			else {
				clean.append('<');
				position = open + 1;
			}
		}
		return clean.toString();
	}

	private void openBlock(Channel channel) {
		if (this.openBlock == channel) {
			return;
		}
		closeBlock();
		if (channel.blockIndex == null) {
			channel.blockIndex = this.nextBlockIndex++;
			this.events.add((channel.kind == Kind.THINKING)
					? new StreamEvent.ContentStart(channel.blockIndex, ContentType.THINKING, null, "")
					: new StreamEvent.ContentStart(channel.blockIndex, ContentType.TEXT, "", null));
		}
		this.openBlock = channel;
	}

	private void closeBlock() {
		Channel open = this.openBlock;
		if (open != null) {
			this.events.add(new StreamEvent.ContentEnd(open.blockIndex));
			this.openBlock = null;
		}
	}

	/** One destination of text: the tool plan, the thinking block or the text block. */
	private final class Channel {

		private final Kind kind;

		private final StringBuilder text = new StringBuilder();

		private final Deque<Integer> openSpans = new ArrayDeque<>();

		private @Nullable Integer blockIndex;

		private boolean started;

		Channel(Kind kind) {
			this.kind = kind;
		}

		void append(String fragment) {
			if (fragment.isEmpty()) {
				return;
			}
			this.started = true;
			this.text.append(fragment);
			List<StreamEvent> out = StreamingOutputParser.this.events;
			// within one accept() call, consecutive text of the same block goes into one
			// delta
			StreamEvent last = out.isEmpty() ? null : out.get(out.size() - 1);
			switch (this.kind) {
				case PLAN -> {
					if (last instanceof StreamEvent.ToolPlanDelta delta && delta.toolPlan() != null) {
						out.set(out.size() - 1, new StreamEvent.ToolPlanDelta(delta.toolPlan() + fragment));
					}
					else {
						out.add(new StreamEvent.ToolPlanDelta(fragment));
					}
				}
				case THINKING -> {
					openBlock(this);
					if (last instanceof StreamEvent.ContentDelta delta && delta.thinking() != null
							&& Objects.equals(delta.index(), this.blockIndex)) {
						out.set(out.size() - 1,
								new StreamEvent.ContentDelta(this.blockIndex, null, delta.thinking() + fragment, null));
					}
					else {
						out.add(new StreamEvent.ContentDelta(this.blockIndex, null, fragment, null));
					}
				}
				case TEXT -> {
					openBlock(this);
					if (last instanceof StreamEvent.ContentDelta delta && delta.text() != null
							&& Objects.equals(delta.index(), this.blockIndex)) {
						out.set(out.size() - 1,
								new StreamEvent.ContentDelta(this.blockIndex, delta.text() + fragment, null, null));
					}
					else {
						out.add(new StreamEvent.ContentDelta(this.blockIndex, fragment, null, null));
					}
				}
			}
		}

		@Nullable CitationType citationType() {
			return switch (this.kind) {
				case PLAN -> CitationType.PLAN;
				case THINKING -> CitationType.THINKING_CONTENT;
				case TEXT -> CitationType.TEXT_CONTENT;
			};
		}

	}

}
