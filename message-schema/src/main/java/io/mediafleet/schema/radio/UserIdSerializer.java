package io.mediafleet.schema.radio;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;

/**
 * Writes a user id as a JSON number when it is a plain decimal integer, as the original Django
 * user ids were, and as a JSON string otherwise, so ids minted by the original platform travel
 * unchanged while ids of this suite's own user store still fit.
 */
final class UserIdSerializer extends ValueSerializer<String> {

	/** Up to 18 digits always fits in a {@code long}. */
	private static final int MAX_NUMERIC_DIGITS = 18;

	@Override
	public void serialize(String userId, JsonGenerator generator, SerializationContext context) {
		if (isCanonicalInteger(userId)) {
			generator.writeNumber(Long.parseLong(userId));
		}
		else {
			generator.writeString(userId);
		}
	}

	static boolean isCanonicalInteger(String text) {
		if (text.isEmpty() || text.length() > MAX_NUMERIC_DIGITS || (text.length() > 1 && text.charAt(0) == '0')) {
			return false;
		}
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c < '0' || c > '9') {
				return false;
			}
		}
		return true;
	}

}
