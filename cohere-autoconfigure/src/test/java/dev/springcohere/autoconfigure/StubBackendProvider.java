package dev.springcohere.autoconfigure;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.springcohere.api.ChatRequest;
import dev.springcohere.api.ChatResponse;
import dev.springcohere.api.CohereJson;
import dev.springcohere.api.EmbedRequest;
import dev.springcohere.api.EmbedResponse;
import dev.springcohere.backend.BackendGauge;
import dev.springcohere.backend.BackendSettings;
import dev.springcohere.backend.Capabilities;
import dev.springcohere.backend.Capability;
import dev.springcohere.backend.CohereBackend;
import dev.springcohere.backend.CohereBackendProvider;

/**
 * A test backend ({@code stub}) found through {@link java.util.ServiceLoader}: answers
 * embed requests in memory and records them with the settings it was created with.
 */
public final class StubBackendProvider implements CohereBackendProvider {

	public StubBackendProvider() {
	}

	@Override
	public String id() {
		return "stub";
	}

	@Override
	public CohereBackend create(BackendSettings settings) {
		return new StubBackend(settings);
	}

	/**
	 * The stub backend.
	 */
	public static final class StubBackend implements CohereBackend {

		final BackendSettings settings;

		final List<EmbedRequest> embedRequests = new CopyOnWriteArrayList<>();

		volatile boolean closed;

		StubBackend(BackendSettings settings) {
			this.settings = settings;
		}

		@Override
		public String id() {
			return "stub";
		}

		@Override
		public Capabilities capabilities() {
			return Capabilities.of(Capability.CHAT, Capability.EMBED);
		}

		@Override
		public ChatResponse chat(ChatRequest request) {
			throw new UnsupportedOperationException("stub chat");
		}

		@Override
		public EmbedResponse embed(EmbedRequest request) {
			this.embedRequests.add(request);
			return CohereJson.createMapper()
				.readValue("{\"id\":\"stub\",\"response_type\":\"embeddings_by_type\","
						+ "\"embeddings\":{\"float\":[[0.5,0.25]]},\"texts\":[\"x\"]}", EmbedResponse.class);
		}

		@Override
		public List<BackendGauge> gauges() {
			return List.of(
					new BackendGauge("test.stub.embeds", "Embed requests served", "requests", BackendGauge.Kind.COUNTER,
							this.embedRequests::size),
					new BackendGauge("test.stub.open", "1 while open", "", BackendGauge.Kind.GAUGE,
							() -> this.closed ? 0 : 1));
		}

		@Override
		public void close() {
			this.closed = true;
		}

	}

}
