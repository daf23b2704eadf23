package dev.springcohere.engine.tokenizer;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns generated token ids, fed one at a time, into text as soon as it is complete: a
 * character whose UTF-8 bytes span several tokens comes out once its last byte has
 * arrived, never as half a character or a replacement character. The concatenation of
 * everything returned by {@link #next(int)} and {@link #flush()} equals
 * {@link HfTokenizer#decode(int[], boolean)} of all the ids.
 * <p>
 * For byte-level BPE vocabularies (Cohere's, GPT-2 style) the decoder works on each
 * token's raw bytes; for other vocabularies it re-decodes a short window of recent ids
 * and emits the text that has grown. An instance follows one sequence and is not
 * thread-safe; create one per generation with {@link HfTokenizer#newStreamingDecoder}.
 */
public final class StreamingDecoder {

	private final HfTokenizer tokenizer;

	private final boolean skipSpecialTokens;

	private final ByteArrayOutputStream pendingBytes = new ByteArrayOutputStream();

	private final List<Integer> ids = new ArrayList<>();

	private int prefixOffset;

	private int readOffset;

	StreamingDecoder(HfTokenizer tokenizer, boolean skipSpecialTokens) {
		this.tokenizer = Objects.requireNonNull(tokenizer, "'tokenizer' must not be null");
		this.skipSpecialTokens = skipSpecialTokens;
	}

	/**
	 * Feeds the next token id.
	 * @param id the token id
	 * @return the text completed by this token, possibly empty
	 * @throws IllegalArgumentException if the id is outside the vocabulary
	 */
	public String next(int id) {
		this.tokenizer.checkId(id);
		if (this.skipSpecialTokens && this.tokenizer.isSpecial(id)) {
			return "";
		}
		if (this.tokenizer.isByteLevel()) {
			this.pendingBytes.writeBytes(this.tokenizer.sharedTokenBytes(id));
			byte[] pending = this.pendingBytes.toByteArray();
			int complete = completePrefixLength(pending);
			this.pendingBytes.reset();
			this.pendingBytes.write(pending, complete, pending.length - complete);
			return decodeLossy(pending, complete);
		}
		return nextByRedecoding(id);
	}

	/**
	 * Ends the sequence: returns what is still held back (an unfinished character becomes
	 * U+FFFD, as a full decode would write it) and resets the decoder.
	 * @return the remaining text, usually empty
	 */
	public String flush() {
		String rest;
		if (this.tokenizer.isByteLevel()) {
			byte[] pending = this.pendingBytes.toByteArray();
			rest = decodeLossy(pending, pending.length);
		}
		else {
			String prefix = decodeWindow(this.prefixOffset, this.readOffset);
			String all = decodeWindow(this.prefixOffset, this.ids.size());
			rest = (all.length() > prefix.length()) ? all.substring(prefix.length()) : "";
		}
		this.pendingBytes.reset();
		this.ids.clear();
		this.prefixOffset = 0;
		this.readOffset = 0;
		return rest;
	}

	private String nextByRedecoding(int id) {
		this.ids.add(id);
		String prefix = decodeWindow(this.prefixOffset, this.readOffset);
		String text = decodeWindow(this.prefixOffset, this.ids.size());
		if (text.length() > prefix.length() && !text.endsWith("\uFFFD")) {
			this.prefixOffset = this.readOffset;
			this.readOffset = this.ids.size();
			return text.substring(prefix.length());
		}
		return "";
	}

	private String decodeWindow(int from, int to) {
		int[] window = new int[to - from];
		for (int i = from; i < to; i++) {
			window[i - from] = this.ids.get(i);
		}
		return (window.length == 0) ? "" : this.tokenizer.decode(window, this.skipSpecialTokens);
	}

	/**
	 * The length of the longest prefix that does not end inside an unfinished UTF-8
	 * sequence.
	 */
	static int completePrefixLength(byte[] bytes) {
		int len = bytes.length;
		for (int k = 1; k <= Math.min(4, len); k++) {
			int b = bytes[len - k] & 0xFF;
			if ((b & 0xC0) == 0x80) {
				continue;
			}
			int needed = (b < 0x80) ? 1
					: ((b & 0xE0) == 0xC0) ? 2 : ((b & 0xF0) == 0xE0) ? 3 : ((b & 0xF8) == 0xF0) ? 4 : 1;
			return (needed > k) ? len - k : len;
		}
		return len;
	}

	private static String decodeLossy(byte[] bytes, int length) {
		if (length == 0) {
			return "";
		}
		CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPLACE)
			.onUnmappableCharacter(CodingErrorAction.REPLACE);
		try {
			return decoder.decode(ByteBuffer.wrap(bytes, 0, length)).toString();
		}
		catch (CharacterCodingException ex) {
			throw new IllegalStateException("UTF-8 decoding with replacement cannot fail", ex);
		}
	}

}
