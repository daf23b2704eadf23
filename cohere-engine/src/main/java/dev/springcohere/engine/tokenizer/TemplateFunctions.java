package dev.springcohere.engine.tokenizer;

import java.lang.reflect.Method;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.List;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;

/**
 * The global functions Hugging Face adds to the template environment: {@code raise_exception(message)} and
 * {@code strftime_now(format)}.
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
		return List.of(define("raise_exception", "raiseException"), define("strftime_now", "strftimeNow"));
	}

	private static ELFunctionDefinition define(String name, String javaName) {
		try {
			Method method = TemplateFunctions.class.getDeclaredMethod(javaName, String.class);
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
	 * Formats the current time of the renderer's clock with a Python {@code strftime} format.
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

	/** Thrown by {@code raise_exception}; carries the template's own message. */
	static final class TemplateRaisedException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		TemplateRaisedException(String message) {
			super(message);
		}

	}

}
