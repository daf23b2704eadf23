package dev.springcohere.tool;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.PropertyName;
import tools.jackson.databind.cfg.MapperConfig;
import tools.jackson.databind.introspect.Annotated;
import tools.jackson.databind.introspect.NopAnnotationIntrospector;

import dev.springcohere.annotation.ToolParam;

/**
 * Lets Jackson read and write the property names set with {@link ToolParam#name()}, so
 * that arguments and answers use the same names as the generated schema.
 */
final class ToolParamIntrospector extends NopAnnotationIntrospector {

	private static final long serialVersionUID = 1L;

	@Override
	public @Nullable PropertyName findNameForSerialization(MapperConfig<?> config, Annotated annotated) {
		return name(annotated);
	}

	@Override
	public @Nullable PropertyName findNameForDeserialization(MapperConfig<?> config, Annotated annotated) {
		return name(annotated);
	}

	private static @Nullable PropertyName name(Annotated annotated) {
		ToolParam param = annotated.getAnnotation(ToolParam.class);
		return (param != null && !param.name().isBlank()) ? PropertyName.construct(param.name().strip()) : null;
	}

}
