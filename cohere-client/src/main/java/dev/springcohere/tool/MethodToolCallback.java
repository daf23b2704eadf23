package dev.springcohere.tool;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.springcohere.annotation.CohereTool;
import dev.springcohere.api.Tool;

/**
 * A {@link ToolCallback} that runs a {@link CohereTool} method.
 * <p>
 * A call parses the model's arguments, drops {@code null} members (an optional argument
 * sent as {@code null} is treated as absent), validates them against the tool's schema,
 * converts each to its parameter type with Jackson, injects the {@link ToolContext} into
 * a parameter of that type, and runs the method on the calling thread. The return value
 * becomes the result: a {@code ToolResult} as is, a {@code CharSequence} as text,
 * {@code void} as the text {@value #VOID_RESULT}, {@code null} as the text
 * {@value #NULL_RESULT}, anything else as a JSON document. Invalid arguments and
 * exceptions thrown by the method become {@linkplain ToolResult#error(String) error
 * results} that name the tool and the problem, never exceptions. Absent optional
 * parameters get {@code Optional.empty()}, {@code null}, or the zero value of a
 * primitive.
 *
 * @since 0.1.0
 */
public final class MethodToolCallback implements ToolCallback {

	/** The result text of a {@code void} method. */
	public static final String VOID_RESULT = "done";

	/** The result text of a method that returned {@code null}. */
	public static final String NULL_RESULT = "null";

	private final @Nullable Object target;

	private final Method method;

	private final Tool definition;

	private final JsonMapper mapper;

	private final SchemaValidator validator;

	private final List<Binding> bindings;

	private final boolean confirm;

	private MethodToolCallback(@Nullable Object target, Method method, JsonSchemaGenerator generator) {
		this.target = target;
		this.method = method;
		this.mapper = generator.mapper();
		CohereTool annotation = method.getAnnotation(CohereTool.class);
		String name = (annotation != null && !annotation.name().isBlank()) ? annotation.name().strip()
				: method.getName();
		ToolNames.requireValid(name, Reflection.describe(method));
		String description = (annotation != null && !annotation.description().isBlank())
				? annotation.description().strip() : null;
		ObjectNode parameters = generator.parametersSchema(method);
		this.definition = Tool.function(name, description, parameters);
		this.confirm = annotation != null && annotation.confirm();
		this.validator = new SchemaValidator(parameters);
		List<Binding> list = new ArrayList<>();
		for (Parameter parameter : method.getParameters()) {
			list.add((parameter.getType() == ToolContext.class) ? new Binding(null, parameter)
					: new Binding(JsonSchemaGenerator.parameterName(method, parameter), parameter));
		}
		this.bindings = List.copyOf(list);
		if (!Modifier.isPublic(method.getModifiers())
				|| !Modifier.isPublic(method.getDeclaringClass().getModifiers())) {
			method.trySetAccessible();
		}
	}

	/**
	 * Creates the callback of one method.
	 * @param target the object the method runs on, or {@code null} for a static method
	 * @param method the method; its {@link CohereTool} annotation (if any) gives the name
	 * and description
	 * @param generator the schema generator, whose mapper converts arguments and results
	 * @return the callback
	 * @throws IllegalArgumentException if the tool name is invalid, a parameter name is
	 * missing, or the target does not fit the method
	 */
	public static MethodToolCallback of(@Nullable Object target, Method method, JsonSchemaGenerator generator) {
		Objects.requireNonNull(method, "'method' must not be null");
		Objects.requireNonNull(generator, "'generator' must not be null");
		boolean isStatic = Modifier.isStatic(method.getModifiers());
		if (!isStatic && !method.getDeclaringClass().isInstance(target)) {
			throw new IllegalArgumentException("Tool method " + Reflection.describe(method) + " needs a target of type "
					+ method.getDeclaringClass().getName() + ", got " + ((target != null) ? target.getClass() : null));
		}
		return new MethodToolCallback(isStatic ? null : target, method, generator);
	}

	@Override
	public Tool definition() {
		return this.definition;
	}

	/**
	 * Returns the method this tool runs.
	 * @return the method
	 */
	public Method method() {
		return this.method;
	}

	/**
	 * Returns a copy of the JSON schema of the arguments.
	 * @return the schema
	 */
	public JsonNode parametersSchema() {
		return this.validator.schema();
	}

