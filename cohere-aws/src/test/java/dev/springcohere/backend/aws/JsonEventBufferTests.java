package dev.springcohere.backend.aws;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.springcohere.api.error.CohereMalformedResponseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class JsonEventBufferTests {

	private static final String EVENTS = "{\"a\":\"x{y}\\\"z\",\"b\":[1,{\"c\":2}]}\n{\"d\":\"é\"}{\"e\":[]}";

	@Test
	void everyCutPositionYieldsTheSameEvents() {
		byte[] bytes = EVENTS.getBytes(StandardCharsets.UTF_8);
		for (int cut = 0; cut <= bytes.length; cut++) {
			JsonEventBuffer buffer = new JsonEventBuffer();
			List<String> events = new ArrayList<>(buffer.append(java.util.Arrays.copyOfRange(bytes, 0, cut)));
			events.addAll(buffer.append(java.util.Arrays.copyOfRange(bytes, cut, bytes.length)));
			assertThat(events).as("cut at %d", cut)
				.containsExactly("{\"a\":\"x{y}\\\"z\",\"b\":[1,{\"c\":2}]}", "{\"d\":\"é\"}", "{\"e\":[]}");
			assertThat(buffer.hasPartialEvent()).isFalse();
		}
	}

	@Test
	void anUnfinishedEventIsReported() {
		JsonEventBuffer buffer = new JsonEventBuffer();
		assertThat(buffer.append("{\"a\":1}\n{\"b\":".getBytes(StandardCharsets.UTF_8))).containsExactly("{\"a\":1}");
		assertThat(buffer.hasPartialEvent()).isTrue();
		assertThat(buffer.partialEvent()).isEqualTo("{\"b\":");
	}

	@Test
	void textOutsideAnEventIsRejected() {
		assertThatExceptionOfType(CohereMalformedResponseException.class)
			.isThrownBy(() -> new JsonEventBuffer().append("data: {}".getBytes(StandardCharsets.UTF_8)))
			.withMessageContaining("'d'");
	}

}
