package dev.springcohere.agent;

import java.util.ArrayList;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import tools.jackson.databind.JsonNode;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

/**
 * Stubs one JSON response per step, in order, and reads back the request bodies.
 */
final class AgentWireMock {

	private AgentWireMock() {
	}

	static void stubSteps(WireMockExtension server, String... responses) {
		for (int i = 0; i < responses.length; i++) {
			String state = (i == 0) ? Scenario.STARTED : "step " + (i + 1);
			server.stubFor(post(urlEqualTo("/v2/chat")).inScenario("agent")
				.whenScenarioStateIs(state)
				.willSetStateTo("step " + (i + 2))
				.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(responses[i])));
		}
	}

	static List<JsonNode> requestBodies(WireMockExtension server) {
		List<JsonNode> bodies = new ArrayList<>();
		for (LoggedRequest request : server.findAll(postRequestedFor(urlEqualTo("/v2/chat")))) {
			bodies.add(AgentFixtures.json(request.getBodyAsString()));
		}
		return bodies;
	}

	/** The messages of a request body with the given role. */
	static List<JsonNode> messages(JsonNode body, String role) {
		List<JsonNode> messages = new ArrayList<>();
		for (JsonNode message : body.get("messages")) {
			if (role.equals(message.get("role").asString())) {
				messages.add(message);
			}
		}
		return messages;
	}

}
