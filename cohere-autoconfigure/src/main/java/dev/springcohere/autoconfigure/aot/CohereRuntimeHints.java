package dev.springcohere.autoconfigure.aot;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.core.type.classreading.SimpleMetadataReaderFactory;
import org.springframework.util.ClassUtils;

/**
 * The hints of the starter itself, registered in {@code META-INF/spring/aot.factories}:
 * <ul>
 * <li>every type of the Cohere API model ({@code dev.springcohere.api}, records and enums
 * that Jackson reads and writes): constructors, methods and fields;</li>
 * <li>the backend providers that {@link java.util.ServiceLoader} finds: their
 * {@code META-INF/services} files and public constructors, for every provider on the
 * class path when the hints are computed (platform, private, Azure, OpenAI-compatible,
 * and Bedrock, SageMaker, OCI and the local engine when their modules are present);</li>
 * <li>the native tokenizer library, when the engine or the tokenizer library (for
 * {@code cohere.tokenize.offline}) is present.</li>
 * </ul>
 *
 * @since 0.1.0
 */
public final class CohereRuntimeHints implements RuntimeHintsRegistrar {

	/** The service file the backends are found by. */
	static final String PROVIDERS = "META-INF/services/dev.springcohere.backend.CohereBackendProvider";

	private static final MemberCategory[] BINDING = { MemberCategory.INVOKE_DECLARED_CONSTRUCTORS,
			MemberCategory.INVOKE_DECLARED_METHODS, MemberCategory.ACCESS_DECLARED_FIELDS };

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver(classLoader);
		for (String type : apiTypes(resolver)) {
			hints.reflection().registerType(TypeReference.of(type), BINDING);
		}
		hints.resources().registerPattern(PROVIDERS);
		for (String provider : providers(resolver)) {
			hints.reflection().registerType(TypeReference.of(provider), MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS);
		}
		if (ClassUtils.isPresent("dev.springcohere.engine.backend.LocalBackend", classLoader)
				|| ClassUtils.isPresent("ai.djl.huggingface.tokenizers.HuggingFaceTokenizer", classLoader)) {
			hints.resources().registerPattern("native/lib/*");
		}
	}

	/** The classes of the API model, nested ones included. */
	static Set<String> apiTypes(PathMatchingResourcePatternResolver resolver) {
		MetadataReaderFactory readers = new SimpleMetadataReaderFactory(resolver);
		Set<String> types = new LinkedHashSet<>();
		try {
			for (Resource resource : resolver.getResources("classpath*:dev/springcohere/api/**/*.class")) {
				String name = readers.getMetadataReader(resource).getClassMetadata().getClassName();
				if (!name.endsWith("package-info")) {
					types.add(name);
				}
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot list the Cohere API types for the AOT hints: " + ex.getMessage(),
					ex);
		}
		if (types.isEmpty()) {
			throw new IllegalStateException("No Cohere API types found under dev/springcohere/api on the class path");
		}
		return types;
	}

	/** The provider classes named by every service file on the class path. */
	static Set<String> providers(PathMatchingResourcePatternResolver resolver) {
		Set<String> providers = new LinkedHashSet<>();
		try {
			for (Resource resource : resolver.getResources("classpath*:" + PROVIDERS)) {
				try (InputStream in = resource.getInputStream()) {
					for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
						String name = line.replaceFirst("#.*", "").strip();
						if (!name.isEmpty()) {
							providers.add(name);
						}
					}
				}
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read " + PROVIDERS + " for the AOT hints: " + ex.getMessage(), ex);
		}
		return providers;
	}

}
