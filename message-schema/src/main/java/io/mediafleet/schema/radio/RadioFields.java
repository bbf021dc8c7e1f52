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
		return Fields.nameToken(value, field, MAX_STREAMER_ID_LENGTH);
	}

	/** Why {@code id} cannot be a streamer id, or {@code null} if it can. */
	static @Nullable String streamerIdProblem(String id) {
		return Fields.nameTokenProblem(id, MAX_STREAMER_ID_LENGTH);
	}

	/** A non-blank identifier such as a radio uuid or a listening session id. */
	static String id(@Nullable String value, String field) {
		return Fields.wellFormed(Fields.requiredText(value, field), field);
	}

	/** Like {@link #id} but absent is allowed. */
	static @Nullable String optionalId(@Nullable String value, String field) {
		return (value != null) ? id(value, field) : null;
	}

	/** Free text that must be present but may be empty. */
	static String text(@Nullable String value, String field) {
		return Fields.text(value, field);
	}

	/** A file name: not blank, bounded, no control characters (it becomes a file lookup). */
	static String filename(@Nullable String value, String field) {
		return Fields.filename(value, field, MAX_FILENAME_LENGTH);
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
		Fields.wellFormed(value, field);
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

}
