package dev.springcohere.tool;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Names methods in error messages.
 */
final class Reflection {

	private Reflection() {
	}

	static String describe(Method method) {
		return method.getDeclaringClass().getName() + "#" + method.getName() + "("
				+ Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName).collect(Collectors.joining(", "))
				+ ")";
	}

}
