package dev.springcohere.client;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import dev.springcohere.api.RawResponse;
import dev.springcohere.api.RequestOptions;
import dev.springcohere.api.connectors.Connector;
import dev.springcohere.api.connectors.ConnectorRequest;
import dev.springcohere.api.connectors.ConnectorResponse;
import dev.springcohere.api.connectors.ListConnectorsResponse;
import dev.springcohere.api.connectors.OAuthAuthorizeResponse;
import dev.springcohere.api.error.CohereMalformedResponseException;
import dev.springcohere.backend.Capability;
import dev.springcohere.backend.CohereBackend;
import dev.springcohere.backend.PlatformCall;

/**
 * Cohere's connectors API ({@code /v1/connectors}; Cohere marks it deprecated): create,
 * list, get, update and delete connectors, and start a connector's OAuth authorization.
 *
 * @since 0.1.0
 */
public final class ConnectorsApi extends PlatformApiView<ConnectorsApi> {

	private static final String CONNECTORS = "/v1/connectors";

	private static final String CONNECTOR = CONNECTORS + "/{id}";

	ConnectorsApi(CohereBackend backend, RequestOptions options,
			@Nullable AtomicReference<@Nullable RawResponse<?>> rawSink) {
		super(backend, options, rawSink);
	}

	@Override
	ConnectorsApi copy(CohereBackend backend, RequestOptions options,
			@Nullable AtomicReference<@Nullable RawResponse<?>> rawSink) {
		return new ConnectorsApi(backend, options, rawSink);
	}

	/**
	 * Lists connectors; blocks.
	 * @param limit the most connectors to return, or {@code null} for the server default
	 * @param offset how many to skip, or {@code null} for none
	 * @return the connectors and their total count
	 */
	public ListConnectorsResponse list(@Nullable Integer limit, @Nullable Integer offset) {
		return call(listCall(limit, offset));
	}

	/**
	 * Reactive form of {@link #list(Integer, Integer)}.
	 * @param limit the most connectors to return, or {@code null}
	 * @param offset how many to skip, or {@code null}
	 * @return a {@code Mono} of the connectors
	 */
	public Mono<ListConnectorsResponse> listAsync(@Nullable Integer limit, @Nullable Integer offset) {
		return callAsync(listCall(limit, offset));
	}

	/**
	 * Creates a connector; blocks.
	 * @param request the name and URL (required), and the rest
	 * @return the new connector
	 */
	public Connector create(ConnectorRequest request) {
		return unwrap(call(createCall(request)));
	}

	/**
	 * Reactive form of {@link #create(ConnectorRequest)}.
	 * @param request the connector
	 * @return a {@code Mono} of the new connector
	 */
	public Mono<Connector> createAsync(ConnectorRequest request) {
		return callAsync(createCall(request)).map(ConnectorsApi::unwrap);
	}

	/**
	 * Reads a connector; blocks.
	 * @param id the connector id
	 * @return the connector
	 */
	public Connector get(String id) {
		return unwrap(call(getCall(id)));
	}

	/**
	 * Reactive form of {@link #get(String)}.
	 * @param id the connector id
	 * @return a {@code Mono} of the connector
	 */
	public Mono<Connector> getAsync(String id) {
		return callAsync(getCall(id)).map(ConnectorsApi::unwrap);
	}

	/**
	 * Updates a connector: only the fields set are changed; blocks.
	 * @param id the connector id
	 * @param request the fields to change
	 * @return the updated connector
	 */
	public Connector update(String id, ConnectorRequest request) {
		return unwrap(call(updateCall(id, request)));
	}

	/**
	 * Reactive form of {@link #update(String, ConnectorRequest)}.
	 * @param id the connector id
	 * @param request the fields to change
	 * @return a {@code Mono} of the updated connector
	 */
	public Mono<Connector> updateAsync(String id, ConnectorRequest request) {
		return callAsync(updateCall(id, request)).map(ConnectorsApi::unwrap);
	}

