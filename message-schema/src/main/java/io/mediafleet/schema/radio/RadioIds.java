package io.mediafleet.schema.radio;

/**
 * The identifier rule for radio uuids, listening session ids and user ids, shared by the scheduler (which stores
 * them and uses them as MongoDB keys) and the streamer (which serves {@code /radios/<id>}): 1-128 characters of
 * letters, digits and {@code . _ - :}, starting with a letter or digit.
 */
public final class RadioIds {

	/** Longest id accepted. */
	public static final int MAX_LENGTH = 128;

	/** The rule as a regular expression, e.g. for bean validation; {@link #isSane} checks the same rule. */
	public static final String REGEX = "[A-Za-z0-9][A-Za-z0-9._:-]{0,127}";

	private RadioIds() {
	}

	/**
	 * Whether {@code id} follows the rule. Checked character by character rather than with {@link #REGEX}: the
	 * scheduler checks every listener message's ids on its loop, and a regex match allocates a matcher each time.
	 */
	public static boolean isSane(String id) {
		int length = id.length();
		if (length == 0 || length > MAX_LENGTH || !isLetterOrDigit(id.charAt(0))) {
			return false;
		}
		for (int i = 1; i < length; i++) {
			char c = id.charAt(i);
			if (!isLetterOrDigit(c) && c != '.' && c != '_' && c != ':' && c != '-') {
				return false;
			}
		}
		return true;
	}

	private static boolean isLetterOrDigit(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
	}

}
