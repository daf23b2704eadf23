package dev.springcohere.api.v1;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A connector a v1 chat searches before answering (spec {@code ChatConnector}), such as
 * {@code web-search}. Cohere marks {@code connectors} deprecated (platform only, not on
 * private deployments).
 *
 * @param id the connector id, such as {@link #WEB_SEARCH}
 * @param userAccessToken a token for the connector's service, or {@code null}
 * @param continueOnFailure whether the chat goes on when the connector fails, or
 * {@code null}
 * @param options connector options (for web search: {@code {"site": "…"}}), or
 * {@code null}
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({ "id", "user_access_token", "continue_on_failure", "options" })
public record V1Connector(String id, @JsonProperty("user_access_token") @Nullable String userAccessToken,
		@JsonProperty("continue_on_failure") @Nullable Boolean continueOnFailure, @Nullable JsonNode options) {

	/** The id of Cohere's managed web-search connector. */
	public static final String WEB_SEARCH = "web-search";

	/**
	 * Checks the id.
	 * @param id the id
	 * @param userAccessToken the token, or {@code null}
	 * @param continueOnFailure whether to go on after a failure, or {@code null}
	 * @param options the options, or {@code null}
	 */
	public V1Connector {
		Objects.requireNonNull(id, "'id' must not be null");
		if (id.isBlank()) {
			throw new IllegalArgumentException("A connector id must not be blank");
		}
		options = (options != null) ? options.deepCopy() : null;
	}

	/**
	 * A connector by id, without options.
	 * @param id the id
	 * @return the connector
	 */
	public static V1Connector of(String id) {
		return new V1Connector(id, null, null, null);
	}

	/**
	 * Returns a copy of the options.
	 * @return the options, or {@code null}
	 */
	@Override
	public @Nullable JsonNode options() {
		return (this.options != null) ? this.options.deepCopy() : null;
	}

	@Override
	public String toString() {
		return "V1Connector[id=" + this.id + ", userAccessToken=" + ((this.userAccessToken != null) ? "******" : null)
				+ ", continueOnFailure=" + this.continueOnFailure + ", options=" + this.options + "]";
	}

}
