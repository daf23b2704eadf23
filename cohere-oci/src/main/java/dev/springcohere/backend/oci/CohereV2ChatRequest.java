package dev.springcohere.backend.oci;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.oracle.bmc.generativeaiinference.model.BaseChatRequest;

/**
 * A {@code chatRequest} with {@code apiFormat} {@code COHEREV2} for the OCI SDK, whose
 * model classes of the reachable releases know only {@code COHERE} and {@code GENERIC}.
 * The fields are the camelCase keys of OCI's {@code CohereChatRequestV2}, already
 * translated by {@link OciChatV2Translator}; the SDK serializes them beside the
 * {@code apiFormat} type id.
 */
@JsonTypeName("COHEREV2")
final class CohereV2ChatRequest extends BaseChatRequest {

	private final Map<String, Object> fields;

	@SuppressWarnings("deprecation")
	CohereV2ChatRequest(Map<String, Object> fields) {
		this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
		fields.keySet().forEach(this::markPropertyAsExplicitlySet);
	}

	@JsonAnyGetter
	Map<String, Object> fields() {
		return this.fields;
	}

	@Override
	public String toString() {
		return "CohereV2ChatRequest" + this.fields.keySet();
	}

}
