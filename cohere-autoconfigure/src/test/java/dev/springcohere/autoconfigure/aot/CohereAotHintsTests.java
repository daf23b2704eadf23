package dev.springcohere.autoconfigure.aot;

import java.lang.reflect.Method;
import java.util.List;

import dev.springcohere.annotation.CohereTool;
import dev.springcohere.annotation.StructuredOutput;
import dev.springcohere.api.ChatRequest;
import dev.springcohere.api.ChatResponse;
import dev.springcohere.api.StreamEvent;
import org.junit.jupiter.api.Test;

import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.aot.AotServices;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.aot.BeanFactoryInitializationCode;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.javapoet.ClassName;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * The AOT hints: registered through {@code aot.factories}, they cover the API model, the
 * backend providers found by {@code ServiceLoader}, and the application's tools and
 * structured-output records.
 */
class CohereAotHintsTests {

	@Test
	void theRegistrarsAreFoundThroughAotFactories() {
		assertThat(AotServices.factories().load(RuntimeHintsRegistrar.class))
			.anyMatch(CohereRuntimeHints.class::isInstance);
		assertThat(AotServices.factories().load(BeanFactoryInitializationAotProcessor.class))
			.anyMatch(CohereToolsAotProcessor.class::isInstance);
	}

	@Test
	void apiTypesAndBackendProvidersGetReflectionAndResourceHints() throws Exception {
		RuntimeHints hints = new RuntimeHints();
		new CohereRuntimeHints().registerHints(hints, getClass().getClassLoader());

		for (Class<?> type : List.of(ChatRequest.class, ChatResponse.class, StreamEvent.ContentDelta.class,
				dev.springcohere.api.ToolCall.Function.class)) {
			assertThat(RuntimeHintsPredicates.reflection()
				.onType(type)
				.withAnyMemberCategory(org.springframework.aot.hint.MemberCategory.INVOKE_DECLARED_CONSTRUCTORS))
				.as(type.getName())
				.accepts(hints);
		}
		assertThat(RuntimeHintsPredicates.resource().forResource(CohereRuntimeHints.PROVIDERS)).accepts(hints);
		for (String provider : List.of("dev.springcohere.backend.platform.PlatformBackendProvider",
				"dev.springcohere.backend.openai.OpenAiCompatBackendProvider")) {
			assertThat(RuntimeHintsPredicates.reflection()
				.onType(org.springframework.aot.hint.TypeReference.of(provider))
				.withMemberCategory(org.springframework.aot.hint.MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS))
				.accepts(hints);
		}
		assertThat(CohereRuntimeHints
			.apiTypes(new org.springframework.core.io.support.PathMatchingResourcePatternResolver()))
			.hasSizeGreaterThan(50);
	}

	@Test
	void toolMethodsAndStructuredOutputRecordsOfTheApplicationGetHints() throws Exception {
		DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
		beanFactory.registerBeanDefinition("travelTools", new RootBeanDefinition(TravelTools.class));
		AutoConfigurationPackages.register(beanFactory, getClass().getPackageName());

		BeanFactoryInitializationAotContribution contribution = new CohereToolsAotProcessor()
			.processAheadOfTime(beanFactory);

		assertThat(contribution).isNotNull();
		DefaultGenerationContext context = new DefaultGenerationContext(
				new ClassNameGenerator(ClassName.get("com.example", "App")), new InMemoryGeneratedFiles());
		contribution.applyTo(context, mock(BeanFactoryInitializationCode.class));
		RuntimeHints hints = context.getRuntimeHints();
		Method book = TravelTools.class.getMethod("book", Trip.class);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(book)).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(Trip.class)).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(Booking.class)).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(Itinerary.class))
			.as("a @StructuredOutput record under the application's package")
			.accepts(hints);
	}

	@Test
	void anApplicationWithoutToolsOrStructuredOutputNeedsNothing() {
		assertThat(new CohereToolsAotProcessor().processAheadOfTime(new DefaultListableBeanFactory())).isNull();
	}

	/** A trip to book. */
	public record Trip(String from, String to) {
	}

	/** A booking made. */
	public record Booking(String id, Trip trip) {
	}

	/** An itinerary the model answers with. */
	@StructuredOutput
	public record Itinerary(List<String> stops) {
	}

	/** Tools of the application. */
	public static class TravelTools {

		@CohereTool(description = "Books a trip")
		public Booking book(Trip trip) {
			return new Booking("b1", trip);
		}

	}

}
