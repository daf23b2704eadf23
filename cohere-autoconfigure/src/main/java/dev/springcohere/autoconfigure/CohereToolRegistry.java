package dev.springcohere.autoconfigure;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.springcohere.tool.ToolCallback;
import org.jspecify.annotations.Nullable;

/**
 * The tools found on the application's beans ({@code @CohereTool} methods), filled once
 * every singleton is created. Thread-safe.
 *
 * @since 0.1.0
 */
public final class CohereToolRegistry {

	private volatile Map<String, ToolCallback> tools = Map.of();

	/**
	 * Creates an empty registry.
	 */
	public CohereToolRegistry() {
	}

	/**
	 * Creates a registry holding tools.
	 * @param tools the tools
	 * @throws IllegalArgumentException if two tools have the same name
	 */
	public CohereToolRegistry(List<? extends ToolCallback> tools) {
		register(tools);
	}

	/**
	 * Adds tools.
	 * @param added the tools
	 * @throws IllegalArgumentException if a tool's name is already taken
	 */
	synchronized void register(List<? extends ToolCallback> added) {
		Objects.requireNonNull(added, "'added' must not be null");
		Map<String, ToolCallback> map = new LinkedHashMap<>(this.tools);
		for (ToolCallback tool : added) {
			ToolCallback previous = map.putIfAbsent(tool.name(), tool);
			if (previous != null) {
				throw new IllegalArgumentException("Duplicate tool name '" + tool.name() + "': " + previous + " and "
						+ tool + "; give one of them another name with @CohereTool(name = ...)");
			}
		}
		this.tools = Collections.unmodifiableMap(map);
	}

	/**
	 * Returns every tool.
	 * @return the tools, in discovery order
	 */
	public List<ToolCallback> getTools() {
		return List.copyOf(this.tools.values());
	}

	/**
	 * Returns the tool names.
	 * @return the names, in discovery order
	 */
	public Set<String> getNames() {
		return this.tools.keySet();
	}

	/**
	 * Looks up a tool.
	 * @param name the tool name
	 * @return the tool, or {@code null}
	 */
	public @Nullable ToolCallback find(String name) {
		return this.tools.get(Objects.requireNonNull(name, "'name' must not be null"));
	}

	/**
	 * Returns tools by name.
	 * @param names the names
	 * @return the tools, in the order of the names
	 * @throws IllegalArgumentException naming the unknown names and the known ones
	 */
	public List<ToolCallback> get(String... names) {
		Objects.requireNonNull(names, "'names' must not be null");
		List<String> unknown = Arrays.stream(names).filter((name) -> !this.tools.containsKey(name)).toList();
		if (!unknown.isEmpty()) {
			throw new IllegalArgumentException("Unknown tools " + unknown + "; known: " + this.tools.keySet());
		}
		return Arrays.stream(names).map(this.tools::get).toList();
	}

	@Override
	public String toString() {
		return "CohereToolRegistry" + this.tools.keySet();
	}

}
