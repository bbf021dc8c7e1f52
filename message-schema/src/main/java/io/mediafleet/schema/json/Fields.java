package io.mediafleet.schema.json;

import org.jspecify.annotations.Nullable;

/**
 * Checks for record components of JSON messages, called from compact constructors so a message
 * built in code and a message decoded from the wire obey the same rules.
 */
public final class Fields {

	private Fields() {
	}

	/** Returns {@code value}, or throws {@code missing required field 'name'}. */
	public static <T> T required(@Nullable T value, String name) {
		if (value == null) {
			throw new IllegalArgumentException("missing required field '" + name + "'");
		}
		return value;
	}

	/** Returns {@code value} if it is non-null and not blank, or throws naming the field. */
	public static String requiredText(@Nullable String value, String name) {
		if (value == null) {
			throw new IllegalArgumentException("missing required field '" + name + "'");
		}
		if (value.isBlank()) {
			throw new IllegalArgumentException("field '" + name + "' must not be blank");
		}
		return value;
	}


	/** Free text that must be present but may be empty, and must be well-formed Unicode. */
	public static String text(@Nullable String value, String name) {
		return wellFormed(required(value, name), name);
	}

	/**
	 * A name that becomes part of an address (a channel name, a bus identity): 1 to
	 * {@code maxLength} characters, no whitespace, no control characters.
	 */
	public static String nameToken(@Nullable String value, String name, int maxLength) {
		String token = required(value, name);
		String problem = nameTokenProblem(token, maxLength);
		if (problem != null) {
			throw new IllegalArgumentException("field '" + name + "' " + problem);
		}
		return token;
	}

	/** Why {@code token} cannot be a {@link #nameToken name token}, or {@code null} if it can. */
	public static @Nullable String nameTokenProblem(String token, int maxLength) {
		if (token.isEmpty()) {
			return "must not be empty";
		}
		if (token.length() > maxLength) {
			return "is " + token.length() + " characters long, over the limit of " + maxLength;
		}
		for (int i = 0; i < token.length(); i++) {
			char c = token.charAt(i);
			if (Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)) {
				return "must not contain whitespace or control characters (index " + i + ")";
			}
		}
		return wellFormedProblem(token);
	}

	/** A file name: not blank, at most {@code maxLength} characters, no control characters (it becomes a file lookup). */
	public static String filename(@Nullable String value, String name, int maxLength) {
		String filename = requiredText(value, name);
		if (filename.length() > maxLength) {
			throw new IllegalArgumentException("field '" + name + "' is " + filename.length()
					+ " characters long, over the limit of " + maxLength);
		}
		for (int i = 0; i < filename.length(); i++) {
			if (Character.isISOControl(filename.charAt(i))) {
				throw new IllegalArgumentException(
						"field '" + name + "' must not contain control characters (index " + i + ")");
			}
		}
		return wellFormed(filename, name);
	}

	/** Rejects unpaired surrogates, which cannot be encoded as UTF-8 and would be replaced silently. */
	public static String wellFormed(String value, String name) {
		String problem = wellFormedProblem(value);
		if (problem != null) {
			throw new IllegalArgumentException("field '" + name + "' " + problem);
		}
		return value;
	}

	private static @Nullable String wellFormedProblem(String value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (Character.isHighSurrogate(c) && i + 1 < value.length()
					&& Character.isLowSurrogate(value.charAt(i + 1))) {
				i++;
			}
			else if (Character.isSurrogate(c)) {
				return "contains an unpaired surrogate (index " + i + ")";
			}
		}
		return null;
	}

}
