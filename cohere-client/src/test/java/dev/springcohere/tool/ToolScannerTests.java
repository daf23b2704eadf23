package dev.springcohere.tool;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.springcohere.annotation.CohereTool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests {@link ToolScanner} and {@link ToolNames}.
 */
class ToolScannerTests {

	private final ToolScanner scanner = new ToolScanner();

	static class Weather {

		@CohereTool(description = "Current weather")
		public String weather(String city) {
			return "sunny in " + city;
		}

		@CohereTool(name = "alerts")
		public String weatherAlerts(String region) {
			return "none";
		}

		public String notATool(String x) {
			return x;
		}

		@CohereTool
		public static String version(String component) {
			return "1.0";
		}

	}

	static class Weather$$Proxy extends Weather {

		@Override
		public String weather(String city) {
			return "proxied " + super.weather(city);
		}

	}

	interface Greeter {

		@CohereTool
		default String greet(String name) {
			return "hello " + name;
		}

	}

	static class GreeterImpl implements Greeter {

	}

	static class Clash {

		@CohereTool(name = "weather")
		public String other(String city) {
			return city;
		}

	}

	static class BadName {

		@CohereTool(name = "9lives")
		public String cat(String name) {
			return name;
		}

	}

	@Test
	void scanFindsAnnotatedMethodsWithNamesAndDescriptions() {
		List<ToolCallback> tools = this.scanner.scan(new Weather());
		assertThat(tools).extracting(ToolCallback::name).containsExactly("version", "weather", "alerts");
		assertThat(tools.get(1).definition().function().description()).isEqualTo("Current weather");
		assertThat(tools.get(0).call("{\"component\":\"x\"}", ToolContext.empty())).isEqualTo(ToolResult.ofText("1.0"));
	}

	@Test
	void proxySubclassesAreLookedThroughAndTheCallGoesThroughTheProxy() {
		List<ToolCallback> tools = this.scanner.scan(new Weather$$Proxy());
		ToolCallback weather = tools.stream().filter((tool) -> tool.name().equals("weather")).findFirst().orElseThrow();
		assertThat(weather.call("{\"city\":\"Rome\"}", ToolContext.empty()))
			.isEqualTo(ToolResult.ofText("proxied sunny in Rome"));
		assertThat(ToolScanner.hasTools(Weather$$Proxy.class)).isTrue();
	}

	@Test
	void interfaceDefaultMethodsAreTools() {
		List<ToolCallback> tools = this.scanner.scan(new GreeterImpl());
		assertThat(tools).extracting(ToolCallback::name).containsExactly("greet");
		assertThat(tools.get(0).call("{\"name\":\"Ada\"}", ToolContext.empty()))
			.isEqualTo(ToolResult.ofText("hello Ada"));
	}

	@Test
	void objectsWithoutToolsAreRejected() {
		assertThat(ToolScanner.hasTools(String.class)).isFalse();
		assertThatIllegalArgumentException().isThrownBy(() -> this.scanner.scan("text"))
			.withMessage("No @CohereTool method found on java.lang.String: annotate at least one method with"
					+ " @CohereTool, or do not register this object as a tool holder");
	}

	@Test
	void duplicateNamesAreRejectedNamingBothMethods() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.scanner.scan(new Weather(), new Clash()))
			.withMessage("Duplicate tool name 'weather': " + Weather.class.getName() + "#weather(String) and "
					+ Clash.class.getName() + "#other(String); give one of them another name with"
					+ " @CohereTool(name = ...)");
	}

	@Test
	void invalidNamesAreRejectedWithTheRule() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.scanner.scan(new BadName()))
			.withMessage("Tool name '9lives' of " + BadName.class.getName() + "#cat(String) is not valid: it starts"
					+ " with a digit; Cohere accepts names matching ^[A-Za-z_][A-Za-z0-9_]*$ (set @CohereTool(name ="
					+ " ...))");
	}

	@Test
	void nameRulesFollowCohere() {
		assertThat(ToolNames.isValid("get_weather_2")).isTrue();
		assertThat(ToolNames.isValid("_private")).isTrue();
		assertThat(ToolNames.isValid("get-weather")).isFalse();
		assertThat(ToolNames.isValid("2fast")).isFalse();
		assertThat(ToolNames.isValid("")).isFalse();
		// Cohere documents no maximum length, so none is enforced
		assertThat(ToolNames.isValid("a".repeat(200))).isTrue();
		assertThatIllegalArgumentException().isThrownBy(() -> ToolNames.requireValid("get weather", "test"))
			.withMessageContaining("it contains characters other than A-Z, a-z, 0-9 and _");
	}

}
