package dev.springcohere.autoconfigure.aot;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.springcohere.annotation.StructuredOutput;
import dev.springcohere.tool.ToolScanner;
import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.ReflectionHints;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * Registers, at build time, what the application's own Cohere types need at run time:
 * every {@code @CohereTool} method of its beans (invoked by reflection, with binding
 * hints for its parameter and return types, which Jackson converts) and every
 * {@code @StructuredOutput} type under the application's packages (binding hints, since
 * its JSON schema is generated and its answers read by reflection).
 *
 * @since 0.1.0
 */
public final class CohereToolsAotProcessor implements BeanFactoryInitializationAotProcessor {

	private final BindingReflectionHintsRegistrar bindings = new BindingReflectionHintsRegistrar();

	@Override
	public @Nullable BeanFactoryInitializationAotContribution processAheadOfTime(
			ConfigurableListableBeanFactory beanFactory) {
		List<Method> tools = new ArrayList<>();
		for (String name : beanFactory.getBeanDefinitionNames()) {
			Class<?> type = beanFactory.getType(name, false);
			if (type != null) {
				Class<?> user = ClassUtils.getUserClass(type);
				if (ToolScanner.hasTools(user)) {
					tools.addAll(ToolScanner.toolMethods(user));
				}
			}
		}
		Set<Class<?>> structured = structuredOutputTypes(beanFactory);
		if (tools.isEmpty() && structured.isEmpty()) {
			return null;
		}
		return (context, code) -> {
			ReflectionHints reflection = context.getRuntimeHints().reflection();
			for (Method method : tools) {
				reflection.registerMethod(method, ExecutableMode.INVOKE);
				this.bindings.registerReflectionHints(reflection, method.getGenericParameterTypes());
				this.bindings.registerReflectionHints(reflection, method.getGenericReturnType());
			}
			for (Class<?> type : structured) {
				this.bindings.registerReflectionHints(reflection, type);
			}
		};
	}

	private static Set<Class<?>> structuredOutputTypes(ConfigurableListableBeanFactory beanFactory) {
		Set<Class<?>> types = new LinkedHashSet<>();
		if (!AutoConfigurationPackages.has(beanFactory)) {
			return types;
		}
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {

			@Override
			protected boolean isCandidateComponent(
					org.springframework.beans.factory.annotation.AnnotatedBeanDefinition definition) {
				return definition.getMetadata().isIndependent();
			}

		};
		scanner.addIncludeFilter(new AnnotationTypeFilter(StructuredOutput.class));
		for (String base : AutoConfigurationPackages.get(beanFactory)) {
			for (BeanDefinition candidate : scanner.findCandidateComponents(base)) {
				String name = candidate.getBeanClassName();
				if (name != null) {
					types.add(ClassUtils.resolveClassName(name, beanFactory.getBeanClassLoader()));
				}
			}
		}
		return types;
	}

}
