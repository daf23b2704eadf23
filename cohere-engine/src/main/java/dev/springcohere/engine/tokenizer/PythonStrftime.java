package dev.springcohere.engine.tokenizer;

import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.time.temporal.ChronoField;
import java.util.Locale;

/**
 * Python's {@code time.strftime} directives (C locale) over a {@link ZonedDateTime},
 * including glibc's {@code %-d} style that drops the padding.
 */
final class PythonStrftime {

	private PythonStrftime() {
	}

	/**
	 * Formats a time.
	 * @param format the {@code strftime} format
	 * @param t the time
	 * @return the formatted text
	 * @throws IllegalArgumentException for a directive this class does not know
	 */
	static String format(String format, ZonedDateTime t) {
		StringBuilder out = new StringBuilder();
		for (int i = 0; i < format.length(); i++) {
			char c = format.charAt(i);
			if (c != '%' || i + 1 >= format.length()) {
				out.append(c);
				continue;
			}
			char d = format.charAt(++i);
			boolean pad = true;
			if (d == '-' && i + 1 < format.length()) {
				pad = false;
				d = format.charAt(++i);
			}
			out.append(directive(d, t, pad, format));
		}
		return out.toString();
	}

	private static String directive(char d, ZonedDateTime t, boolean pad, String format) {
		return switch (d) {
			case 'a' -> t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
			case 'A' -> t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
			case 'b', 'h' -> t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
			case 'B' -> t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
			case 'd' -> num(t.getDayOfMonth(), 2, pad);
			case 'e' -> pad ? String.format("%2d", t.getDayOfMonth()) : Integer.toString(t.getDayOfMonth());
			case 'm' -> num(t.getMonthValue(), 2, pad);
			case 'y' -> num(t.getYear() % 100, 2, pad);
			case 'Y' -> Integer.toString(t.getYear());
			case 'H' -> num(t.getHour(), 2, pad);
			case 'I' -> num((t.getHour() % 12 == 0) ? 12 : t.getHour() % 12, 2, pad);
			case 'M' -> num(t.getMinute(), 2, pad);
			case 'S' -> num(t.getSecond(), 2, pad);
			case 'f' -> num(t.getNano() / 1000, 6, true);
			case 'p' -> (t.getHour() < 12) ? "AM" : "PM";
			case 'j' -> num(t.getDayOfYear(), 3, pad);
			case 'u' -> Integer.toString(t.getDayOfWeek().getValue());
			case 'w' -> Integer.toString(t.getDayOfWeek().getValue() % 7);
			case 'Z' -> t.getZone().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
			case 'z' -> offset(t.get(ChronoField.OFFSET_SECONDS));
			case 'D' -> format("%m/%d/%y", t);
			case 'F' -> format("%Y-%m-%d", t);
			case 'T' -> format("%H:%M:%S", t);
			case 'R' -> format("%H:%M", t);
			case 'c' -> format("%a %b %e %H:%M:%S %Y", t);
			case 'x' -> format("%m/%d/%y", t);
			case 'X' -> format("%H:%M:%S", t);
			case '%' -> "%";
			case 'n' -> "\n";
			case 't' -> "\t";
			default -> throw new IllegalArgumentException(
					"Unsupported strftime directive '%" + d + "' in '" + format + "' used by the chat template");
		};
	}

	private static String num(int value, int width, boolean pad) {
		String s = Integer.toString(value);
		return pad && s.length() < width ? "0".repeat(width - s.length()) + s : s;
	}

	private static String offset(int seconds) {
		int abs = Math.abs(seconds);
		return ((seconds < 0) ? "-" : "+") + num(abs / 3600, 2, true) + num((abs % 3600) / 60, 2, true);
	}

}
