package dev.springcohere.tool;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import dev.springcohere.annotation.StructuredOutput;
import dev.springcohere.annotation.ToolParam;

/**
 * Method signatures covering every supported parameter type; each has a golden schema in
 * {@code schemas/<method>.json}.
 */
@SuppressWarnings("unused")
class SchemaSignatures {

	enum Color {

		RED, GREEN

	}

	record Address(@ToolParam(description = "Street and number") String street, String city, @Nullable String zip) {
	}

	record Person(@ToolParam(name = "full_name", description = "Given and family name") String name, int age,
			Optional<String> nickname, @ToolParam(required = false) String note, List<Address> addresses,
			Address home) {
	}

	static final class Pojo {

		private String label = "";

		private boolean active;

		public String getLabel() {
			return this.label;
		}

		public void setLabel(String label) {
			this.label = label;
		}

		public boolean isActive() {
			return this.active;
		}

		public void setActive(boolean active) {
			this.active = active;
		}

	}

	record Node(String label, List<Node> children) {
	}

	record Range(@Min(1) int from, @Max(100) int to, @Size(max = 5) List<String> tags,
			@Pattern(regexp = "[a-z]+") String code) {
	}

	@StructuredOutput(name = "weather_report", description = "A weather report")
	record WeatherReport(String city, double temperature, Color sky, List<String> warnings, LocalDate day) {
	}

	void primitives(int i, long l, double d, float f, boolean b, Integer boxedInt, Long boxedLong, Double boxedDouble,
			Boolean boxedBoolean, String text) {
	}

	void collections(List<String> tags, Set<Color> colors, int[] counts, List<List<Integer>> matrix,
			Optional<Integer> limit, Color color) {
	}

	void dates(LocalDate day, Instant at, LocalTime time, OffsetDateTime offset, UUID id, LocalDateTime local) {
	}

	void nested(Person person, Pojo pojo, ToolContext context) {
	}

	void described(@ToolParam(name = "city_name", description = "The city") String city,
			@ToolParam(required = false, description = "Unit") Color unit, @Nullable String note) {
	}

	void constraints(@Size(min = 1, max = 3) List<String> ids, @Min(1) @Max(10) int count,
			@Pattern(regexp = "[a-z]+") String code, @NotBlank String name, Range range) {
	}

	void tree(Node root) {
	}

}
