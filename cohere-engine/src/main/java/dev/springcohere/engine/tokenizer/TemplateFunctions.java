package dev.springcohere.engine.tokenizer;

import java.lang.reflect.Method;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import org.jspecify.annotations.Nullable;

/**
 * The global functions Hugging Face adds to the template environment,
 * {@code raise_exception(message)} and {@code strftime_now(format)}, plus the two that
 * {@link JinjaExpressions} rewrites {@code {{ ... }}} and unary {@code not} into.
 */
final class TemplateFunctions {

	/** The context variable holding the clock of {@code strftime_now}. */
	static final String CLOCK_VARIABLE = "__springcohere_clock__";

	private TemplateFunctions() {
	}

	/**
	 * The function definitions to register.
	 * @return the definitions
	 */
	static List<ELFunctionDefinition> all() {
		return List.of(define("raise_exception", "raiseException", String.class),
				define("strftime_now", "strftimeNow", String.class),
				define(JinjaExpressions.PRINT_FUNCTION, "pythonStr", Object.class),
				define(JinjaExpressions.NOT_FUNCTION, "pythonNot", Object.class));
	}

	private static ELFunctionDefinition define(String name, String javaName, Class<?> parameterType) {
		try {
			Method method = TemplateFunctions.class.getDeclaredMethod(javaName, parameterType);
			method.setAccessible(true);
			return new ELFunctionDefinition("", name, method);
		}
		catch (NoSuchMethodException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Fails the render with the template's message.
	 * @param message the message
	 * @return never
	 */
	static String raiseException(String message) {
		throw new TemplateRaisedException(message);
	}

	/**
	 * Formats the current time of the renderer's clock with a Python {@code strftime}
	 * format.
	 * @param format the format
	 * @return the formatted time
	 */
	static String strftimeNow(String format) {
		Clock clock = Clock.systemDefaultZone();
		JinjavaInterpreter interpreter = JinjavaInterpreter.getCurrent();
		if (interpreter != null && interpreter.getContext().get(CLOCK_VARIABLE) instanceof Clock configured) {
			clock = configured;
		}
		return PythonStrftime.format(format, ZonedDateTime.now(clock));
	}

	/**
	 * Prints a value as Jinja2 does, with Python's {@code str()}.
	 * @param value the value
	 * @return the text
	 */
	static String pythonStr(@Nullable Object value) {
		return PythonRepr.str(value);
	}

	/**
	 * Jinja2's unary {@code not}: the negation of the value's Python truthiness.
	 * @param value the value
	 * @return {@code true} for {@code None}, {@code False}, zero and empty strings, lists
	 * and dicts
	 */
	static boolean pythonNot(@Nullable Object value) {
		if (value == null) {
			return true;
		}
		if (value instanceof Boolean b) {
			return !b;
		}
		if (value instanceof Number n) {
			return n.doubleValue() == 0;
		}
		if (value instanceof CharSequence text) {
			return text.isEmpty();
		}
		if (value instanceof Collection<?> collection) {
			return collection.isEmpty();
		}
		if (value instanceof Map<?, ?> map) {
			return map.isEmpty();
		}
		if (value instanceof Object[] array) {
			return array.length == 0;
		}
		return false;
	}

	/** Thrown by {@code raise_exception}; carries the template's own message. */
	static final class TemplateRaisedException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		TemplateRaisedException(String message) {
			super(message);
		}

	}

}
