package dev.springcohere.engine.hub;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Validation of repository ids, revisions and file names, and the percent-encoding of the
 * resolve URL ({@code {endpoint}/{repo}/resolve/{revision}/{file}}): the revision keeps
 * only unreserved characters (so {@code refs/pr/1} becomes {@code refs%2Fpr%2F1}), the
 * file name keeps {@code /} as well.
 */
final class HubPaths {

	static final Pattern COMMIT_HASH = Pattern.compile("[0-9a-f]{40}");

	private static final Pattern REPO_ID = Pattern.compile("([A-Za-z0-9_.\\-]+/)?[A-Za-z0-9_.\\-]{1,96}");

	private static final Pattern SAFE_ETAG = Pattern.compile("[A-Za-z0-9_.\\-]{1,200}");

	private static final char[] HEX = "0123456789ABCDEF".toCharArray();

	private HubPaths() {
	}

	static String requireRepoId(String repoId) {
		if (!REPO_ID.matcher(repoId).matches() || repoId.contains("--") || repoId.contains("..")
				|| repoId.startsWith("-") || repoId.startsWith(".") || repoId.endsWith("-") || repoId.endsWith(".")) {
			throw new IllegalArgumentException("'" + repoId + "' is not a valid Hugging Face repository id: use "
					+ "'org/name' with letters, digits, '-', '_' or '.' (no '--' or '..', at most 96 characters "
					+ "per part)");
		}
		return repoId;
	}

	static String requireRevision(String revision) {
		if (revision.isBlank() || revision.contains("..") || revision.startsWith("/") || revision.endsWith("/")
				|| revision.contains("\\") || revision.contains("//") || revision.chars().anyMatch((c) -> c < 0x20)) {
			throw new IllegalArgumentException("'" + revision + "' is not a valid revision: use a branch, a tag, "
					+ "a 40-character commit hash or refs/pr/N");
		}
		return revision;
	}

	static String requireFilename(String filename) {
		boolean bad = filename.isBlank() || filename.startsWith("/") || filename.endsWith("/")
				|| filename.contains("\\") || filename.contains("//") || filename.chars().anyMatch((c) -> c < 0x20);
		if (!bad) {
			for (String part : filename.split("/")) {
				if (part.equals(".") || part.equals("..")) {
					bad = true;
				}
			}
		}
		if (bad) {
			throw new IllegalArgumentException("'" + filename + "' is not a valid file path inside a repository: "
					+ "use a relative path with '/' separators and no '.' or '..' parts");
		}
		return filename;
	}

	static boolean isSafeEtag(String etag) {
		return SAFE_ETAG.matcher(etag).matches() && !etag.contains("..");
	}

	static URI resolveUrl(URI endpoint, String repoId, String revision, String filename) {
		return URI
			.create(endpoint + "/" + repoId + "/resolve/" + encode(revision, false) + "/" + encode(filename, true));
	}

	/**
	 * Normalizes an ETag: removes a weak {@code W/} prefix and the surrounding quotes.
	 */
	static String normalizeEtag(String etag) {
		String value = etag.strip();
		if (value.startsWith("W/")) {
			value = value.substring(2);
		}
		if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
			value = value.substring(1, value.length() - 1);
		}
		return value;
	}

	static String encode(String value, boolean keepSlash) {
		StringBuilder out = new StringBuilder(value.length() + 16);
		for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
			int c = b & 0xFF;
			boolean unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
					|| c == '.' || c == '_' || c == '~' || (keepSlash && c == '/');
			if (unreserved) {
				out.append((char) c);
			}
			else {
				out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
			}
		}
		return out.toString();
	}

}
