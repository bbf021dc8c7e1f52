package io.mediafleet.schema.simul;

import java.util.Locale;

import io.mediafleet.schema.json.Fields;
import org.jspecify.annotations.Nullable;

/**
 * Field rules shared by the simul records, so a message built in code and one decoded from the
 * wire are held to the same constraints.
 */
final class SimulFields {

	/** Longest slave name accepted in {@code src} and {@code dest}. */
	static final int MAX_SLAVE_NAME_LENGTH = 128;

	/** Longest file name accepted; slaves look the name up in their media directory. */
	static final int MAX_FILENAME_LENGTH = 1024;

	private SimulFields() {
	}

	/** A slave name: 1 to 128 characters, no whitespace, no control characters. */
	static String slaveName(@Nullable String value, String field) {
		return Fields.nameToken(value, field, MAX_SLAVE_NAME_LENGTH);
	}

	/** Like {@link #slaveName} but absent is allowed. */
	static @Nullable String optionalSlaveName(@Nullable String value, String field) {
		return (value != null) ? slaveName(value, field) : null;
	}

	/** A file name: not blank, bounded, no control characters (it becomes a file lookup). */
	static String filename(@Nullable String value, String field) {
		return Fields.filename(value, field, MAX_FILENAME_LENGTH);
	}

	/** Free text that must be present but may be empty. */
	static String text(@Nullable String value, String field) {
		return Fields.text(value, field);
	}

	/** An md5 digest as 32 hex digits in either case, returned in lowercase; absent is allowed. */
	static @Nullable String optionalMd5(@Nullable String value, String field) {
		if (value == null) {
			return null;
		}
		if (value.length() != 32) {
			throw new IllegalArgumentException("field '" + field + "' must be 32 hex digits but has "
					+ value.length() + " characters");
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
				throw new IllegalArgumentException(
						"field '" + field + "' must be 32 hex digits (index " + i + " is not one)");
			}
		}
		return value.toLowerCase(Locale.ROOT);
	}

	/** Largest position in a file, in milliseconds: 100 days, far beyond any media file. */
	static final long MAX_POSITION_MILLIS = 8_640_000_000L;

	/** A position in a file in milliseconds: 0 to {@link #MAX_POSITION_MILLIS}. */
	static long position(long value, String field) {
		if (value < 0 || value > MAX_POSITION_MILLIS) {
			throw new IllegalArgumentException("field '" + field + "' must be between 0 and " + MAX_POSITION_MILLIS
					+ " but was " + value);
		}
		return value;
	}

	/** A count of seconds or milliseconds since the Unix epoch; must not be negative. */
	static long epochTime(long value, String field) {
		if (value < 0) {
			throw new IllegalArgumentException("field '" + field + "' must not be negative but was " + value);
		}
		return value;
	}

}
