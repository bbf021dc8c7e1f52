package io.mediafleet.schema.link;

/**
 * UTF-8 length arithmetic on strings without encoding them, so a size limit can be checked before
 * any copy of an oversized message is made.
 */
final class Utf8 {

	private Utf8() {
	}

	/** Bytes {@code codePoint} takes in UTF-8; a lone surrogate counts 3, an upper bound of any encoder. */
	static int encodedLength(int codePoint) {
		if (codePoint < 0x80) {
			return 1;
		}
		if (codePoint < 0x800) {
			return 2;
		}
		if (codePoint < 0x10000) {
			return 3;
		}
		return 4;
	}

	/**
	 * UTF-8 length of {@code text}, or a value greater than {@code limit} as soon as the count
	 * passes it; a string longer than the limit in chars is rejected without scanning.
	 */
	static long encodedLength(CharSequence text, long limit) {
		if (text.length() > limit) {
			return text.length();
		}
		long bytes = 0;
		int index = 0;
		while (index < text.length()) {
			char c = text.charAt(index);
			if (Character.isHighSurrogate(c) && index + 1 < text.length()
					&& Character.isLowSurrogate(text.charAt(index + 1))) {
				bytes += 4;
				index += 2;
			}
			else {
				bytes += encodedLength(c);
				index++;
			}
			if (bytes > limit) {
				return bytes;
			}
		}
		return bytes;
	}

}
