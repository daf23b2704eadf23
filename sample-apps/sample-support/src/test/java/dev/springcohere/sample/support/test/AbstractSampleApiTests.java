package dev.springcohere.sample.support.test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of a black-box test of a sample started with
 * {@code @SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)}: sends real HTTP
 * requests to its port and reads the JSON answers.
 */
public abstract class AbstractSampleApiTests {

	/**
	 * Reads the answers.
	 */
	protected final JsonMapper json = JsonMapper.builder().build();

	/**
	 * Sends the requests.
	 */
	protected final HttpClient http = HttpClient.newHttpClient();

	/**
	 * The port the sample listens on.
	 */
	@LocalServerPort
	protected int port;

	/**
	 * Returns the address of a path of the sample.
	 * @param path the path with its query, such as {@code /api/chat/stream?message=Hi}
	 * @return the address on localhost
	 */
	protected URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	/**
	 * Sends a {@code GET}.
	 * @param path the path with its query
	 * @return the response with its body as text
	 * @throws IOException when the request cannot be sent
	 * @throws InterruptedException when interrupted while waiting
	 */
	protected HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * Sends a {@code POST} with a JSON body.
	 * @param path the path
	 * @param body the JSON body
	 * @return the response with its body as text
	 * @throws IOException when the request cannot be sent
	 * @throws InterruptedException when interrupted while waiting
	 */
	protected HttpResponse<String> postJson(String path, String body) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * Returns the message of a JSON error answer {@code {"error": "..."}}.
	 * @param response the response
	 * @return the message
	 */
	protected String error(HttpResponse<String> response) {
		return this.json.readTree(response.body()).get("error").asString();
	}

	/**
	 * Asserts that a response is a 400 whose error names a request field.
	 * @param response the response
	 * @param field the field, quoted in the error
	 */
	protected void assertBadRequest(HttpResponse<String> response, String field) {
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(error(response)).contains("'" + field + "'");
	}

}
