package dev.springcohere.sample.rag;

import java.nio.file.Path;

import dev.springcohere.sample.support.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RagBadFolderTests {

	@TempDir
	Path dir;

	@Test
	void missingDocsDirFailsTheStartupNamingTheProperty() {
		String missing = this.dir.resolve("no-such-folder").toString();
		assertThatThrownBy(() -> new SpringApplicationBuilder(RagApplication.class)
			.run("--server.port=0", "--CO_API_KEY=", "--COHERE_API_KEY=", "--CO_API_URL=", "--cohere.backend=platform",
					"--rag.ingest-on-startup=true", "--rag.docs-dir=" + missing)
			.close()).isInstanceOf(ApiException.class)
			.hasMessageContaining("rag.docs-dir is '" + missing + "', which does not exist");
	}

}
