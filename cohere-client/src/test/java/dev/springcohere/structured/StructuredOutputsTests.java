package dev.springcohere.structured;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import jakarta.validation.constraints.Size;
import org.junit.jupiter.api.Test;

import dev.springcohere.annotation.StructuredOutput;
import dev.springcohere.annotation.ToolParam;
import dev.springcohere.api.ChatRequest;
import dev.springcohere.api.ResponseFormat;
import dev.springcohere.api.ResponseFormatType;
import dev.springcohere.api.Tool;
import dev.springcohere.api.UserMessage;
import dev.springcohere.tool.StrictSchemaException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests {@link StructuredOutputs} and {@link StructuredOutputSpec}: schema, response
 * format, parsing and validation.
 */
class StructuredOutputsTests {

	private final StructuredOutputs outputs = new StructuredOutputs();

	@StructuredOutput(name = "movie", description = "A movie")
	record Movie(String title, int year, List<String> genres, LocalDate released) {
	}

	record Plain(String value) {
	}

	record Bounded(@Size(max = 10) String name) {
	}

	record AllOptional(Optional<String> a) {
	}

	record Renamed(@ToolParam(name = "full_name", description = "Given and family name") String name,
			Optional<Renamed> partner) {
	}

	@Test
	void specUsesTheAnnotationForTitleAndDescription() {
		StructuredOutputSpec<Movie> spec = this.outputs.spec(Movie.class);
		assertThat(spec.name()).isEqualTo("movie");
		assertThat(spec.schema().path("title").asString()).isEqualTo("movie");
		assertThat(spec.schema().path("description").asString()).isEqualTo("A movie");
		ResponseFormat format = spec.responseFormat();
		assertThat(format.type()).isEqualTo(ResponseFormatType.JSON_OBJECT);
		assertThat(format.jsonSchema()).isEqualTo(spec.schema());
		assertThat(this.outputs.spec(Movie.class)).isSameAs(spec);
		assertThat(this.outputs.spec(Plain.class).name()).isEqualTo("Plain");
	}

	@Test
	void validAnswersParseWithOrWithoutACodeFence() {
		StructuredOutputSpec<Movie> spec = this.outputs.spec(Movie.class);
		Movie expected = new Movie("Alien", 1979, List.of("horror", "sci-fi"), LocalDate.of(1979, 5, 25));
		String json = "{\"title\":\"Alien\",\"year\":1979,\"genres\":[\"horror\",\"sci-fi\"],\"released\":\"1979-05-25\"}";
		assertThat(spec.parse(json)).isEqualTo(expected);
		assertThat(spec.parse("```json\n" + json + "\n```\n")).isEqualTo(expected);
	}

	@Test
	void invalidJsonKeepsTheRawText() {
		String raw = "Sure! Here is the movie: {\"title\": ";
		assertThatExceptionOfType(StructuredOutputException.class)
			.isThrownBy(() -> this.outputs.spec(Movie.class).parse(raw))
			.satisfies((ex) -> {
				assertThat(ex.getRawText()).isEqualTo(raw);
				assertThat(ex.getTypeName()).isEqualTo("movie");
				assertThat(ex.getErrors()).singleElement().asString().startsWith("not valid JSON: ");
				assertThat(ex.getMessage()).startsWith("The answer is not a valid movie: not valid JSON")
					.endsWith("; the answer was: " + raw);
			});
	}

	@Test
	void schemaViolationsAreListedWithPointers() {
		String raw = "{\"title\":\"Alien\",\"year\":\"old\",\"genres\":[]}";
		assertThatExceptionOfType(StructuredOutputException.class)
			.isThrownBy(() -> this.outputs.spec(Movie.class).parse(raw))
			.satisfies((ex) -> {
				assertThat(ex.getRawText()).isEqualTo(raw);
				assertThat(ex.getErrors()).containsExactlyInAnyOrder("/year: string found, integer expected",
						"/: required property 'released' not found");
			});
	}

	@Test
	void valuesThatValidateButDoNotConvertAreReported() {
		String raw = "{\"title\":\"Alien\",\"year\":1979,\"genres\":[],\"released\":\"25 May 1979\"}";
		assertThatExceptionOfType(StructuredOutputException.class)
			.isThrownBy(() -> this.outputs.spec(Movie.class).parse(raw))
			.satisfies((ex) -> assertThat(ex.getErrors()).singleElement()
				.asString()
				.startsWith("does not convert to " + Movie.class.getName()));
	}

	@Test
	void renamedPropertiesAndRecursiveTypesParse() {
		StructuredOutputSpec<Renamed> spec = this.outputs.spec(Renamed.class);
		assertThat(spec.schema().path("properties").propertyNames()).containsExactly("full_name", "partner");
		assertThat(spec.schema().at("/properties/partner/$ref").asString()).isEqualTo("#");
		assertThat(spec.parse("{\"full_name\":\"Ada\",\"partner\":{\"full_name\":\"Charles\"}}"))
			.isEqualTo(new Renamed("Ada", Optional.of(new Renamed("Charles", Optional.empty()))));
		assertThatExceptionOfType(StructuredOutputException.class).isThrownBy(() -> spec.parse("{\"name\":\"Ada\"}"))
			.satisfies((ex) -> assertThat(ex.getErrors()).contains("/: required property 'full_name' not found"));
	}

	@Test
	void emptyAnswersAreReported() {
		assertThatExceptionOfType(StructuredOutputException.class)
			.isThrownBy(() -> this.outputs.spec(Plain.class).parse("  "))
			.satisfies((ex) -> assertThat(ex.getErrors()).containsExactly("the answer is empty"));
	}

	@Test
	void typesOutsideTheStrictSubsetFailWhenTheSpecIsMade() {
		assertThatExceptionOfType(StrictSchemaException.class).isThrownBy(() -> this.outputs.spec(Bounded.class))
			.withMessageStartingWith("Structured output 'Bounded' (" + Bounded.class.getName() + ") does not fit")
			.withMessageContaining("name (/properties/name): keyword 'maxLength' is not supported; remove @Size");
		assertThatExceptionOfType(StrictSchemaException.class).isThrownBy(() -> this.outputs.spec(AllOptional.class))
			.withMessageContaining("(root) (/): no parameter or property is required");
	}

	@Test
	void requestsWithToolsOrDocumentsAreRejected() {
		ChatRequest request = ChatRequest.builder()
			.messages(UserMessage.of("hi"))
			.tools(Tool.function("t", null,
					new dev.springcohere.tool.JsonSchemaGenerator().mapper().createObjectNode()))
			.build();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> StructuredChat.withFormat(request, this.outputs.spec(Plain.class)))
			.withMessageContaining("Cohere rejects response_format together with them");
	}

}
