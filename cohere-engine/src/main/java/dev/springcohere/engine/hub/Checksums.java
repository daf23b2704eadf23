package dev.springcohere.engine.hub;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Checksums the Hub's ETags stand for: a 64-hex ETag is the SHA-256 of an LFS file, a
 * 40-hex ETag the git blob SHA-1 ({@code sha1("blob " + size + "\0" + bytes)}) of a
 * regular file. Other ETags carry no checksum.
 */
final class Checksums {

	private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

	private static final Pattern SHA1 = Pattern.compile("[0-9a-f]{40}");

	private Checksums() {
	}

	/**
	 * Computes the checksum the ETag stands for over the file.
	 * @return the lowercase hex digest, or {@code null} when the ETag is not a checksum
	 */
	static @Nullable String digestFor(String etag, Path file) throws IOException {
		if (SHA256.matcher(etag).matches()) {
			return digest(file, "SHA-256", null);
		}
		if (SHA1.matcher(etag).matches()) {
			String header = "blob " + Files.size(file) + "\0";
			return digest(file, "SHA-1", header.getBytes(StandardCharsets.US_ASCII));
		}
		return null;
	}

	private static String digest(Path file, String algorithm, byte @Nullable [] prefix) throws IOException {
		MessageDigest digest;
		try {
			digest = MessageDigest.getInstance(algorithm);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(algorithm + " is not available in this JVM", ex);
		}
		if (prefix != null) {
			digest.update(prefix);
		}
		byte[] buffer = new byte[1 << 16];
		try (InputStream in = Files.newInputStream(file)) {
			int n;
			while ((n = in.read(buffer)) > 0) {
				digest.update(buffer, 0, n);
			}
		}
		return HexFormat.of().formatHex(digest.digest());
	}

}
