package dev.springcohere.tool;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.springcohere.annotation.CohereTool;

/**
 * Finds the {@link CohereTool} methods of plain objects and turns them into
 * {@link ToolCallback}s; the Spring integration uses it from a {@code BeanPostProcessor}.
 * <p>
 * Methods are searched on the object's class, its superclasses and interfaces (generated
 * proxy subclasses, whose names contain {@code $$}, are looked through; the method then
 * runs on the proxy). A scan fails with a clear message when an object has no tool
 * method, when two tools share a name, when a name breaks Cohere's rules, when parameter
 * names were not compiled in ({@code -parameters}), and, in strict mode, when a schema
 * does not fit the strict-tools subset ({@link StrictSchemaChecker}). Thread-safe.
 *
 * @since 0.1.0
 */
public final class ToolScanner {

	private final JsonSchemaGenerator generator;

	private final boolean strict;

	/**
	 * Creates a non-strict scanner with a new {@link JsonSchemaGenerator}.
	 */
	public ToolScanner() {
		this(new JsonSchemaGenerator(), false);
	}

	/**
	 * Creates a scanner.
	 * @param generator the schema generator (its mapper converts arguments and results)
	 * @param strict whether the tools will be sent with {@code strict_tools: true}, so
	 * that their schemas are checked now
	 */
	public ToolScanner(JsonSchemaGenerator generator, boolean strict) {
		this.generator = Objects.requireNonNull(generator, "'generator' must not be null");
		this.strict = strict;
	}

	/**
	 * Scans objects for tools.
	 * @param targets the objects holding {@link CohereTool} methods
	 * @return the tools, in the order of the objects, then by method name
	 * @throws IllegalArgumentException if an object has no tool, a name is invalid or
	 * used twice, or parameter names are missing
	 * @throws StrictSchemaException in strict mode, listing every schema problem of every
	 * tool
	 */
	public List<ToolCallback> scan(Object... targets) {
		Objects.requireNonNull(targets, "'targets' must not be null");
		return scan(Arrays.asList(targets));
	}

	/**
	 * Scans objects for tools.
	 * @param targets the objects holding {@link CohereTool} methods
	 * @return the tools, in the order of the objects, then by method name
	 * @throws IllegalArgumentException if an object has no tool, a name is invalid or
	 * used twice, or parameter names are missing
	 * @throws StrictSchemaException in strict mode, listing every schema problem of every
	 * tool
	 */
	public List<ToolCallback> scan(Collection<?> targets) {
		Objects.requireNonNull(targets, "'targets' must not be null");
		Map<String, MethodToolCallback> byName = new LinkedHashMap<>();
		for (Object target : targets) {
			Objects.requireNonNull(target, "'targets' must not contain null");
			List<Method> methods = toolMethods(target.getClass());
			if (methods.isEmpty()) {
				throw new IllegalArgumentException(
						"No @CohereTool method found on " + userClass(target.getClass()).getName()
								+ ": annotate at least one method with @CohereTool, or do not register this object"
								+ " as a tool holder");
			}
			for (Method method : methods) {
				MethodToolCallback tool = MethodToolCallback.of(target, method, this.generator);
				MethodToolCallback previous = byName.putIfAbsent(tool.name(), tool);
				if (previous != null) {
					throw new IllegalArgumentException("Duplicate tool name '" + tool.name() + "': "
							+ Reflection.describe(previous.method()) + " and " + Reflection.describe(method)
							+ "; give one of them another name with @CohereTool(name = ...)");
				}
			}
		}
		List<ToolCallback> tools = List.copyOf(byName.values());
		if (this.strict) {
			new StrictSchemaChecker().requireStrictTools(tools);
		}
		return tools;
	}

	/**
	 * Tells whether a class declares or inherits a {@link CohereTool} method.
	 * @param type the class
	 * @return {@code true} when {@link #toolMethods(Class)} is not empty
	 */
	public static boolean hasTools(Class<?> type) {
		return !toolMethods(type).isEmpty();
	}

	/**
	 * Returns the {@link CohereTool} methods of a class, its superclasses and interfaces,
	 * the most specific declaration of each signature, ordered by name.
	 * @param type the class (a proxy subclass is looked through)
	 * @return the methods
	 */
	public static List<Method> toolMethods(Class<?> type) {
		Objects.requireNonNull(type, "'type' must not be null");
		Map<String, Method> found = new LinkedHashMap<>();
		Set<Class<?>> interfaces = new LinkedHashSet<>();
		for (Class<?> current = userClass(type); current != null
				&& current != Object.class; current = current.getSuperclass()) {
			collect(current, found);
			collectInterfaces(current, interfaces);
		}
		if (type.isInterface()) {
			collectInterfaces(type, interfaces);
			interfaces.add(type);
		}
		for (Class<?> face : interfaces) {
			collect(face, found);
		}
		List<Method> methods = new ArrayList<>(found.values());
		methods.sort(Comparator.comparing(Method::getName).thenComparing(Reflection::describe));
		return List.copyOf(methods);
	}

	private static void collect(Class<?> type, Map<String, Method> found) {
		for (Method method : type.getDeclaredMethods()) {
			if (method.isBridge() || method.isSynthetic() || !method.isAnnotationPresent(CohereTool.class)) {
				continue;
			}
			if (Modifier.isAbstract(method.getModifiers()) && !type.isInterface()) {
				continue;
			}
			found.putIfAbsent(method.getName() + Arrays.toString(method.getParameterTypes()), method);
		}
	}

	private static void collectInterfaces(Class<?> type, Set<Class<?>> out) {
		for (Class<?> face : type.getInterfaces()) {
			if (out.add(face)) {
				collectInterfaces(face, out);
			}
		}
	}

	private static Class<?> userClass(Class<?> type) {
		Class<?> current = type;
		while (current.getName().contains("$$") && current.getSuperclass() != null
				&& current.getSuperclass() != Object.class) {
			current = current.getSuperclass();
		}
		return current;
	}

}