	/**
	 * Deletes a connector; blocks.
	 * @param id the connector id
	 */
	public void delete(String id) {
		call(deleteCall(id));
	}

	/**
	 * Reactive form of {@link #delete(String)}.
	 * @param id the connector id
	 * @return a {@code Mono} that completes when the connector is deleted
	 */
	public Mono<Void> deleteAsync(String id) {
		return callAsync(deleteCall(id)).then();
	}

	/**
	 * Starts the OAuth authorization of a connector; blocks.
	 * @param id the connector id
	 * @param afterTokenRedirect where to send the user once authorized, or {@code null}
	 * @return the URL to send the user to
	 */
	public OAuthAuthorizeResponse authorize(String id, @Nullable String afterTokenRedirect) {
		return call(authorizeCall(id, afterTokenRedirect));
	}

	/**
	 * Reactive form of {@link #authorize(String, String)}.
	 * @param id the connector id
	 * @param afterTokenRedirect where to send the user once authorized, or {@code null}
	 * @return a {@code Mono} of the URL to send the user to
	 */
	public Mono<OAuthAuthorizeResponse> authorizeAsync(String id, @Nullable String afterTokenRedirect) {
		return callAsync(authorizeCall(id, afterTokenRedirect));
	}

	private static PlatformCall<ListConnectorsResponse> listCall(@Nullable Integer limit, @Nullable Integer offset) {
		Map<String, @Nullable Object> query = new LinkedHashMap<>();
		query.put("limit", limit);
		query.put("offset", offset);
		return new PlatformCall<>(Capability.CONNECTORS, "list-connectors", "GET",
				PlatformCall.query(CONNECTORS, query), null, null, ListConnectorsResponse.class, RequestOptions.none());
	}

	private static PlatformCall<ConnectorResponse> createCall(ConnectorRequest request) {
		Objects.requireNonNull(request, "'request' must not be null");
		if (request.name() == null || request.url() == null) {
			throw new IllegalArgumentException(
					"Creating a connector needs a name and a url; set them on the " + "ConnectorRequest builder");
		}
		return new PlatformCall<>(Capability.CONNECTORS, "create-connector", "POST", CONNECTORS, request, null,
				ConnectorResponse.class, RequestOptions.none());
	}

	private static PlatformCall<ConnectorResponse> getCall(String id) {
		return new PlatformCall<>(Capability.CONNECTORS, "get-connector", "GET",
				PlatformCall.path(CONNECTOR, requireId(id, "id")), null, null, ConnectorResponse.class,
				RequestOptions.none());
	}

	private static PlatformCall<ConnectorResponse> updateCall(String id, ConnectorRequest request) {
		Objects.requireNonNull(request, "'request' must not be null");
		return new PlatformCall<>(Capability.CONNECTORS, "update-connector", "PATCH",
				PlatformCall.path(CONNECTOR, requireId(id, "id")), request, null, ConnectorResponse.class,
				RequestOptions.none());
	}

	@SuppressWarnings("rawtypes")
	private static PlatformCall<Map> deleteCall(String id) {
		return new PlatformCall<>(Capability.CONNECTORS, "delete-connector", "DELETE",
				PlatformCall.path(CONNECTOR, requireId(id, "id")), null, null, Map.class, RequestOptions.none());
	}

	private static PlatformCall<OAuthAuthorizeResponse> authorizeCall(String id, @Nullable String afterTokenRedirect) {
		Map<String, @Nullable Object> query = new LinkedHashMap<>();
		query.put("after_token_redirect", afterTokenRedirect);
		return new PlatformCall<>(Capability.CONNECTORS, "oAuthAuthorize-connector", "POST",
				PlatformCall.query(PlatformCall.path(CONNECTOR + "/oauth/authorize", requireId(id, "id")), query), null,
				null, OAuthAuthorizeResponse.class, RequestOptions.none());
	}

	private static Connector unwrap(ConnectorResponse response) {
		if (response.connector() == null) {
			throw new CohereMalformedResponseException("The answer has no 'connector': " + response,
					String.valueOf(response), null);
		}
		return response.connector();
	}

}
