package dev.springcohere.client;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.springcohere.api.SpecExamples;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the capability table of {@code docs/client.md} and Cohere's OpenAPI description
 * in step: every operation of the spec has one row; an {@code implemented} row names
 * public methods that exist and an operation that a WireMock test sends; any other row
 * ({@code excluded}, {@code planned}) gives its reason. Methods are named by the simple
 * name of their class in {@code dev.springcohere.client} or
 * {@code dev.springcohere.backend.v1}.
 */
class PlatformApiCoverageTests {

	private static final Set<String> STATUSES = Set.of("implemented", "excluded", "planned");

	/**
	 * Implemented operations tested by other classes (with the spec's example bodies).
	 */
	private static final Map<String, String> TESTED_ELSEWHERE = Map.of("POST /v2/chat", "CohereClientSpecExamplesTests",
			"POST /v2/embed", "CohereClientSpecExamplesTests", "POST /v2/rerank", "CohereClientSpecExamplesTests",
			"POST /v1/tokenize", "CohereClientSpecExamplesTests", "POST /v1/detokenize",
			"CohereClientSpecExamplesTests", "GET /v1/models", "CohereClientSpecExamplesTests", "POST /v1/chat",
			"CohereClientV1Tests", "POST /v1/generate", "CohereClientV1Tests", "POST /v1/summarize",
			"CohereClientV1Tests", "POST /v1/check-api-key", "CheckApiKeyTests");

	private static final Pattern ROW = Pattern
		.compile("^\\| `(GET|POST|PUT|PATCH|DELETE) ([^`]+)` \\| ([a-z ]+) \\| (.*) \\|$");

	private static final Pattern MEMBER = Pattern.compile("`(\\w+)#(\\w+)`");

	@Test
	void everyOperationOfTheSpecHasARowAndEveryRowAnOperation() throws IOException {
		Map<String, Row> rows = rows();
		Set<String> spec = specOperations();
		assertThat(spec).as("operations of cohere-openapi.yaml").hasSizeGreaterThan(30);
		assertThat(new TreeSet<>(rows.keySet()))
			.as("rows of the capability table of docs/client.md (add a row for each operation of the spec)")
			.containsAll(spec);
		assertThat(spec).as("operations of the spec (a row names an operation the spec does not have)")
			.containsAll(rows.keySet());
	}

	@Test
	void everyRowHasAKnownStatusAndImplementedRowsNameExistingMethods() throws IOException {
		for (Row row : rows().values()) {
			assertThat(STATUSES).as("status of " + row.operation()).contains(row.status());
			if (!row.status().equals("implemented")) {
				assertThat(row.details().strip()).as("the reason of " + row.operation()).hasSizeGreaterThan(10);
				continue;
			}
			Matcher member = MEMBER.matcher(row.details());
			List<String> members = new ArrayList<>();
			while (member.find()) {
				Class<?> type = clientClass(member.group(1));
				String name = member.group(2);
				assertThat(Arrays.stream(type.getMethods())
					.filter((method) -> Modifier.isPublic(method.getModifiers()))
					.map(Method::getName)).as(row.operation() + ": " + type.getSimpleName() + "#" + name)
					.contains(name);
				members.add(name);
			}
			assertThat(members).as("the methods of " + row.operation()).isNotEmpty();
		}
	}

	@Test
	void everyImplementedOperationIsSentInAWireMockTest() throws IOException {
		List<String> covered = PlatformApiSpecSamplesTests.coveredOperations();
		for (Row row : rows().values()) {
			if (row.status().equals("implemented")) {
				assertThat(covered.contains(row.operation()) || TESTED_ELSEWHERE.containsKey(row.operation()))
					.as(row.operation() + " is implemented but no WireMock test sends it "
							+ "(add it to PlatformApiSpecSamplesTests.operations())")
					.isTrue();
			}
		}
	}

	private static Class<?> clientClass(String simpleName) {
		for (String pkg : List.of("dev.springcohere.client.", "dev.springcohere.backend.v1.")) {
			try {
				return Class.forName(pkg + simpleName);
			}
			catch (ClassNotFoundException ex) {
				// try the next package
			}
		}
		throw new AssertionError("docs/client.md names " + simpleName
				+ ", which is not a class of dev.springcohere.client or dev.springcohere.backend.v1");
	}

	private static Set<String> specOperations() {
		Set<String> operations = new TreeSet<>();
		JsonNode paths = SpecExamples.spec().path("paths");
		for (String path : paths.propertyNames()) {
			for (String method : paths.path(path).propertyNames()) {
				if (Set.of("get", "post", "put", "patch", "delete").contains(method)) {
					operations.add(method.toUpperCase() + " " + path);
				}
			}
		}
		return operations;
	}

	private static Map<String, Row> rows() throws IOException {
		String page = Files.readString(clientPage());
		int start = page.indexOf("<!-- operations:start -->");
		int end = page.indexOf("<!-- operations:end -->");
		assertThat(start).as("the operations:start marker of docs/client.md").isPositive();
		assertThat(end).as("the operations:end marker of docs/client.md").isGreaterThan(start);
		Map<String, Row> rows = new LinkedHashMap<>();
		for (String line : page.substring(start, end).split("\n")) {
			Matcher matcher = ROW.matcher(line.strip());
			if (matcher.matches()) {
				Row row = new Row(matcher.group(1) + " " + matcher.group(2), matcher.group(3), matcher.group(4));
				assertThat(rows.put(row.operation(), row)).as("a second row for " + row.operation()).isNull();
			}
			else if (line.startsWith("| `")) {
				throw new AssertionError("A row of the capability table does not read "
						+ "'| `METHOD path` | status | details |': " + line);
			}
		}
		return rows;
	}

	private static Path clientPage() {
		Path dir = Path.of("").toAbsolutePath();
		while (dir != null && !Files.isDirectory(dir.resolve("docs"))) {
			dir = dir.getParent();
		}
		assertThat(dir).as("a folder holding docs/ above " + Path.of("").toAbsolutePath()).isNotNull();
		Path page = dir.resolve("docs").resolve("client.md");
		assertThat(page).as("the client guide").isRegularFile();
		return page;
	}

	private record Row(String operation, String status, String details) {

	}

}
