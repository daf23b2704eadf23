package dev.springcohere.tool;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.classmate.ResolvedType;
import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.FieldScope;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaBuilder;
import com.github.victools.jsonschema.generator.SchemaGenerationContext;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonSchemaModule;
import com.github.victools.jsonschema.module.jackson.JacksonOption;
import com.github.victools.jsonschema.module.jakarta.validation.JakartaValidationModule;
import com.github.victools.jsonschema.module.jakarta.validation.JakartaValidationOption;
import org.jspecify.annotations.Nullable;

import tools.jackson.databind.AnnotationIntrospector;
import tools.jackson.databind.introspect.JacksonAnnotationIntrospector;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import dev.springcohere.annotation.ToolParam;
import dev.springcohere.api.CohereJson;

/**
 * Generates the JSON schemas of tool parameters and structured answers from Java types,
 * with one configured victools generator (draft 2020-12), so that tools and
 * {@code @StructuredOutput} types follow the same rules:
 * <ul>
 * <li>primitives and their boxes, {@code String}, enums ({@code enum} of the constant
 * names), arrays, {@code List} and {@code Set} ({@code array}), records and POJOs (nested
 * {@code object}s with {@code additionalProperties: false}), {@code Map<String, V>}
 * ({@code object} whose {@code additionalProperties} is the schema of {@code V}; not
 * accepted in strict mode);</li>
 * <li>{@code LocalDate} ({@code format: date}), {@code LocalTime} ({@code time}),
 * {@code Instant}, {@code OffsetDateTime} and {@code ZonedDateTime} ({@code date-time}),
 * {@code UUID} ({@code uuid}) as strings; {@code LocalDateTime} and {@code URI} as plain
 * strings with a description of the expected form;</li>
 * <li>every property is {@code required} unless it is an {@code Optional}, carries a
 * {@code @Nullable} annotation (any package) or
 * {@code @ToolParam(required = false)};</li>
 * <li>{@link ToolParam} names and descriptions, Jackson's {@code @JsonProperty} and
 * {@code @JsonPropertyDescription}, and Jakarta Validation constraints ({@code @Size},
 * {@code @Min}, {@code @Pattern}...) when Jakarta Validation is on the class path;</li>
 * <li>types used more than once (and recursive types) go to {@code $defs} at the root and
 * are referenced with {@code #/$defs/...}; no {@code $schema} keyword is written.</li>
 * </ul>
 * The {@link #mapper()} reads arguments and answers with the same property names.
 * Thread-safe.
 *
 * @since 0.1.0
 */
public final class JsonSchemaGenerator {

	private static final String DEFS = "$defs";

	private final JsonMapper mapper;

	private final SchemaGenerator generator;

	/**
	 * Creates a generator with a mapper made by {@link CohereJson#mapperBuilder()}.
	 */
	public JsonSchemaGenerator() {
		this(CohereJson.mapperBuilder());
	}

	/**
	 * Creates a generator whose mapper is built from the given builder, with
	 * {@link ToolParam#name()} support added.
	 * @param mapperBuilder the builder of the mapper that converts arguments and answers
	 */
	public JsonSchemaGenerator(JsonMapper.Builder mapperBuilder) {
		Objects.requireNonNull(mapperBuilder, "'mapperBuilder' must not be null");
		AnnotationIntrospector current = mapperBuilder.annotationIntrospector();
		this.mapper = mapperBuilder
			.annotationIntrospector(AnnotationIntrospector.pair(new ToolParamIntrospector(),
					(current != null) ? current : new JacksonAnnotationIntrospector()))
			.build();
		this.generator = new SchemaGenerator(configure(this.mapper));
	}

	/**
	 * Returns the mapper that converts JSON to the Java types of the schemas and back.
	 * @return the mapper
	 */
	public JsonMapper mapper() {
		return this.mapper;
	}

	/**
	 * Generates the schema of a type, with its definitions in {@code $defs} at the root.
	 * @param type the type
	 * @return a new schema
	 */
	public ObjectNode schemaFor(Type type) {
		Objects.requireNonNull(type, "'type' must not be null");
		synchronized (this.generator) {
			return this.generator.generateSchema(type);
		}
	}

