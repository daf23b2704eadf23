package dev.springcohere.api;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code cURL} code samples of the spec's {@code x-fern-examples}: for the platform
 * operations whose examples have no request or response bodies, the cURL sample is the
 * spec's example of the request (method, URL, JSON data, form fields).
 */
public final class CurlSamples {

	private static final Pattern METHOD = Pattern.compile("--request\\s+(\\w+)");

	private static final Pattern URL = Pattern.compile("--url\\s+(?:'([^']*)'|\"([^\"]*)\"|(\\S+))");

	private static final Pattern DATA = Pattern.compile("--data\\s+'((?:[^']|'\\\\'')*)'", Pattern.DOTALL);

	private static final Pattern FORM = Pattern.compile("--form\\s+(\\w+)=(\\S+)");

	/** The samples have a trailing comma here and there; the JSON is read leniently. */
	private static final JsonMapper LENIENT = JsonMapper.builder().enable(JsonReadFeature.ALLOW_TRAILING_COMMA).build();

	private CurlSamples() {
	}

	/**
	 * Returns the cURL sample of an operation.
	 */
	public static Sample of(String path, String method) {
		JsonNode samples = SpecExamples.spec().path("paths").path(path).path(method).path("x-fern-examples");
		for (JsonNode example : samples) {
			for (JsonNode sample : example.path("code-samples")) {
				if ("curl".equals(sample.path("sdk").asString())) {
					return parse(sample.path("code").asString());
				}
			}
		}
		throw new IllegalStateException("The spec has no cURL sample of " + method.toUpperCase() + " " + path);
	}

	static Sample parse(String code) {
		Matcher method = METHOD.matcher(code);
		Matcher url = URL.matcher(code);
		if (!method.find() || !url.find()) {
			throw new IllegalStateException("Not a cURL sample with --request and --url: " + code);
		}
		String text = (url.group(1) != null) ? url.group(1) : (url.group(2) != null) ? url.group(2) : url.group(3);
		URI uri = URI.create(text.replace("<", "%3C").replace(">", "%3E"));
		String pathAndQuery = uri.getRawPath() + ((uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "");
		Matcher data = DATA.matcher(code);
		JsonNode body = data.find() ? LENIENT.readTree(data.group(1).replace("'\\''", "'")) : null;
		Map<String, String> forms = new LinkedHashMap<>();
		Matcher form = FORM.matcher(code);
		while (form.find()) {
			forms.put(form.group(1), form.group(2));
		}
		return new Sample(method.group(1), pathAndQuery, body, forms);
	}

	/**
	 * One cURL sample.
	 *
	 * @param method the HTTP method
	 * @param pathAndQuery the raw path and query of its URL
	 * @param body its JSON data, or {@code null}
	 * @param forms its form fields ({@code @file} for a file)
	 */
	public record Sample(String method, String pathAndQuery, @Nullable JsonNode body, Map<String, String> forms) {

		public String path() {
			int query = this.pathAndQuery.indexOf('?');
			return (query < 0) ? this.pathAndQuery : this.pathAndQuery.substring(0, query);
		}

		/** The last segment of the path, decoded: the sample's id. */
		public String lastSegment() {
			String path = path();
			String segment = path.substring(path.lastIndexOf('/') + 1);
			return java.net.URLDecoder.decode(segment, java.nio.charset.StandardCharsets.UTF_8);
		}

	}

}
