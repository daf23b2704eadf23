package dev.springcohere.backend.v1;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.springcohere.api.Tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class V1ToolParametersTests {

	private static final JsonMapper JSON = JsonMapper.shared();

	@Test
	void everyJsonSchemaTypeMapsToItsPythonName() {
		JsonNode schema = JSON.readTree("""
				{"type":"object","required":["city","days"],"properties":{
				"city":{"type":"string","description":"City"},
				"days":{"type":"integer"},
				"ratio":{"type":"number"},
				"metric":{"type":["boolean","null"]},
				"filters":{"type":"object"},
				"ids":{"type":"array","items":{"type":"integer"}},
				"grid":{"type":"array","items":{"type":"array","items":{"type":"number"}}},
				"anything":{"type":"array"}}}""");
		List<V1ToolParameters.Definition> definitions = V1ToolParameters
			.definitions(Tool.function("forecast", "Weather", schema), "bedrock");
		assertThat(definitions).extracting(V1ToolParameters.Definition::type)
			.containsExactly("str", "int", "float", "bool", "Dict", "List[int]", "List[List[float]]", "List");
		assertThat(definitions.get(0)).isEqualTo(new V1ToolParameters.Definition("city", "City", "str", true));
		assertThat(definitions.get(2).required()).isFalse();
	}

	@Test
	void aPropertyWithoutAnExpressibleTypeFailsNamingToolAndParameter() {
		JsonNode schema = JSON.readTree("""
				{"type":"object","properties":{"choice":{"anyOf":[{"type":"string"},{"type":"integer"}]}}}""");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> V1ToolParameters.definitions(Tool.function("pick", null, schema), "oci"))
			.withMessageContaining("'choice' of the tool 'pick'")
			.withMessageContaining("string, integer, number, boolean, object, array");
	}

}
