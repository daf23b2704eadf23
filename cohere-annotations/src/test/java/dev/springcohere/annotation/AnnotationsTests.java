package dev.springcohere.annotation;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AnnotationsTests {

	@Test
	void annotationsAreVisibleAtRuntimeWithTheirDefaults() throws Exception {
		Method method = Sample.class.getDeclaredMethod("lookup", String.class, int.class);
		CohereTool tool = method.getAnnotation(CohereTool.class);
		assertThat(tool.name()).isEmpty();
		assertThat(tool.description()).isEqualTo("Looks up a product");
		Parameter[] parameters = method.getParameters();
		ToolParam sku = parameters[0].getAnnotation(ToolParam.class);
		assertThat(sku.description()).isEqualTo("the SKU");
		assertThat(sku.required()).isTrue();
		ToolParam limit = parameters[1].getAnnotation(ToolParam.class);
		assertThat(limit.name()).isEqualTo("max");
		assertThat(limit.required()).isFalse();
		StructuredOutput output = Answer.class.getAnnotation(StructuredOutput.class);
		assertThat(output.name()).isEmpty();
		assertThat(output.description()).isEqualTo("An answer");
	}

	@Test
	void annotationsAreRuntimeRetainedAndTargetTheDocumentedElements() {
		assertThat(CohereTool.class.getAnnotation(Retention.class).value()).isEqualTo(RetentionPolicy.RUNTIME);
		assertThat(CohereTool.class.getAnnotation(Target.class).value()).contains(ElementType.METHOD);
		assertThat(ToolParam.class.getAnnotation(Target.class).value()).contains(ElementType.PARAMETER,
				ElementType.RECORD_COMPONENT, ElementType.FIELD);
		assertThat(StructuredOutput.class.getAnnotation(Target.class).value()).contains(ElementType.TYPE);
	}

	static class Sample {

		@CohereTool(description = "Looks up a product")
		String lookup(@ToolParam(description = "the SKU") String sku,
				@ToolParam(name = "max", required = false) int limit) {
			return sku + limit;
		}

	}

	@StructuredOutput(description = "An answer")
	record Answer(String text) {
	}

}
