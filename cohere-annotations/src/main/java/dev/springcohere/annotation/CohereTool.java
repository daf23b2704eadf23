package dev.springcohere.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method as a tool that a Cohere model may call.
 * <p>
 * The method's parameters become the tool's JSON-schema {@code parameters}; its return
 * value becomes the tool result. Tool names must match {@code ^[A-Za-z_][A-Za-z0-9_]*$}
 * (Cohere's rule).
 *
 * @since 0.1.0
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.ANNOTATION_TYPE })
public @interface CohereTool {

	/**
	 * The tool name the model sees; empty means the method name.
	 * @return the tool name
	 */
	String name() default "";

	/**
	 * What the tool does, written for the model: when to call it and what it returns.
	 * @return the tool description
	 */
	String description() default "";

	/**
	 * Whether a person must approve each call before it runs. A {@code CohereAgent} that
	 * meets a call of such a tool stops and returns the step's calls as pending (see
	 * {@code AgentResult.isPending()}); {@code CohereAgent.resume(...)} runs the approved
	 * ones, tells the model the others were declined, and goes on. Use it for tools that
	 * change or send something (a payment, an e-mail, a deletion).
	 * @return {@code true} when each call needs approval
	 */
	boolean confirm() default false;

}
