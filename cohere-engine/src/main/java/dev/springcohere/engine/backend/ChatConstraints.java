package dev.springcohere.engine.backend;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

import dev.springcohere.api.ChatRequest;
import dev.springcohere.api.ResponseFormat;
import dev.springcohere.api.ResponseFormatType;
import dev.springcohere.api.Tool;
import dev.springcohere.api.ToolChoice;
import dev.springcohere.engine.constrain.ExcludedTokensConstraint;
import dev.springcohere.engine.constrain.GrammarMasker;
import dev.springcohere.engine.constrain.JsonConstraint;
import dev.springcohere.engine.constrain.JsonGrammar;
import dev.springcohere.engine.constrain.RequiredActionConstraint;
import dev.springcohere.engine.constrain.RequiredActionConstraint.ActionTokens;
import dev.springcohere.engine.constrain.TokenTrie;
import dev.springcohere.engine.constrain.UnsupportedSchemaException;
import dev.springcohere.engine.decode.TokenConstraint;
import dev.springcohere.engine.tokenizer.HfTokenizer;
import dev.springcohere.engine.tokenizer.SpecialTokenIds;

/**
 * Builds the decoding constraint of a chat request for one chat model:
 * {@code response_format} {@code json_object} (with or without a schema),
 * {@code strict_tools}, and {@code tool_choice} {@code REQUIRED} or {@code NONE}. Keeps
 * what is costly to build and the same for many requests: the compiled grammars with
 * their masks (at most {@value #MAX_CACHED_GRAMMARS}), the vocabulary's token trie and
 * the set of ordinary tokens a tool plan may use.
 * <p>
 * Thread-safe: the caches are concurrent and the lazily built parts are built once.
 */
final class ChatConstraints {

	/** The most compiled grammars kept (with their masks). */
	private static final int MAX_CACHED_GRAMMARS = 64;

	/**
	 * The parameters of a tool whose schema constrained decoding cannot enforce (without
	 * strict_tools).
	 */
	private static final JsonNode ANY_OBJECT_SCHEMA = JsonNodeFactory.instance.objectNode().put("type", "object");

	private final HfTokenizer tokenizer;

	private final Set<Integer> stopTokenIds;

	private final String modelName;

	private final Map<String, GrammarMasker> grammars = new ConcurrentHashMap<>();

	private @Nullable TokenTrie trie;

	private long @Nullable [] planText;

	/**
	 * Creates the constraints of a chat model.
	 * @param tokenizer the model's tokenizer (its special tokens mark actions and plans)
	 * @param stopTokenIds the tokens that end a turn
	 * @param modelName the model's name, for messages
	 */
	ChatConstraints(HfTokenizer tokenizer, Set<Integer> stopTokenIds, String modelName) {
		this.tokenizer = Objects.requireNonNull(tokenizer, "'tokenizer' must not be null");
		this.stopTokenIds = Set.copyOf(stopTokenIds);
		this.modelName = Objects.requireNonNull(modelName, "'modelName' must not be null");
	}

	/**
	 * The constraint of a request: the whole answer for {@code response_format}
	 * {@code json_object}, no action for {@code tool_choice} {@code NONE}, one action at
	 * least for {@code REQUIRED}, the actions for {@code strict_tools}; {@code null} for
	 * free text. Compiles (or takes from the cache) the grammar now, so that an
	 * unsupported schema fails before anything is queued.
	 */
	@Nullable Supplier<TokenConstraint> of(ChatRequest request) {
		ToolChoice choice = request.toolChoice();
		if (choice != null) {
			checkToolChoice(request, choice);
		}
		ResponseFormat format = request.responseFormat();
		boolean json = format != null && ResponseFormatType.JSON_OBJECT.equals(format.type());
		boolean strict = Boolean.TRUE.equals(request.strictTools()) && !request.tools().isEmpty();
		if (json) {
			if (!request.tools().isEmpty() || !request.documents().isEmpty()) {
				throw new IllegalArgumentException("response_format json_object is not supported together with "
						+ "'tools' or 'documents' (as on the Cohere platform); send one or the other");
			}
			JsonNode schema = format.jsonSchema();
			GrammarMasker masker = masker("response_format:" + ((schema != null) ? schema.toString() : ""), () -> {
				if (schema == null) {
					return JsonGrammar.anyObject();
				}
				if (!"object".equals(schema.path("type").asString(""))) {
					throw new UnsupportedSchemaException("type", "", "the top-level type of a response_format "
							+ "json_schema must be 'object' (as on the Cohere platform)");
				}
				return JsonGrammar.compile(schema);
			});
			int[] prefix = idOf(this.tokenizer.specialTokens().startResponse());
			int[] suffix = idOf(this.tokenizer.specialTokens().endResponse());
			Set<Integer> ends = this.stopTokenIds;
			return () -> JsonConstraint.wholeOutput(masker, prefix, suffix, ends);
		}
		if (ToolChoice.NONE.equals(choice)) {
			// the tools are not rendered; where the model has action tokens, none may
			// start (an END_ACTION outside
			// an action would mean nothing either); a model without them has no way to
			// call a tool
			SpecialTokenIds special = this.tokenizer.specialTokens();
			if (special.startAction().isEmpty() || special.endAction().isEmpty()) {
				return null;
			}
			TokenConstraint none = new ExcludedTokensConstraint(special.startAction().getAsInt(),
					special.endAction().getAsInt());
			return () -> none;
		}
		if (ToolChoice.REQUIRED.equals(choice)) {
			return requiredAction(request);
		}
		if (strict) {
			OptionalInt start = this.tokenizer.specialTokens().startAction();
			OptionalInt end = this.tokenizer.specialTokens().endAction();
			if (start.isEmpty() || end.isEmpty()) {
				throw new IllegalArgumentException("strict_tools needs a model that writes tool calls between "
						+ "<|START_ACTION|> and <|END_ACTION|> (Command R7B and newer); '" + this.modelName
						+ "' has no such tokens; leave strict_tools unset");
			}
			Map<String, JsonNode> schemas = new LinkedHashMap<>();
			for (Tool tool : request.tools()) {
				Tool.Function function = tool.function();
				if (function != null) {
					schemas.put(function.name(), function.parameters());
				}
			}
			GrammarMasker masker = masker("strict_tools:" + schemas, () -> JsonGrammar.toolCalls(schemas));
			return () -> JsonConstraint.triggered(masker, start.getAsInt(), end.getAsInt());
		}
		return null;
	}

