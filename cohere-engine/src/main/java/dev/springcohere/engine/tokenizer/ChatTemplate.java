package dev.springcohere.engine.tokenizer;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.el.JinjavaInterpreterResolver;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import jinjava.javax.el.CompositeELResolver;
import org.jspecify.annotations.Nullable;

/**
 * A Hugging Face chat template (Jinja), rendered as
 * {@code tokenizer.apply_chat_template(...)} renders it, so the prompt string matches
 * byte for byte.
 * <p>
 * Jinja2's whitespace options ({@code trim_blocks}, {@code lstrip_blocks}) and markers
 * are resolved by a pre-processing pass that follows Jinja2's lexer; Jinjava then renders
 * the result. On top of Jinjava it provides Hugging Face's {@code tojson} (Python's
 * {@code json.dumps} with {@code ensure_ascii=False}), Jinja2's {@code indent} and
 * {@code items} filters, the globals {@code raise_exception(message)} and
 * {@code strftime_now(format)}, and the Python string and dict methods templates call.
 * Instances are immutable and thread-safe.
 */
public final class ChatTemplate {

	private static final int MAX_MACRO_RECURSION_DEPTH = 64;

	private final String name;

	private final String source;

	private final String normalizedSource;

	private final @Nullable String bosToken;

	private final @Nullable String eosToken;

	private final Clock clock;

	private final Jinjava jinjava;

	/**
	 * Creates a template.
	 * @param name the template's name ({@code default}, {@code tool_use}, {@code rag}...)
	 * @param source the Jinja source
	 * @param bosToken the value of {@code bos_token}, or {@code null}
	 * @param eosToken the value of {@code eos_token}, or {@code null}
	 * @param clock the clock of {@code strftime_now}
	 * @throws ChatTemplateException if the source has an unclosed tag
	 */
	public ChatTemplate(String name, String source, @Nullable String bosToken, @Nullable String eosToken, Clock clock) {
		this.name = Objects.requireNonNull(name, "'name' must not be null");
		this.source = Objects.requireNonNull(source, "'source' must not be null");
		this.clock = Objects.requireNonNull(clock, "'clock' must not be null");
		this.bosToken = bosToken;
		this.eosToken = eosToken;
		try {
			this.normalizedSource = JinjaWhitespace.normalize(source);
		}
		catch (IllegalArgumentException ex) {
			throw new ChatTemplateException("Invalid chat template '" + name + "': " + ex.getMessage(), false, ex);
		}
		this.jinjava = createJinjava();
	}

	/**
	 * Creates a template with no special tokens, using the system clock.
	 * @param source the Jinja source
	 * @return the template
	 */
	public static ChatTemplate of(String source) {
		return new ChatTemplate("default", source, null, null, Clock.systemDefaultZone());
	}

	private static Jinjava createJinjava() {
		CompositeELResolver resolver = new CompositeELResolver();
		resolver.add(new PythonMethodResolver());
		resolver.add(JinjavaInterpreterResolver.DEFAULT_RESOLVER_READ_WRITE);
		JinjavaConfig config = JinjavaConfig.newBuilder()
			.withTrimBlocks(false)
			.withLstripBlocks(false)
			.withKeepTrailingNewline(true)
			.withFailOnUnknownTokens(false)
			.withNestedInterpretationEnabled(false)
			.withEnableRecursiveMacroCalls(true)
			.withMaxMacroRecursionDepth(MAX_MACRO_RECURSION_DEPTH)
			.withElResolver(resolver)
			.withLegacyOverrides(LegacyOverrides.newBuilder()
				.withUsePyishObjectMapper(true)
				.withKeepNullableLoopValues(true)
				.withUseNaturalOperatorPrecedence(true)
				.build())
			.build();
		Jinjava jinjava = new Jinjava(config);
		TemplateFilters.all().forEach(jinjava.getGlobalContext()::registerFilter);
		TemplateFunctions.all().forEach(jinjava.getGlobalContext()::registerFunction);
		return jinjava;
	}

