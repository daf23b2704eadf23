package dev.springcohere.engine.tokenizer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Locates the shared fixtures and reads the golden files.
 */
final class TokenizerFixtures {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private TokenizerFixtures() {
	}

	static Path sharedDir() {
		String shared = System.getProperty("springcohere.shared.dir");
		if (shared == null || shared.isBlank()) {
			throw new IllegalStateException("System property 'springcohere.shared.dir' is not set; run the tests"
					+ " through Maven (the root pom sets it to <repo root>/../shared) or pass -Dspringcohere.shared.dir");
		}
		Path dir = Path.of(shared);
		if (!Files.isDirectory(dir)) {
			throw new IllegalStateException("Shared fixtures folder " + dir.toAbsolutePath() + " (from"
					+ " 'springcohere.shared.dir') does not exist; check out the shared material beside the repository");
		}
		return dir;
	}

	static Path tinyTokenizerDir() {
		Path dir = sharedDir().resolve("fixtures/engine/tiny-tokenizer");
		if (!Files.isRegularFile(dir.resolve("tokenizer.json"))) {
			throw new IllegalStateException("Missing fixture " + dir.resolve("tokenizer.json").toAbsolutePath());
		}
		return dir;
	}

	static Map<String, Object> golden() {
		return readJson(tinyTokenizerDir().resolve("golden.json"));
	}

	static List<Map<String, Object>> goldenList(String key) {
		return castList(golden().get(key));
	}

	static Map<String, Object> jinja2Reference() {
		try (InputStream in = TokenizerFixtures.class.getResourceAsStream("jinja2-reference.json")) {
			if (in == null) {
				throw new IllegalStateException("Missing test resource jinja2-reference.json");
			}
			return JSON.readValue(in, new TypeReference<Map<String, Object>>() {
			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static Map<String, Object> readJson(Path file) {
		try {
			return JSON.readValue(Files.readString(file), new TypeReference<Map<String, Object>>() {
			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> castList(Object value) {
		return (value != null) ? (List<Map<String, Object>>) value : null;
	}

	static int[] ints(Object list) {
		List<?> items = (List<?>) list;
		int[] ids = new int[items.size()];
		for (int i = 0; i < ids.length; i++) {
			ids[i] = ((Number) items.get(i)).intValue();
		}
		return ids;
	}

	static List<Integer> boxed(int[] ids) {
		List<Integer> list = new ArrayList<>(ids.length);
		for (int id : ids) {
			list.add(id);
		}
		return list;
	}

}
