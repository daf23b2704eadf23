package dev.springcohere.sample.quickstart;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a {@code text/event-stream} body as the HTML standard's EventSource does: lines
 * end at CR, LF or CRLF; a {@code data:} value loses one leading space; data lines join
 * with a line feed; a blank line dispatches the event (named {@code message} unless an
 * {@code event:} line names it).
 */
final class SseSpecReader {

	private SseSpecReader() {
	}

	/**
	 * Reads the events.
	 * @param body the stream
	 * @return each event as {name, data}
	 */
	static List<String[]> read(String body) {
		List<String[]> events = new ArrayList<>();
		String name = "message";
		StringBuilder data = null;
		for (String line : body.split("\r\n|\r|\n", -1)) {
			if (line.isEmpty()) {
				if (data != null) {
					events.add(new String[] { name, data.toString() });
				}
				name = "message";
				data = null;
				continue;
			}
			int colon = line.indexOf(':');
			String field = (colon >= 0) ? line.substring(0, colon) : line;
			String value = (colon >= 0) ? line.substring(colon + 1) : "";
			if (value.startsWith(" ")) {
				value = value.substring(1);
			}
			if (field.equals("event")) {
				name = value;
			}
			else if (field.equals("data")) {
				data = (data == null) ? new StringBuilder(value) : data.append('\n').append(value);
			}
		}
		return events;
	}

}
