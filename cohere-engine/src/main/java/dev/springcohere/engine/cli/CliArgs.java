package dev.springcohere.engine.cli;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Parsed {@code --name value} options and {@code --flag} switches of one subcommand.
 */
final class CliArgs {

	private final Map<String, String> values = new HashMap<>();

	private final Set<String> flags = new HashSet<>();

	CliArgs(String[] args, int from, Set<String> knownFlags, Set<String> knownOptions) {
		for (int i = from; i < args.length; i++) {
			String a = args[i];
			if (knownFlags.contains(a)) {
				this.flags.add(a);
			}
			else if (knownOptions.contains(a)) {
				if (i + 1 >= args.length) {
					throw new CliException("Option " + a + " needs a value");
				}
				this.values.put(a, args[++i]);
			}
			else {
				throw new CliException("Unknown option '" + a + "'; known: " + knownOptions + " " + knownFlags);
			}
		}
	}

	@Nullable String get(String name) {
		return this.values.get(name);
	}

	String require(String name) {
		String v = this.values.get(name);
		if (v == null) {
			throw new CliException("Missing required option " + name);
		}
		return v;
	}

	int intValue(String name, int fallback) {
		String v = this.values.get(name);
		if (v == null) {
			return fallback;
		}
		try {
			return Integer.parseInt(v.trim());
		}
		catch (NumberFormatException ex) {
			throw new CliException("Option " + name + " needs an integer but got '" + v + "'");
		}
	}

	long longValue(String name, long fallback) {
		String v = this.values.get(name);
		if (v == null) {
			return fallback;
		}
		try {
			return Long.parseLong(v.trim());
		}
		catch (NumberFormatException ex) {
			throw new CliException("Option " + name + " needs an integer but got '" + v + "'");
		}
	}

	double doubleValue(String name, double fallback) {
		String v = this.values.get(name);
		if (v == null) {
			return fallback;
		}
		try {
			double d = Double.parseDouble(v.trim());
			if (!Double.isFinite(d)) {
				throw new NumberFormatException();
			}
			return d;
		}
		catch (NumberFormatException ex) {
			throw new CliException("Option " + name + " needs a finite number but got '" + v + "'");
		}
	}

	boolean has(String name) {
		return this.values.containsKey(name);
	}

	boolean flag(String name) {
		return this.flags.contains(name);
	}

}
