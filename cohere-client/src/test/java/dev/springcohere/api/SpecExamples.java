package dev.springcohere.api;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The {@code x-fern-examples} of Cohere's OpenAPI description
 * ({@code <shared>/cohere-api/cohere-openapi.yaml}), read once with the YAML 1.2 parser
 * of jackson-dataformat-yaml. Public for the tests of other packages.
 */
public final class SpecExamples {

	private static final JsonNode SPEC = load();

	private SpecExamples() {
	}

	public static JsonNode spec() {
		return SPEC;
	}

	/**
	 * Returns the examples of an operation, named by the first code sample's name, their
	 * position and, for streamed responses, "(stream)".
	 */
	public static List<Example> of(String path, String method) {
		JsonNode operation = SPEC.path("paths").path(path).path(method);
		if (operation.isMissingNode()) {
			throw new IllegalStateException("The spec has no operation " + method.toUpperCase() + " " + path);
		}
		List<Example> examples = new ArrayList<>();
		JsonNode list = operation.path("x-fern-examples");
		for (int i = 0; i < list.size(); i++) {
			JsonNode example = list.get(i);
			JsonNode response = example.path("response");
			boolean stream = response.has("stream");
			String sample = example.path("code-samples").path(0).path("name").asString("example");
			String name = path + " #" + i + " " + sample + (stream ? " (stream)" : "");
			examples.add(new Example(name, sample, node(example.path("request")), node(response.path("body")),
					stream ? response.get("stream") : null));
		}
		return examples;
	}

	private static @Nullable JsonNode node(JsonNode node) {
		return node.isMissingNode() ? null : node;
	}

	private static JsonNode load() {
		String shared = System.getProperty("springcohere.shared.dir");
		if (shared == null) {
			throw new IllegalStateException("System property 'springcohere.shared.dir' is not set; run the tests "
					+ "through Maven (the root pom sets it to <repository root>/../shared)");
		}
		Path file = Path.of(shared, "cohere-api", "cohere-openapi.yaml");
		if (!Files.isRegularFile(file)) {
			throw new IllegalStateException("The Cohere OpenAPI file is missing at " + file.toAbsolutePath()
					+ "; the shared folder must sit beside the repository checkout");
		}
		return YAMLMapper.builder().build().readTree(file.toFile());
	}

	/**
	 * One example of an operation.
	 *
	 * @param name the display name
	 * @param sample the name of its first code sample ("Default", "Tools", ...)
	 * @param request the request body, or {@code null}
	 * @param body the response body, or {@code null}
	 * @param stream the streamed events ({@code [{event, data}]}), or {@code null}
	 */
	public record Example(String name, String sample, @Nullable JsonNode request, @Nullable JsonNode body,
			@Nullable JsonNode stream) {

		public List<JsonNode> eventData() {
			List<JsonNode> data = new ArrayList<>();
			if (this.stream != null) {
				this.stream.forEach((event) -> data.add(event.get("data")));
			}
			return data;
		}

		@Override
		public String toString() {
			return this.name;
		}

	}

	public static String describe(List<Example> examples) {
		return examples.stream().map(Example::name).collect(Collectors.joining(", "));
	}

}
