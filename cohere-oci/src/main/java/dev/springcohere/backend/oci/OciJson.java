package dev.springcohere.backend.oci;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.springcohere.api.CohereJson;

/**
 * JSON helpers shared by the translators: moves values between the project's Jackson 3
 * trees and the plain maps and lists the OCI SDK (on Jackson 2) accepts as {@code Object}
 * fields.
 */
final class OciJson {

	static final JsonMapper MAPPER = CohereJson.createMapper();

	private OciJson() {
	}

	static ObjectNode object() {
		return MAPPER.createObjectNode();
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> toMap(ObjectNode node) {
		Map<String, Object> map = MAPPER.convertValue(node, LinkedHashMap.class);
		return map;
	}

	static Object toPlain(JsonNode node) {
		return MAPPER.convertValue(node, Object.class);
	}

	static JsonNode toTree(@Nullable Object value) {
		return MAPPER.valueToTree(value);
	}

	static @Nullable String text(@Nullable JsonNode node, String field) {
		if (node == null) {
			return null;
		}
		JsonNode value = node.get(field);
		return (value != null && value.isString()) ? value.asString() : null;
	}

	static @Nullable Integer integer(@Nullable JsonNode node, String field) {
		if (node == null) {
			return null;
		}
		JsonNode value = node.get(field);
		return (value != null && value.isNumber()) ? value.asInt() : null;
	}

	static @Nullable Double number(@Nullable JsonNode node, String field) {
		if (node == null) {
			return null;
		}
		JsonNode value = node.get(field);
		return (value != null && value.isNumber()) ? value.asDouble() : null;
	}

	static String upper(String value) {
		return value.toUpperCase(Locale.ROOT);
	}

	static String lower(String value) {
		return value.toLowerCase(Locale.ROOT);
	}

}
