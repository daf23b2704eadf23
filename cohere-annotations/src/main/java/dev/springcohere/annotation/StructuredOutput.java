package dev.springcohere.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record or class as the typed answer of a chat call: its JSON schema is sent as
 * {@code response_format: {type: json_object, json_schema: ...}} and the answer is parsed
 * and validated into it.
 *
 * @since 0.1.0
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.ANNOTATION_TYPE })
public @interface StructuredOutput {

	/**
	 * A name for the schema (used in logs and errors); empty means the simple class name.
	 * @return the schema name
	 */
	String name() default "";

	/**
	 * What the answer represents, written for the model.
	 * @return the description placed in the schema
	 */
	String description() default "";

}
