package io.mediafleet.tracker;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Random tokens for the secrets an operator left unset (the admin API's, the peers'): 32 bytes from
 * {@link SecureRandom}, URL-safe Base64 without padding (43 characters), valid only until the tracker restarts.
 */
public final class TrackerTokens {

	private static final SecureRandom RANDOM = new SecureRandom();

	private TrackerTokens() {
	}

	/** A new random token. */
	public static String generate() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