	/**
	 * Rejects a {@code tool_choice} the local backend cannot honour: an unknown value,
	 * {@code REQUIRED} without tools (as the platform does), or {@code REQUIRED} on a
	 * model without action tokens. {@code NONE} is honoured on every model (the agent's
	 * final answer step sends it), since the tools are then left out of the prompt.
	 */
	private void checkToolChoice(ChatRequest request, ToolChoice choice) {
		if (!ToolChoice.REQUIRED.equals(choice) && !ToolChoice.NONE.equals(choice)) {
			throw new IllegalArgumentException("'tool_choice' must be REQUIRED or NONE but was '" + choice.value()
					+ "'; leave it unset to let the model choose");
		}
		if (ToolChoice.REQUIRED.equals(choice) && request.tools().isEmpty()) {
			throw new IllegalArgumentException("'tool_choice' REQUIRED needs 'tools': the model must call one of "
					+ "them, but the request has none; add the tools or leave 'tool_choice' unset");
		}
		SpecialTokenIds special = this.tokenizer.specialTokens();
		if (ToolChoice.REQUIRED.equals(choice) && (special.startAction().isEmpty() || special.endAction().isEmpty())) {
			throw new IllegalArgumentException("'tool_choice' " + choice.value() + " needs a model that writes tool "
					+ "calls between <|START_ACTION|> and <|END_ACTION|> (Command R7B and newer, as on the Cohere "
					+ "platform); '" + this.modelName + "' has no such tokens; leave 'tool_choice' unset");
		}
	}

	/**
	 * {@code tool_choice: REQUIRED}: an optional tool plan, then one action whose calls
	 * name the request's tools with parameters that follow each tool's schema. With
	 * {@code strict_tools} an unsupported schema fails the request; without it, that
	 * tool's parameters are only held to a JSON object.
	 */
	private Supplier<TokenConstraint> requiredAction(ChatRequest request) {
		boolean strict = Boolean.TRUE.equals(request.strictTools());
		Map<String, JsonNode> schemas = new LinkedHashMap<>();
		for (Tool tool : request.tools()) {
			Tool.Function function = tool.function();
			if (function != null) {
				schemas.put(function.name(), function.parameters());
			}
		}
		if (schemas.isEmpty()) {
			throw new IllegalArgumentException("'tool_choice' REQUIRED needs function tools, but 'tools' has none");
		}
		// with strict_tools the grammar is the strict one, shared with requests without
		// tool_choice
		GrammarMasker masker = masker((strict ? "strict_tools:" : "required_action:") + schemas, () -> {
			Map<String, JsonNode> enforced = new LinkedHashMap<>(schemas);
			if (!strict) {
				enforced.replaceAll((name, schema) -> supported(schema) ? schema : ANY_OBJECT_SCHEMA);
			}
			return JsonGrammar.toolCalls(enforced);
		});
		SpecialTokenIds special = this.tokenizer.specialTokens();
		boolean plan = special.startThinking().isPresent() && special.endThinking().isPresent();
		ActionTokens tokens = new ActionTokens(plan ? special.startThinking().getAsInt() : -1,
				plan ? special.endThinking().getAsInt() : -1, special.startAction().getAsInt(),
				special.endAction().getAsInt());
		long[] planText = planText();
		Set<Integer> ends = this.stopTokenIds;
		return () -> new RequiredActionConstraint(masker, tokens, planText, ends);
	}

	private static boolean supported(JsonNode schema) {
		try {
			JsonGrammar.compile(schema);
			return true;
		}
		catch (UnsupportedSchemaException ex) {
			return false;
		}
	}

	/** The ordinary (non-special) tokens of the vocabulary as a bitset, computed once. */
	private long[] planText() {
		synchronized (this.grammars) {
			if (this.planText == null) {
				int size = this.tokenizer.vocabSize();
				long[] bits = new long[(size + 63) >>> 6];
				for (int id = 0; id < size; id++) {
					if (!this.tokenizer.isSpecial(id)) {
						bits[id >>> 6] |= 1L << id;
					}
				}
				this.planText = bits;
			}
			return this.planText;
		}
	}

	private static int[] idOf(OptionalInt id) {
		return id.isPresent() ? new int[] { id.getAsInt() } : new int[0];
	}

	/**
	 * A masker from the cache of compiled grammars (which also keeps their masks),
	 * compiling on a miss.
	 */
	private GrammarMasker masker(String key, Supplier<JsonGrammar> compile) {
		GrammarMasker cached = this.grammars.get(key);
		if (cached != null) {
			return cached;
		}
		GrammarMasker masker = new GrammarMasker(compile.get(), trie());
		if (this.grammars.size() >= MAX_CACHED_GRAMMARS) {
			this.grammars.clear();
		}
		this.grammars.put(key, masker);
		return masker;
	}

	private TokenTrie trie() {
		synchronized (this.grammars) {
			if (this.trie == null) {
				this.trie = TokenTrie.of(this.tokenizer);
			}
			return this.trie;
		}
	}

}
