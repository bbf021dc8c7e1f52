package io.mediafleet.schema.burn;

import java.util.Locale;

/**
 * Checks and normalises the identifiers and texts of burn messages, used by the message records
 * so a message built in code obeys the same rules as one decoded from the wire.
 */
public final class BurnIds {

	private static final int HEX_LENGTH = 32;

	private static final int MAX_TOKEN_LENGTH = 64;

	private BurnIds() {
	}

	/**
	 * Returns the image hash (md5, 32 hex digits) in lowercase; uppercase digits are accepted.
	 * @throws IllegalArgumentException naming {@code field} if it is not 32 hex digits
	 */
	public static String hash(String value, String field) {
		return hex(value, field);
	}

	/**
	 * Returns the client UID (32 hex digits) in lowercase; uppercase digits are accepted.
	 * @throws IllegalArgumentException naming {@code field} if it is not 32 hex digits
	 */
	public static String uid(String value, String field) {
		return hex(value, field);
	}

	/** Whether {@code value} is a hash or UID as {@link #hash} accepts it. */
	public static boolean isHex32(String value) {
		if (value.length() != HEX_LENGTH) {
			return false;
		}
		for (int i = 0; i < HEX_LENGTH; i++) {
			char c = value.charAt(i);
			boolean hexDigit = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
			if (!hexDigit) {
				return false;
			}
		}
		return true;
	}

	private static String hex(String value, String field) {
		if (!isHex32(value)) {
			throw new IllegalArgumentException(field + " '" + shorten(value) + "' is not 32 hex digits");
		}
		return value.toLowerCase(Locale.ROOT);
	}

	/**
	 * Returns a one-word field (error code, job id, version): 1 to 64 printable ASCII characters
	 * without spaces.
	 * @throws IllegalArgumentException naming {@code field} otherwise
	 */
	public static String token(String value, String field) {
		if (value.isEmpty() || value.length() > MAX_TOKEN_LENGTH) {
			throw new IllegalArgumentException(field + " must have 1 to " + MAX_TOKEN_LENGTH + " characters but has "
					+ value.length());
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c <= ' ' || c > '~') {
				throw new IllegalArgumentException(field + " '" + shorten(value) + "' contains "
						+ describe(c) + " at index " + i + "; only printable ASCII without spaces is allowed");
			}
		}
		return value;
	}

	/**
	 * Returns a credential (the {@code AUTH} token): 1 to {@code maxLength} printable ASCII characters without
	 * spaces. The value itself is never put in the exception's message.
	 * @throws IllegalArgumentException otherwise
	 */
	public static String credential(String value, int maxLength) {
		if (value.isEmpty() || value.length() > maxLength) {
			throw new IllegalArgumentException("token must have 1 to " + maxLength + " characters but has "
					+ value.length());
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c <= ' ' || c > '~') {
				throw new IllegalArgumentException("token contains " + describe(c) + " at index " + i
						+ "; only printable ASCII without spaces is allowed");
			}
		}
		return value;
	}

	/**
	 * Returns a text field that is not the last field of its message (a file name): not empty, no
	 * TAB, CR or LF, since those would move the following fields.
	 * @throws IllegalArgumentException naming {@code field} otherwise
	 */
	public static String inlineText(String value, String field) {
		if (value.isEmpty()) {
			throw new IllegalArgumentException(field + " must not be empty");
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '\t' || c == '\r' || c == '\n') {
				throw new IllegalArgumentException(field + " '" + shorten(value) + "' contains " + describe(c)
						+ " at index " + i);
			}
		}
		return value;
	}

	/**
	 * Returns free text (the last field of its message) with every line break ({@code CRLF},
	 * {@code CR} or {@code LF}) written as {@code LF}. TABs are kept: in the last field they are
	 * text, not separators.
	 */
	public static String freeText(String value) {
		if (value.indexOf('\r') < 0) {
			return value;
		}
		return value.replace("\r\n", "\n").replace('\r', '\n');
	}

	static String shorten(String value) {
		return (value.length() <= 40) ? value : value.substring(0, 37) + "...";
	}

	static String describe(char c) {
		return switch (c) {
			case '\t' -> "a TAB";
			case '\r' -> "a CR";
			case '\n' -> "a LF";
			case ' ' -> "a space";
			default -> String.format("character U+%04X", (int) c);
		};
	}

}
