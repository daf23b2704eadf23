package dev.springcohere.engine.server;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import dev.springcohere.api.ModelEndpoint;
import dev.springcohere.api.ModelInfo;
import dev.springcohere.backend.Capability;
import dev.springcohere.backend.CohereBackend;
import dev.springcohere.client.RequestDefaults;
import dev.springcohere.engine.backend.LocalBackend;
import dev.springcohere.engine.backend.LocalModel;
import org.jspecify.annotations.Nullable;

/**
 * The models a server names: what {@code GET /v1/models} lists, and which names a
 * request's {@code model} field may use. Each model has the name it is reported under,
 * further names it accepts (aliases, such as the names clients already send), and the
 * name the backend itself knows it by (to which a request's name is rewritten).
 * <p>
 * A server with no models ({@link #none()}) lists none and leaves every request's
 * {@code model} to the backend.
 *
 * @since 0.1.0
 */
public final class ServedModels {

	/** The features of a local chat model, in the platform's words. */
	static final List<String> CHAT_FEATURES = List.of("json_mode", "json_schema", "strict_tools", "tool_choice",
			"tools");

	private final List<Served> models;

	private ServedModels(List<Served> models) {
		this.models = List.copyOf(models);
		Set<String> names = new LinkedHashSet<>();
		for (Served model : this.models) {
			for (String name : model.accepted()) {
				if (!names.add(name)) {
					throw new IllegalArgumentException("The model name '" + name + "' is given to two served models; "
							+ "give each --served-model-name once");
				}
			}
		}
	}

	/**
	 * No models: nothing is listed and requests' model names are not checked.
	 * @return the empty set of models
	 */
	public static ServedModels none() {
		return new ServedModels(List.of());
	}

	/**
	 * The models of a backend: for a {@link LocalBackend}, its chat model (reported under
	 * the first of {@code chatNames} when there are any, with the others and its own name
	 * as aliases) and its embedding and rerank models; for any other backend, none.
	 * @param backend the backend
	 * @param chatNames the names the chat model is served under (may be empty)
	 * @return the models
	 * @throws IllegalArgumentException if a name is blank or given twice
	 */
	public static ServedModels of(CohereBackend backend, List<String> chatNames) {
		Objects.requireNonNull(backend, "'backend' must not be null");
		Objects.requireNonNull(chatNames, "'chatNames' must not be null");
		for (String name : chatNames) {
			if (name == null || name.isBlank()) {
				throw new IllegalArgumentException("A served model name must not be blank");
			}
		}
		if (!(backend instanceof LocalBackend local)) {
			if (!chatNames.isEmpty()) {
				throw new IllegalArgumentException("Served model names apply to the local backend only, but the "
						+ "backend is '" + backend.id() + "'");
			}
			return none();
		}
		List<Served> models = new ArrayList<>();
		for (LocalModel model : local.models()) {
			if (model.capability() == Capability.CHAT) {
				Set<String> names = new LinkedHashSet<>(chatNames.stream().map(String::strip).toList());
				names.add(model.name());
				List<String> ordered = List.copyOf(names);
				models.add(new Served(ordered.get(0), ordered.subList(1, ordered.size()), model.name(),
						ModelEndpoint.CHAT, RequestDefaults.DEFAULT_CHAT_MODEL, model.contextLength(), CHAT_FEATURES));
			}
			else if (model.capability() == Capability.EMBED) {
				models.add(new Served(model.name(), List.of(), model.name(), ModelEndpoint.EMBED,
						RequestDefaults.DEFAULT_EMBED_MODEL, model.contextLength(), List.of()));
			}
			else if (model.capability() == Capability.RERANK) {
				models.add(new Served(model.name(), List.of(), model.name(), ModelEndpoint.RERANK,
						RequestDefaults.DEFAULT_RERANK_MODEL, model.contextLength(), List.of()));
			}
		}
		return new ServedModels(models);
	}

	/**
	 * Whether no models are named (requests' names are then not checked).
	 * @return {@code true} for {@link #none()}
	 */
	public boolean isEmpty() {
		return this.models.isEmpty();
	}

	/**
	 * The models in the list format, optionally only those of an endpoint.
	 * @param endpoint the endpoint, or {@code null} for all
	 * @return the descriptions
	 */
	List<ModelInfo> list(@Nullable ModelEndpoint endpoint) {
		return this.models.stream()
			.filter((model) -> endpoint == null || model.endpoint().equals(endpoint))
			.map(Served::info)
			.toList();
	}

	/**
	 * The model a name (reported name or alias) stands for.
	 * @param name the name
	 * @return the model, or empty for an unknown name
	 */
	Optional<Served> find(String name) {
		return this.models.stream().filter((model) -> model.accepted().contains(name)).findFirst();
	}

	/**
	 * The model serving an endpoint.
	 * @param endpoint the endpoint
	 * @return the model, or empty if none serves it
	 */
	Optional<Served> forEndpoint(ModelEndpoint endpoint) {
		return this.models.stream().filter((model) -> model.endpoint().equals(endpoint)).findFirst();
	}

	/**
	 * The names reported, for messages.
	 * @return the names
	 */
	List<String> names() {
		return this.models.stream().map(Served::name).toList();
	}

	/**
	 * One served model.
	 *
	 * @param name the name reported
	 * @param aliases the other names accepted
	 * @param backendName the name the backend knows the model by
	 * @param endpoint the endpoint it serves
	 * @param clientDefault the name a Cohere client sends when its user names no model
	 * (accepted, as the backend serves one model per endpoint)
	 * @param contextLength the context length in tokens
	 * @param features the features, in the platform's words
	 */
	record Served(String name, List<String> aliases, String backendName, ModelEndpoint endpoint, String clientDefault,
			int contextLength, List<String> features) {

		/**
		 * The names a request may use for this model: the reported one and the aliases.
		 * @return the names
		 */
		List<String> accepted() {
			List<String> accepted = new ArrayList<>(this.aliases.size() + 1);
			accepted.add(this.name);
			accepted.addAll(this.aliases);
			return accepted;
		}

		ModelInfo info() {
			return new ModelInfo(this.name, false, List.of(this.endpoint), false, (double) this.contextLength, null,
					List.of(this.endpoint), this.features, null);
		}

	}

}
