package dev.springcohere.sample.support;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiExceptionTests {

	@Test
	void requireTextNamesTheBlankField() {
		assertThat(ApiException.requireText("Hi", "message")).isEqualTo("Hi");
		assertThatThrownBy(() -> ApiException.requireText("  ", "message"))
			.isInstanceOfSatisfying(ApiException.class,
					(ex) -> assertThat(ex.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST))
			.hasMessage("'message' is required and must not be blank");
		assertThatThrownBy(() -> ApiException.requireText(null, "text"))
			.hasMessage("'text' is required and must not be blank");
	}

	@Test
	void requireTextsNamesAnEmptyListOrTheIndexOfABlankText() {
		assertThat(ApiException.requireTexts(List.of("a", "b"), "texts")).containsExactly("a", "b");
		assertThatThrownBy(() -> ApiException.requireTexts(List.of(), "texts"))
			.hasMessage("'texts' is required and must hold at least one text");
		assertThatThrownBy(() -> ApiException.requireTexts(null, "documents"))
			.hasMessage("'documents' is required and must hold at least one text");
		assertThatThrownBy(() -> ApiException.requireTexts(Arrays.asList("a", null), "texts"))
			.hasMessage("'texts[1]' must not be blank");
		assertThatThrownBy(() -> ApiException.requireTexts(List.of("a", "b", " "), "texts"))
			.hasMessage("'texts[2]' must not be blank");
	}

}
