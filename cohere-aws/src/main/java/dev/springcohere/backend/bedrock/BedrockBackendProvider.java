package dev.springcohere.backend.bedrock;

import java.util.ArrayList;
import java.util.List;

import dev.springcohere.backend.BackendSettings;
import dev.springcohere.backend.CohereBackend;
import dev.springcohere.backend.CohereBackendProvider;
import dev.springcohere.backend.Setting;

/**
 * Provides the {@code bedrock} backend: Cohere models on Amazon Bedrock. It needs an AWS
 * region ({@code cohere.bedrock.region} or the AWS default region chain) and either a
 * Bedrock API key ({@code cohere.bedrock.api-key} or the environment variable
 * {@code AWS_BEARER_TOKEN_BEDROCK}) or AWS credentials (static keys, a profile or the AWS
 * default credentials chain); see
 * {@link BedrockBackend#create(BackendSettings, java.util.function.Function)} for which
 * wins.
 *
 * @since 0.1.0
 */
public final class BedrockBackendProvider implements CohereBackendProvider {

	/**
	 * Creates the provider (for {@link java.util.ServiceLoader}).
	 */
	public BedrockBackendProvider() {
	}

	@Override
	public String id() {
		return BedrockBackend.ID;
	}

	@Override
	public List<Setting<?>> settings() {
		List<Setting<?>> settings = new ArrayList<>(BedrockBackend.AWS_KEYS.all());
		settings.add(BedrockBackend.CHAT_FORMAT);
		settings.add(BedrockApiKey.PROPERTY);
		return List.copyOf(settings);
	}

	/**
	 * Creates a {@link BedrockBackend}.
	 * @param settings the settings
	 * @return the backend
	 * @throws IllegalStateException when no region can be found or a property is wrong
	 */
	@Override
	public CohereBackend create(BackendSettings settings) {
		return BedrockBackend.create(settings);
	}

}
