package dev.springcohere.tool;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.springcohere.structured.StructuredOutputs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Golden tests of {@link JsonSchemaGenerator}: each signature of {@link SchemaSignatures}
 * against a hand-written schema, every generated schema against the draft 2020-12
 * meta-schema.
 */
class JsonSchemaGeneratorTests {

	private static final String METASCHEMA = "https://json-schema.org/draft/2020-12/schema";

	private final JsonSchemaGenerator generator = new JsonSchemaGenerator();

	private final JsonMapper mapper = JsonMapper.builder().build();

	@ParameterizedTest
	@ValueSource(strings = { "primitives", "collections", "dates", "nested", "described", "constraints", "tree" })
	void parametersSchemaMatchesGoldenFile(String signature) throws IOException {
		JsonNode schema = this.generator.parametersSchema(method(signature));
		assertThat(normalize(schema)).isEqualTo(golden(signature));
		assertThat(metaSchemaErrors(schema)).isEmpty();
	}

	@Test
	void structuredOutputSchemaMatchesGoldenFile() throws IOException {
		JsonNode schema = new StructuredOutputs(this.generator).spec(SchemaSignatures.WeatherReport.class).schema();
		assertThat(normalize(schema)).isEqualTo(golden("weather_report"));
		assertThat(metaSchemaErrors(schema)).isEmpty();
	}

	@Test
	void schemaForRecursiveTypeReferencesTheRoot() {
		JsonNode schema = this.generator.schemaFor(SchemaSignatures.Node.class);
		assertThat(schema.path("properties").path("children").path("items").path("$ref").asString()).isEqualTo("#");
		assertThat(schema.has("$defs")).isFalse();
		assertThat(new StrictSchemaChecker().check(schema)).isEmpty();
		assertThat(schema.has("$schema")).isFalse();
		assertThat(metaSchemaErrors(schema)).isEmpty();
	}

	@Test
	void metaSchemaCheckRejectsAnInvalidSchema() {
		JsonNode invalid = this.mapper.readTree("{\"type\": 5, \"required\": \"name\"}");
		assertThat(metaSchemaErrors(invalid)).isNotEmpty();
	}

	@Test
	void contextParameterIsNotPartOfTheSchema() throws IOException {
		JsonNode schema = this.generator.parametersSchema(method("nested"));
		assertThat(schema.path("properties").propertyNames()).containsExactly("person", "pojo");
	}

	@Test
	void missingParameterNamesFailWithAClearMessage(@TempDir Path dir) throws Exception {
		Path source = dir.resolve("gen/NoNames.java");
		Files.createDirectories(source.getParent());
		Files.writeString(source,
				"package gen;\n" + "public class NoNames {\n"
						+ "  @dev.springcohere.annotation.CohereTool public String echo(String text) { return text; }\n"
						+ "}\n");
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		int status = compiler.run(null, null, null, "-proc:none", "-d", dir.toString(), "-cp",
				System.getProperty("java.class.path"), source.toString());
		assertThat(status).isZero();
		try (URLClassLoader loader = new URLClassLoader(new URL[] { dir.toUri().toURL() },
				getClass().getClassLoader())) {
			Object bean = loader.loadClass("gen.NoNames").getDeclaredConstructor().newInstance();
			assertThatIllegalArgumentException().isThrownBy(() -> new ToolScanner().scan(bean))
				.withMessageContaining("gen.NoNames#echo(String)")
				.withMessageContaining("compile with -parameters")
				.withMessageContaining("@ToolParam(name = \"...\")");
		}
	}

	private static Method method(String name) {
		return Arrays.stream(SchemaSignatures.class.getDeclaredMethods())
			.filter((method) -> method.getName().equals(name))
			.findFirst()
			.orElseThrow();
	}

	private JsonNode golden(String name) throws IOException {
		try (InputStream in = JsonSchemaGeneratorTests.class.getResourceAsStream("schemas/" + name + ".json")) {
			assertThat(in).as("golden file schemas/%s.json", name).isNotNull();
			return this.mapper.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
		}
	}

	private JsonNode normalize(JsonNode schema) {
		return this.mapper.readTree(this.mapper.writeValueAsString(schema));
	}

	static List<String> metaSchemaErrors(JsonNode schema) {
		SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
		Schema meta = registry.getSchema(SchemaLocation.of(METASCHEMA));
		return meta.validate(schema).stream().map(Object::toString).toList();
	}

}
