package dev.springcohere.api;

import com.fasterxml.jackson.annotation.JsonInclude;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Creates Jackson 3 {@link JsonMapper}s configured for the Cohere wire types of this
 * package.
 * <p>
 * The types carry their own Jackson annotations, so a plain {@code JsonMapper} reads and
 * writes them too; the mapper made here additionally ignores unknown properties
 * everywhere, omits {@code null} values, and keeps the declaration order of properties
 * (Jackson 3 sorts them alphabetically by default), which makes request bodies read like
 * the API reference.
 *
 * @since 0.1.0
 */
public final class CohereJson {

	private CohereJson() {
	}

	/**
	 * Creates a new mapper for the Cohere wire types.
	 * @return a new, independent mapper
	 */
	public static JsonMapper createMapper() {
		return mapperBuilder().build();
	}

	/**
	 * Returns a builder preconfigured like {@link #createMapper()}, for callers that add
	 * their own settings.
	 * @return a new builder
	 */
	public static JsonMapper.Builder mapperBuilder() {
		return JsonMapper.builder()
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
			.changeDefaultPropertyInclusion((inclusion) -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL));
	}

}
