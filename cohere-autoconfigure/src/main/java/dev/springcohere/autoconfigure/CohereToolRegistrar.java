package dev.springcohere.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import dev.springcohere.structured.StructuredOutputs;
import dev.springcohere.tool.JsonSchemaGenerator;
import dev.springcohere.tool.StrictSchemaException;
import dev.springcohere.tool.ToolCallback;
import dev.springcohere.tool.ToolScanner;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.util.ClassUtils;

/**
 * Once every singleton exists, finds the beans with {@code @CohereTool} methods (looking
 * through proxies), builds their tools, checks their schemas against the strict subset
 * when {@code cohere.chat.strict-tools} is on, registers them in the
 * {@link CohereToolRegistry}, and checks the {@code @StructuredOutput} types listed in
 * {@code cohere.structured-output.types}. Problems fail the startup naming the class,
 * method and parameter.
 */
final class CohereToolRegistrar implements SmartInitializingSingleton {

	private final ConfigurableListableBeanFactory beanFactory;

	private final CohereToolRegistry registry;

	private final JsonSchemaGenerator generator;

	private final StructuredOutputs structuredOutputs;

	private final CohereProperties properties;

	CohereToolRegistrar(ConfigurableListableBeanFactory beanFactory, CohereToolRegistry registry,
			JsonSchemaGenerator generator, StructuredOutputs structuredOutputs, CohereProperties properties) {
		this.beanFactory = beanFactory;
		this.registry = registry;
		this.generator = generator;
		this.structuredOutputs = structuredOutputs;
		this.properties = properties;
	}

	@Override
	public void afterSingletonsInstantiated() {
		boolean strict = this.properties.getChat().isStrictTools();
		ToolScanner scanner = new ToolScanner(this.generator, strict);
		List<Object> holders = new ArrayList<>();
		List<String> names = new ArrayList<>();
		for (String name : this.beanFactory.getBeanDefinitionNames()) {
			if (!isCandidate(name)) {
				continue;
			}
			Class<?> type = this.beanFactory.getType(name, false);
			if (type == null || !ToolScanner.hasTools(ClassUtils.getUserClass(type))) {
				continue;
			}
			holders.add(this.beanFactory.getBean(name));
			names.add(name);
		}
		List<ToolCallback> tools;
		try {
			tools = scanner.scan(holders);
		}
		catch (StrictSchemaException ex) {
			throw new CohereConfigurationException("cohere.chat.strict-tools",
					"@CohereTool methods of the beans " + names + " do not fit the JSON schema subset Cohere accepts "
							+ "with strict_tools: " + ex.getMessage(),
					"Change the parameter types as each violation says, or set 'cohere.chat.strict-tools=false' "
							+ "to send the tools without strict_tools",
					ex);
		}
		catch (IllegalArgumentException ex) {
			throw new CohereConfigurationException("@CohereTool",
					"Invalid @CohereTool methods in the beans " + names + ": " + ex.getMessage(),
					"Fix the tool methods as the message says", ex);
		}
		this.registry.register(tools);
		for (Class<?> type : this.properties.getStructuredOutput().getTypes()) {
			try {
				this.structuredOutputs.spec(type);
			}
			catch (RuntimeException ex) {
				throw new CohereConfigurationException("cohere.structured-output.types",
						"The structured output type " + type.getName() + " cannot be used: " + ex.getMessage(),
						"Change the type's fields as the message says, or remove it from "
								+ "'cohere.structured-output.types' to check it on first use",
						ex);
			}
		}
	}

	private boolean isCandidate(String name) {
		if (!this.beanFactory.containsBeanDefinition(name)) {
			return false;
		}
		BeanDefinition definition = this.beanFactory.getBeanDefinition(name);
		return !definition.isAbstract() && definition.isSingleton()
				&& definition.getRole() != BeanDefinition.ROLE_INFRASTRUCTURE;
	}

}
