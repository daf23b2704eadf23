package dev.springcohere.tool;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.math.BigDecimal;
import java.util.Collection;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.node.ObjectNode;

/**
 * Adds the schema keywords of Jakarta Validation constraints declared on tool method
 * parameters (victools reads them on fields only). Annotations are matched by name, so
 * Jakarta Validation stays optional.
 */
final class ParameterConstraints {

	private static final String PACKAGE = "jakarta.validation.constraints.";

	private ParameterConstraints() {
	}

	static void apply(Parameter parameter, ObjectNode property) {
		boolean text = CharSequence.class.isAssignableFrom(parameter.getType());
		boolean array = parameter.getType().isArray() || Collection.class.isAssignableFrom(parameter.getType());
		for (Annotation annotation : parameter.getAnnotations()) {
			String name = annotation.annotationType().getName();
			if (!name.startsWith(PACKAGE)) {
				continue;
			}
			switch (name.substring(PACKAGE.length())) {
				case "Size" -> {
					Number min = (Number) value(annotation, "min");
					Number max = (Number) value(annotation, "max");
					if (min != null && min.intValue() > 0) {
						property.put(text ? "minLength" : array ? "minItems" : "minProperties", min.intValue());
					}
					if (max != null && max.intValue() < Integer.MAX_VALUE) {
						property.put(text ? "maxLength" : array ? "maxItems" : "maxProperties", max.intValue());
					}
				}
				case "NotEmpty" -> property.put(text ? "minLength" : array ? "minItems" : "minProperties", 1);
				case "NotBlank" -> property.put("minLength", 1);
				case "Min" -> property.put("minimum", (Long) value(annotation, "value"));
				case "Max" -> property.put("maximum", (Long) value(annotation, "value"));
				case "DecimalMin" -> decimal(property, annotation, "minimum", "exclusiveMinimum");
				case "DecimalMax" -> decimal(property, annotation, "maximum", "exclusiveMaximum");
				case "Positive" -> property.put("exclusiveMinimum", 0);
				case "PositiveOrZero" -> property.put("minimum", 0);
				case "Negative" -> property.put("exclusiveMaximum", 0);
				case "NegativeOrZero" -> property.put("maximum", 0);
				case "Pattern" -> property.put("pattern", (String) value(annotation, "regexp"));
				default -> {
				}
			}
		}
	}

	private static void decimal(ObjectNode property, Annotation annotation, String inclusive, String exclusive) {
		Object value = value(annotation, "value");
		Object inclusiveFlag = value(annotation, "inclusive");
		if (value != null) {
			property.put(Boolean.FALSE.equals(inclusiveFlag) ? exclusive : inclusive, new BigDecimal((String) value));
		}
	}

	private static @Nullable Object value(Annotation annotation, String attribute) {
		try {
			Method method = annotation.annotationType().getMethod(attribute);
			return method.invoke(annotation);
		}
		catch (ReflectiveOperationException ex) {
			return null;
		}
	}

}
