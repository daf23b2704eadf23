package dev.springcohere.backend.oci;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.oracle.bmc.generativeaiinference.model.BaseChatResponse;

/**
 * A {@code chatResponse} with {@code apiFormat} {@code COHEREV2}, as the OCI SDK reads
 * it: the fields of OCI's {@code CohereChatResponseV2} kept as plain maps and lists, for
 * {@link OciChatV2Translator} to read.
 */
@JsonTypeName("COHEREV2")
final class CohereV2ChatResponse extends BaseChatResponse {

	private final Map<String, Object> fields = new LinkedHashMap<>();

	@SuppressWarnings("deprecation")
	CohereV2ChatResponse() {
	}

	@JsonAnySetter
	void set(String name, Object value) {
		this.fields.put(name, value);
	}

	Map<String, Object> fields() {
		return Collections.unmodifiableMap(this.fields);
	}

	@Override
	public String toString() {
		return "CohereV2ChatResponse" + this.fields.keySet();
	}

}
