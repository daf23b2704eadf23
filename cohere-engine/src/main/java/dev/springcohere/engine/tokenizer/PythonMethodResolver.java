package dev.springcohere.engine.tokenizer;

import java.beans.FeatureDescriptor;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.Map;

import jinjava.javax.el.ELContext;
import jinjava.javax.el.ELResolver;
import org.jspecify.annotations.Nullable;

/**
 * Resolves the Python methods chat templates call on strings ({@code .strip()},
 * {@code .upper()}, {@code .startswith(...)}, {@code .split(...)}...) and on dicts
 * ({@code .items()}, {@code .keys()}, {@code .values()}, {@code .get(key, default)}),
 * which Java's own methods do not provide. Everything else is left to the resolvers that
 * follow it.
 */
final class PythonMethodResolver extends ELResolver {

	@Override
	public @Nullable Object invoke(ELContext context, @Nullable Object base, Object method,
			Class<?> @Nullable [] paramTypes, @Nullable Object @Nullable [] params) {
		if (base == null || !(method instanceof String name)) {
			return null;
		}
		Object[] args = (params != null) ? params : new Object[0];
		Object result = PythonStrings.UNSUPPORTED;
		if (base instanceof String s) {
			result = PythonStrings.call(s, name, args);
		}
		else if (base instanceof Map<?, ?> map) {
			result = callMapMethod(map, name, args);
		}
		if (result == PythonStrings.UNSUPPORTED) {
			return null;
		}
		context.setPropertyResolved(true);
		return result;
	}

	private static Object callMapMethod(Map<?, ?> map, String name, @Nullable Object[] args) {
		return switch (name) {
			case "items" -> (args.length == 0) ? new ArrayList<>(map.entrySet()) : PythonStrings.UNSUPPORTED;
			case "keys" -> (args.length == 0) ? new ArrayList<>(map.keySet()) : PythonStrings.UNSUPPORTED;
			case "values" -> (args.length == 0) ? new ArrayList<>(map.values()) : PythonStrings.UNSUPPORTED;
			case "get" -> (args.length == 2) ? getOrDefault(map, args[0], args[1]) : PythonStrings.UNSUPPORTED;
			default -> PythonStrings.UNSUPPORTED;
		};
	}

	private static @Nullable Object getOrDefault(Map<?, ?> map, @Nullable Object key, @Nullable Object fallback) {
		return map.containsKey(key) ? map.get(key) : fallback;
	}

	@Override
	public @Nullable Class<?> getCommonPropertyType(ELContext context, @Nullable Object base) {
		return null;
	}

	@Override
	public @Nullable Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, @Nullable Object base) {
		return null;
	}

	@Override
	public @Nullable Class<?> getType(ELContext context, @Nullable Object base, @Nullable Object property) {
		return null;
	}

	@Override
	public @Nullable Object getValue(ELContext context, @Nullable Object base, @Nullable Object property) {
		return null;
	}

	@Override
	public boolean isReadOnly(ELContext context, @Nullable Object base, @Nullable Object property) {
		return false;
	}

	@Override
	public void setValue(ELContext context, @Nullable Object base, @Nullable Object property, @Nullable Object value) {
		// values are set by the resolvers that follow
	}

}