	/**
	 * The template's name.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * The Jinja source as given.
	 * @return the source
	 */
	public String source() {
		return this.source;
	}

	/**
	 * Renders a conversation with the generation prompt, without tools or documents.
	 * @param messages the conversation, each message a map with {@code role} and
	 * {@code content}
	 * @return the prompt
	 * @throws ChatTemplateException if rendering fails or the template rejects the input
	 */
	public String render(List<? extends Map<String, ?>> messages) {
		return render(ChatTemplateRequest.builder(messages).build());
	}

	/**
	 * Renders a request.
	 * @param request the variables of the render
	 * @return the prompt
	 * @throws ChatTemplateException if rendering fails or the template rejects the input
	 */
	public String render(ChatTemplateRequest request) {
		Objects.requireNonNull(request, "'request' must not be null");
		Map<String, Object> context = new LinkedHashMap<>();
		context.put("messages", deepCopy(request.messages()));
		context.put("tools", deepCopy(request.tools()));
		context.put("documents", deepCopy(request.documents()));
		context.put("add_generation_prompt", request.addGenerationPrompt());
		context.put("bos_token", (this.bosToken != null) ? this.bosToken : "");
		context.put("eos_token", (this.eosToken != null) ? this.eosToken : "");
		request.extraVariables().forEach((key, value) -> context.put(key, deepCopy(value)));
		context.put(TemplateFunctions.CLOCK_VARIABLE, this.clock);
		RenderResult result;
		try {
			result = this.jinjava.renderForResult(this.normalizedSource, context);
		}
		catch (RuntimeException ex) {
			throw failure(List.of(), ex);
		}
		List<TemplateError> fatal = result.getErrors()
			.stream()
			.filter(error -> error.getSeverity() == TemplateError.ErrorType.FATAL)
			.toList();
		if (!fatal.isEmpty()) {
			throw failure(fatal, null);
		}
		return result.getOutput();
	}

	private ChatTemplateException failure(List<TemplateError> errors, @Nullable RuntimeException thrown) {
		List<Throwable> causes = new ArrayList<>();
		if (thrown != null) {
			causes.add(thrown);
		}
		errors.stream().map(TemplateError::getException).filter(Objects::nonNull).forEach(causes::add);
		for (Throwable cause : causes) {
			for (Throwable t = cause; t != null; t = t.getCause()) {
				if (t instanceof TemplateFunctions.TemplateRaisedException raised) {
					return new ChatTemplateException(
							"Chat template '" + this.name + "' rejected the input: " + raised.getMessage(), true,
							raised);
				}
			}
		}
		String details = errors.stream()
			.map(error -> "line " + error.getLineno() + ": " + error.getMessage())
			.collect(Collectors.joining("; "));
		if (details.isEmpty() && thrown != null) {
			details = String.valueOf(thrown.getMessage());
		}
		ChatTemplateException ex = new ChatTemplateException(
				"Failed to render chat template '" + this.name + "': " + details, false,
				causes.isEmpty() ? new IllegalStateException(details) : causes.get(0));
		return ex;
	}

	/**
	 * Copies maps and lists into mutable ones, as the Python objects a template works on.
	 */
	private static @Nullable Object deepCopy(@Nullable Object value) {
		if (value instanceof Map<?, ?> map) {
			Map<Object, Object> copy = new LinkedHashMap<>();
			map.forEach((k, v) -> copy.put(k, deepCopy(v)));
			return copy;
		}
		if (value instanceof Collection<?> collection) {
			List<Object> copy = new ArrayList<>(collection.size());
			collection.forEach(item -> copy.add(deepCopy(item)));
			return copy;
		}
		if (value instanceof Object[] array) {
			List<Object> copy = new ArrayList<>(array.length);
			for (Object item : array) {
				copy.add(deepCopy(item));
			}
			return copy;
		}
		return value;
	}

	@Override
	public String toString() {
		return "ChatTemplate[" + this.name + ", " + this.source.length() + " chars]";
	}

}
