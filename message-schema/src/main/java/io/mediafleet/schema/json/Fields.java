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

}
