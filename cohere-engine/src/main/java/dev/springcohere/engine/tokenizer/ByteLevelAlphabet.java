package dev.springcohere.engine.tokenizer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/**
 * The GPT-2 byte-to-unicode alphabet of byte-level BPE: every byte is written as a
 * printable character ({@code Ġ} for a space, {@code Ċ} for a newline...), and a
 * vocabulary token is a string of those characters.
 */
final class ByteLevelAlphabet {

	private final int[] byteOfChar = new int[512];

	ByteLevelAlphabet() {
		java.util.Arrays.fill(this.byteOfChar, -1);
		int next = 0;
		for (int b = 0; b < 256; b++) {
			boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
			int c = printable ? b : 256 + next++;
			this.byteOfChar[c] = b;
		}
	}

	/**
	 * The bytes a vocabulary token stands for, as the Rust {@code ByteLevel} decoder
	 * computes them: each character mapped back to its byte, or, when a character is
	 * outside the alphabet (an added token such as {@code "<|END_OF_TURN_TOKEN|>"} can
	 * be), the token's own UTF-8 bytes.
	 * @param token the token as written in the vocabulary
	 * @return the bytes
	 */
	byte[] bytesOf(String token) {
		byte[] mapped = mapped(token);
		return (mapped != null) ? mapped : token.getBytes(StandardCharsets.UTF_8);
	}

	private byte @Nullable [] mapped(String token) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(token.length());
		for (int i = 0; i < token.length(); i++) {
			char c = token.charAt(i);
			int b = (c < this.byteOfChar.length) ? this.byteOfChar[c] : -1;
			if (b < 0) {
				return null;
			}
			out.write(b);
		}
		return out.toByteArray();
	}

}