	/**
	 * Generates the {@code parameters} schema of a tool method: an object with one
	 * property per parameter (a {@link ToolContext} parameter is skipped), named by
	 * {@link ToolParam#name()} or else the Java parameter name.
	 * @param method the method
	 * @return a new schema
	 * @throws IllegalArgumentException if a parameter has no name (compiled without
	 * {@code -parameters} and no {@code @ToolParam(name)})
	 */
	public ObjectNode parametersSchema(Method method) {
		Objects.requireNonNull(method, "'method' must not be null");
		ObjectNode schema = this.mapper.createObjectNode();
		schema.put("type", "object");
		ObjectNode properties = schema.putObject("properties");
		ArrayNode required = this.mapper.createArrayNode();
		ObjectNode definitions;
		synchronized (this.generator) {
			SchemaBuilder builder = this.generator.buildMultipleSchemaDefinitions();
			for (Parameter parameter : method.getParameters()) {
				if (parameter.getType() == ToolContext.class) {
					continue;
				}
				String name = parameterName(method, parameter);
				if (properties.has(name)) {
					throw new IllegalArgumentException("Two parameters of " + Reflection.describe(method)
							+ " are named '" + name + "'; give one another @ToolParam(name = ...)");
				}
				Type type = parameter.getParameterizedType();
				if (parameter.getType() == Optional.class) {
					type = optionalValueType(method, parameter);
				}
				ObjectNode property = builder.createSchemaReference(type);
				properties.set(name, property);
				ToolParam param = parameter.getAnnotation(ToolParam.class);
				if (param != null && !param.description().isBlank()) {
					property.put("description", param.description().strip());
				}
				ParameterConstraints.apply(parameter, property);
				if (isRequired(parameter)) {
					required.add(name);
				}
			}
			definitions = builder.collectDefinitions(DEFS);
		}
		schema.set("required", required);
		schema.put("additionalProperties", false);
		if (definitions != null && !definitions.isEmpty()) {
			schema.set(DEFS, definitions);
		}
		return schema;
	}

	/**
	 * Returns the name of a tool method's parameter in the schema.
	 * @param method the method
	 * @param parameter one of its parameters
	 * @return the {@code @ToolParam} name, else the Java parameter name
	 * @throws IllegalArgumentException if the name is not available
	 */
	public static String parameterName(Method method, Parameter parameter) {
		ToolParam param = parameter.getAnnotation(ToolParam.class);
		if (param != null && !param.name().isBlank()) {
			return param.name().strip();
		}
		if (!parameter.isNamePresent()) {
			throw new IllegalArgumentException("The parameter names of " + Reflection.describe(method)
					+ " are not in the class file (found '" + parameter.getName() + "'): compile with -parameters"
					+ " (maven-compiler-plugin <parameters>true</parameters>, Gradle options.compilerArgs << '-parameters')"
					+ " or name each parameter with @ToolParam(name = \"...\")");
		}
		return parameter.getName();
	}

	/**
	 * Tells whether a tool method's parameter must always be supplied.
	 * @param parameter the parameter
	 * @return {@code false} for {@code Optional}, {@code @Nullable} and
	 * {@code @ToolParam(required = false)} parameters
	 */
	public static boolean isRequired(Parameter parameter) {
		ToolParam param = parameter.getAnnotation(ToolParam.class);
		if (param != null && !param.required()) {
			return false;
		}
		return parameter.getType() != Optional.class && !hasNullable(parameter, parameter.getAnnotatedType());
	}

	private static Type optionalValueType(Method method, Parameter parameter) {
		Type type = parameter.getParameterizedType();
		if (type instanceof java.lang.reflect.ParameterizedType parameterized) {
			return parameterized.getActualTypeArguments()[0];
		}
		throw new IllegalArgumentException("Parameter '" + parameter.getName() + "' of " + Reflection.describe(method)
				+ " is a raw Optional; declare its value type, such as Optional<String>");
	}

