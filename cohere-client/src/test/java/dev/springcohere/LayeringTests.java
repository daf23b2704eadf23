package dev.springcohere;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Keeps cohere-client's packages layered: {@code api} (with the exception types in
 * {@code api.error}) ← {@code http} ← {@code backend} ← {@code client} ← {@code tool},
 * {@code structured}, {@code agent}; and keeps every package free of cycles.
 */
class LayeringTests {

	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.springcohere");

	@Test
	void packagesDependOnlyOnLowerLayers() {
		layeredArchitecture().consideringOnlyDependenciesInLayers()
			.layer("annotation")
			.definedBy("dev.springcohere.annotation..")
			.layer("api")
			.definedBy("dev.springcohere.api..")
			.layer("http")
			.definedBy("dev.springcohere.http..")
			.layer("backend")
			.definedBy("dev.springcohere.backend..")
			.layer("client")
			.definedBy("dev.springcohere.client..")
			.layer("tool")
			.definedBy("dev.springcohere.tool..")
			.layer("structured")
			.definedBy("dev.springcohere.structured..")
			.layer("agent")
			.definedBy("dev.springcohere.agent..")
			.whereLayer("agent")
			.mayNotBeAccessedByAnyLayer()
			.whereLayer("structured")
			.mayOnlyBeAccessedByLayers("agent")
			.whereLayer("client")
			.mayOnlyBeAccessedByLayers("structured", "agent")
			.whereLayer("backend")
			.mayOnlyBeAccessedByLayers("client", "structured", "agent")
			.whereLayer("http")
			.mayOnlyBeAccessedByLayers("backend", "client", "structured", "agent")
			.whereLayer("tool")
			.mayOnlyBeAccessedByLayers("structured", "agent")
			.check(CLASSES);
	}

	@Test
	void packagesAreFreeOfCycles() {
		slices().matching("dev.springcohere.(**)").should().beFreeOfCycles().check(CLASSES);
	}

}
