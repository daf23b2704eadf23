package dev.springcohere.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Describes one parameter of a {@link CohereTool} method, or one field of a type used in
 * a tool or a {@link StructuredOutput} schema.
 *
 * @since 0.1.0
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD, ElementType.RECORD_COMPONENT,
		ElementType.ANNOTATION_TYPE })
public @interface ToolParam {

	/**
	 * The property name in the JSON schema; empty means the Java parameter name (which
	 * needs {@code -parameters} at compile time).
	 * @return the parameter name
	 */
	String name() default "";

	/**
	 * What the parameter means, written for the model.
	 * @return the parameter description
	 */
	String description() default "";

	/**
	 * Whether the model must always supply the parameter.
	 * @return {@code true} when the parameter is listed in the schema's {@code required}
	 */
	boolean required() default true;

}