	private static boolean hasNullable(AnnotatedElement element, @Nullable AnnotatedType type) {
		for (Annotation annotation : element.getAnnotations()) {
			if (annotation.annotationType().getSimpleName().equals("Nullable")) {
				return true;
			}
		}
		if (type != null) {
			for (Annotation annotation : type.getAnnotations()) {
				if (annotation.annotationType().getSimpleName().equals("Nullable")) {
					return true;
				}
			}
		}
		return false;
	}

	private static com.github.victools.jsonschema.generator.SchemaGeneratorConfig configure(JsonMapper mapper) {
		SchemaGeneratorConfigBuilder config = new SchemaGeneratorConfigBuilder(mapper, SchemaVersion.DRAFT_2020_12,
				OptionPreset.PLAIN_JSON);
		config
			.with(Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT, Option.MAP_VALUES_AS_ADDITIONAL_PROPERTIES,
					Option.PLAIN_DEFINITION_KEYS, Option.DEFINITIONS_FOR_MEMBER_SUPERTYPES)
			.without(Option.SCHEMA_VERSION_INDICATOR, Option.FLATTENED_OPTIONALS);
		config.with(new JacksonSchemaModule(JacksonOption.RESPECT_JSONPROPERTY_REQUIRED,
				JacksonOption.RESPECT_JSONPROPERTY_ORDER));
		if (isPresent("jakarta.validation.constraints.Size")) {
			config.with(new JakartaValidationModule(JakartaValidationOption.INCLUDE_PATTERN_EXPRESSIONS));
		}
		config.forTypesInGeneral().withCustomDefinitionProvider(JsonSchemaGenerator::textTypes);
		config.forTypesInGeneral().withPropertySorter((first, second) -> 0);
		config.forFields().withRequiredCheck(JsonSchemaGenerator::isRequired);
		config.forFields().withNullableCheck((field) -> false);
		config.forFields()
			.withTargetTypeOverridesResolver((field) -> field.getType().isInstanceOf(Optional.class)
					? List.of(field.getTypeParameterFor(Optional.class, 0)) : null);
		config.forFields().withPropertyNameOverrideResolver((field) -> {
			ToolParam param = field.getAnnotationConsideringFieldAndGetter(ToolParam.class);
			return (param != null && !param.name().isBlank()) ? param.name().strip() : null;
		});
		config.forFields().withDescriptionResolver((field) -> {
			ToolParam param = field.getAnnotationConsideringFieldAndGetter(ToolParam.class);
			return (param != null && !param.description().isBlank()) ? param.description().strip() : null;
		});
		return config.build();
	}

	private static boolean isRequired(FieldScope field) {
		if (field.isFakeContainerItemScope()) {
			return false;
		}
		ToolParam param = field.getAnnotationConsideringFieldAndGetter(ToolParam.class);
		if (param != null && !param.required()) {
			return false;
		}
		Field raw = field.getRawMember();
		return raw.getType() != Optional.class && !hasNullable(raw, raw.getAnnotatedType());
	}

	private static @Nullable CustomDefinition textTypes(ResolvedType type, SchemaGenerationContext context) {
		Class<?> raw = type.getErasedType();
		String format = TEXT_FORMATS.get(raw);
		String description = TEXT_DESCRIPTIONS.get(raw);
		if (format == null && description == null) {
			return null;
		}
		ObjectNode node = context.getGeneratorConfig().createObjectNode();
		node.put("type", "string");
		if (format != null) {
			node.put("format", format);
		}
		if (description != null) {
			node.put("description", description);
		}
		return new CustomDefinition(node, CustomDefinition.INLINE_DEFINITION, CustomDefinition.INCLUDING_ATTRIBUTES);
	}

	private static final Map<Class<?>, String> TEXT_FORMATS = Map.of(LocalDate.class, "date", LocalTime.class, "time",
			Instant.class, "date-time", OffsetDateTime.class, "date-time", ZonedDateTime.class, "date-time", UUID.class,
			"uuid");

	private static final Map<Class<?>, String> TEXT_DESCRIPTIONS = Map.of(LocalDateTime.class,
			"ISO-8601 local date and time without offset, such as 2025-01-31T14:30:00", URI.class, "An absolute URI");

	private static boolean isPresent(String className) {
		try {
			Class.forName(className, false, JsonSchemaGenerator.class.getClassLoader());
			return true;
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return false;
		}
	}

}