	@Override
	public ToolResult call(String arguments, ToolContext context) {
		Objects.requireNonNull(context, "'context' must not be null");
		JsonNode parsed;
		try {
			parsed = this.mapper.readTree((arguments == null || arguments.isBlank()) ? "{}" : arguments);
		}
		catch (JacksonException ex) {
			return invalid(List.of("the arguments are not valid JSON: " + ex.getOriginalMessage()));
		}
		if (!parsed.isObject()) {
			return invalid(
					List.of("the arguments are " + parsed.getNodeType().name().toLowerCase() + ", not a JSON object"));
		}
		ObjectNode args = (ObjectNode) parsed;
		dropNulls(args);
		List<String> errors = this.validator.validate(args);
		if (!errors.isEmpty()) {
			return invalid(errors);
		}
		Object[] values = new Object[this.bindings.size()];
		for (int i = 0; i < values.length; i++) {
			Binding binding = this.bindings.get(i);
			try {
				values[i] = binding.value(args, context, this.mapper);
			}
			catch (JacksonException | IllegalArgumentException ex) {
				String message = (ex instanceof JacksonException jackson) ? jackson.getOriginalMessage()
						: ex.getMessage();
				return invalid(List.of("/" + binding.name + ": " + message));
			}
		}
		Object value;
		try {
			value = this.method.invoke(this.target, values);
		}
		catch (InvocationTargetException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			return ToolResult.error("Tool '" + name() + "' failed: " + cause.getClass().getSimpleName()
					+ ((cause.getMessage() != null) ? ": " + cause.getMessage() : ""));
		}
		catch (IllegalAccessException ex) {
			return ToolResult.error("Tool '" + name() + "' could not be run: " + ex.getMessage());
		}
		return result(value);
	}

	private ToolResult result(@Nullable Object value) {
		Class<?> type = this.method.getReturnType();
		if (type == void.class || type == Void.class) {
			return ToolResult.ofText(VOID_RESULT);
		}
		if (value == null) {
			return ToolResult.ofText(NULL_RESULT);
		}
		if (value instanceof ToolResult result) {
			return result;
		}
		if (value instanceof CharSequence text) {
			return ToolResult.ofText(text.toString());
		}
		try {
			return ToolResult.ofJson(this.mapper.valueToTree(value));
		}
		catch (JacksonException ex) {
			return ToolResult.error("Tool '" + name() + "' ran, but its result of type " + value.getClass().getName()
					+ " could not be written as JSON: " + ex.getOriginalMessage());
		}
	}

	private ToolResult invalid(List<String> errors) {
		return ToolResult.error("Tool '" + name() + "' was not run: its arguments do not match the schema:\n- "
				+ String.join("\n- ", errors) + "\nCall it again with arguments that match this JSON schema: "
				+ this.mapper.writeValueAsString(this.validator.schema()));
	}

	private static void dropNulls(JsonNode node) {
		if (node instanceof ObjectNode object) {
			object.properties().removeIf((Map.Entry<String, JsonNode> entry) -> entry.getValue().isNull());
			for (JsonNode child : object) {
				dropNulls(child);
			}
		}
		else if (node.isArray()) {
			for (JsonNode child : node) {
				dropNulls(child);
			}
		}
	}

	/**
	 * Describes the tool and its method.
	 * @return {@code tool 'name' (com.example.Tools#name(String))}
	 */
	@Override
	public boolean requiresConfirmation() {
		return this.confirm;
	}

	@Override
	public String toString() {
		return "tool '" + name() + "' (" + Reflection.describe(this.method) + ")";
	}

	private static final class Binding {

		private final @Nullable String name;

		private final Parameter parameter;

		Binding(@Nullable String name, Parameter parameter) {
			this.name = name;
			this.parameter = parameter;
		}

		@Nullable Object value(ObjectNode args, ToolContext context, JsonMapper mapper) {
			if (this.name == null) {
				return context;
			}
			JsonNode node = args.get(this.name);
			Class<?> type = this.parameter.getType();
			if (node == null) {
				if (type == Optional.class) {
					return Optional.empty();
				}
				if (type == boolean.class) {
					return false;
				}
				if (type == char.class) {
					return '\0';
				}
				return type.isPrimitive() ? mapper.convertValue(0, type) : null;
			}
			return mapper.treeToValue(node, mapper.constructType(this.parameter.getParameterizedType()));
		}

	}

}
