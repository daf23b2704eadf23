package dev.springcohere.engine.constrain;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import dev.springcohere.engine.constrain.Spec.AnyOfSpec;
import dev.springcohere.engine.constrain.Spec.ArraySpec;
import dev.springcohere.engine.constrain.Spec.LiteralSpec;
import dev.springcohere.engine.constrain.Spec.ObjectSpec;
import dev.springcohere.engine.constrain.Spec.Property;

/**
 * A compiled JSON grammar: the values a schema allows, as a byte-level automaton
 * ({@link #start()}, {@link #advance}). Immutable and thread-safe; compile once per
 * schema and share.
 *
 * @since 0.1.0
 */
public final class JsonGrammar {

	private final Spec root;

	private final GrammarState start;

	private volatile @Nullable Completions completions;

	private JsonGrammar(Spec root) {
		this.root = root;
		this.start = new GrammarState(new ParseStack[] { JsonMatcher.start(root) });
	}

	/**
	 * Compiles a JSON schema of the supported subset.
	 * @param schema the schema
	 * @return the grammar of the values that validate against it
	 * @throws UnsupportedSchemaException naming the keyword, if the schema uses something
	 * unsupported or allows no value
	 */
	public static JsonGrammar compile(JsonNode schema) {
		Objects.requireNonNull(schema, "'schema' must not be null");
		return new JsonGrammar(SchemaCompiler.compile(schema));
	}

	/**
	 * The grammar of any JSON object nested at most five levels, with strings of any
	 * length (JSON mode without a schema).
	 * @return the grammar
	 */
	public static JsonGrammar anyObject() {
		return new JsonGrammar(SchemaCompiler.anyObject());
	}

	/**
	 * The grammar of a Command R7B action: a non-empty JSON list of
	 * {@code {"tool_call_id": "0", "tool_name": "<a tool>", "parameters": {...}}} whose
	 * parameters follow that tool's schema.
	 * @param toolSchemas each tool's parameter schema by name, in request order
	 * @return the grammar
	 * @throws UnsupportedSchemaException naming the tool and keyword, if a schema is
	 * unsupported
	 */
	public static JsonGrammar toolCalls(Map<String, JsonNode> toolSchemas) {
		if (toolSchemas.isEmpty()) {
			throw new IllegalArgumentException("strict tool calls need at least one tool");
		}
		List<Spec> calls = new ArrayList<>();
		StringSpec id = new StringSpec(RegexCompiler.compile("[0-9]{1,3}", "pattern", ""));
		for (Map.Entry<String, JsonNode> tool : new LinkedHashMap<>(toolSchemas).entrySet()) {
			Spec parameters;
			try {
				parameters = SchemaCompiler.compile(tool.getValue());
			}
			catch (UnsupportedSchemaException ex) {
				throw new UnsupportedSchemaException(ex.keyword(),
						"tools[" + tool.getKey() + "].parameters" + ex.location(),
						ex.getMessage().substring(ex.getMessage().indexOf("': ") + 3));
			}
			LiteralSpec name = new LiteralSpec(
					new byte[][] { ("\"" + tool.getKey().replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
						.getBytes(StandardCharsets.UTF_8) });
			List<Property> properties = List.of(property("tool_call_id", id), property("tool_name", name),
					property("parameters", parameters));
			calls.add(satisfied(new ObjectSpec(properties, null, true, 0, -1, Layout.ACTION_CALL)));
			satisfied(name);
		}
		satisfied(id);
		Spec call = (calls.size() == 1) ? calls.get(0) : satisfied(new AnyOfSpec(calls));
		return new JsonGrammar(satisfied(new ArraySpec(List.of(), call, 1, -1, false, Layout.ACTION_LIST)));
	}

	private static Property property(String name, Spec spec) {
		return new Property(name, ("\"" + name + "\"").getBytes(StandardCharsets.UTF_8), spec, true);
	}

	private static Spec satisfied(Spec spec) {
		spec.satisfiable = true;
		return spec;
	}

	/** The shortest completions of this grammar's states (built on first use). */
	Completions completions() {
		Completions c = this.completions;
		if (c == null) {
			c = new Completions(this.root);
			this.completions = c;
		}
		return c;
	}

	/**
	 * The state before the first byte.
	 * @return the start state
	 */
	public GrammarState start() {
		return this.start;
	}

	/**
	 * The state after some bytes.
	 * @param state the current state
	 * @param bytes the bytes
	 * @return the next state, or {@code null} when the bytes are not allowed
	 */
	public @Nullable GrammarState advance(GrammarState state, byte[] bytes) {
		GrammarState s = state;
		for (int i = 0; i < bytes.length && s != null; i++) {
			s = s.step(bytes[i] & 0xFF);
		}
		return s;
	}

	/**
	 * Whether a complete text is a value of this grammar.
	 * @param text the text
	 * @return {@code true} when the grammar accepts exactly this text
	 */
	public boolean matches(String text) {
		GrammarState s = advance(this.start, text.getBytes(StandardCharsets.UTF_8));
		return s != null && s.accepting();
	}

	@Override
	public String toString() {
		return "JsonGrammar[" + this.root.getClass().getSimpleName() + "]";
	}

}
