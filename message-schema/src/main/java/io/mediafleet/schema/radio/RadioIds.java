package io.mediafleet.schema.radio;

import java.util.regex.Pattern;

/**
 * The identifier rule for radio uuids, listening session ids and user ids, shared by the scheduler (which stores
 * them and uses them as MongoDB keys) and the streamer (which serves {@code /radios/<id>}): 1-128 characters of
 * letters, digits and {@code . _ - :}, starting with a letter or digit.
 */
public final class RadioIds {

	/** Longest id accepted. */
	public static final int MAX_LENGTH = 128;

	/** The rule as a regular expression, e.g. for bean validation. */
	public static final String REGEX = "[A-Za-z0-9][A-Za-z0-9._:-]{0,127}";

	private static final Pattern SANE = Pattern.compile(REGEX);

	private RadioIds() {
	}

	/** Whether {@code id} follows the rule. */
	public static boolean isSane(String id) {
		return id.length() <= MAX_LENGTH && SANE.matcher(id).matches();
	}

}
