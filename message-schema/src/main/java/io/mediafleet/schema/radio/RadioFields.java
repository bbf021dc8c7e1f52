package io.mediafleet.schema.radio;

import java.net.URI;
import java.net.URISyntaxException;

import io.mediafleet.schema.json.Fields;
import org.jspecify.annotations.Nullable;

/**
 * Field rules shared by the radio records, so a message built in code and one decoded from the
 * wire are held to the same constraints.
 */
final class RadioFields {

	/** Longest streamer id accepted; the id becomes part of a Redis channel name. */
	static final int MAX_STREAMER_ID_LENGTH = 128;

	/** Longest track file name accepted in {@code play}; the streamer opens that file. */
	static final int MAX_FILENAME_LENGTH = 1024;

	private RadioFields() {
	}

	/** A streamer id: 1 to 128 characters, no whitespace, no control characters. */
	static String streamerId(@Nullable String value, String field) {
		String id = Fields.required(value, field);
		String problem = streamerIdProblem(id);
		if (problem != null) {
			throw new IllegalArgumentException("field '" + field + "' " + problem);
		}
		return id;
	}

	/** Why {@code id} cannot be a streamer id, or {@code null} if it can. */
	static @Nullable String streamerIdProblem(String id) {
		if (id.isEmpty()) {
			return "must not be empty";
		}
		if (id.length() > MAX_STREAMER_ID_LENGTH) {
			return "is " + id.length() + " characters long, over the limit of " + MAX_STREAMER_ID_LENGTH;
		}
		for (int i = 0; i < id.length(); i++) {
			char c = id.charAt(i);
			if (Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)) {
				return "must not contain whitespace or control characters (index " + i + ")";
			}
		}
		return wellFormedProblem(id);
	}

	/** A non-blank identifier such as a radio uuid or a listening session id. */
	static String id(@Nullable String value, String field) {
		return wellFormed(Fields.requiredText(value, field), field);
	}

	/** Like {@link #id} but absent is allowed. */
	static @Nullable String optionalId(@Nullable String value, String field) {
		return (value != null) ? id(value, field) : null;
	}

	/** Free text that must be present but may be empty. */
	static String text(@Nullable String value, String field) {
		return wellFormed(Fields.required(value, field), field);
	}

	/** A file name: not blank, bounded, no control characters (it becomes a file lookup). */
	static String filename(@Nullable String value, String field) {
		String name = Fields.requiredText(value, field);
		if (name.length() > MAX_FILENAME_LENGTH) {
			throw new IllegalArgumentException("field '" + field + "' is " + name.length()
					+ " characters long, over the limit of " + MAX_FILENAME_LENGTH);
		}
		for (int i = 0; i < name.length(); i++) {
			if (Character.isISOControl(name.charAt(i))) {
				throw new IllegalArgumentException(
						"field '" + field + "' must not contain control characters (index " + i + ")");
			}
		}
		return wellFormed(name, field);
	}

	/** A duration in seconds: present, finite and not negative; fractions allowed. */
	static double seconds(@Nullable Double value, String field) {
		double seconds = Fields.required(value, field);
		if (!Double.isFinite(seconds) || seconds < 0) {
			throw new IllegalArgumentException(
					"field '" + field + "' must be a finite number of seconds >= 0 but was " + seconds);
		}
		return seconds;
	}

	/** An absolute http or https URL, or absent. */
	static @Nullable String optionalHttpUrl(@Nullable String value, String field) {
		if (value == null) {
			return null;
		}
		wellFormed(value, field);
		try {
			URI uri = new URI(value);
			String scheme = uri.getScheme();
			if (uri.getHost() == null || scheme == null
					|| !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
				throw new IllegalArgumentException("field '" + field + "' must be an absolute http or https URL");
			}
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException("field '" + field + "' is not a valid URL: " + ex.getReason());
		}
		return value;
	}

	/** Rejects unpaired surrogates, which cannot be encoded as UTF-8 and would be replaced silently. */
	static String wellFormed(String value, String field) {
		String problem = wellFormedProblem(value);
		if (problem != null) {
			throw new IllegalArgumentException("field '" + field + "' " + problem);
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
