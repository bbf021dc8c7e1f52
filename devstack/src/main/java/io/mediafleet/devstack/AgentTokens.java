package io.mediafleet.devstack;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mints the link JWTs (HS256, claims {@code sub}, {@code role}, {@code iat}, {@code exp}) devstack hands its agents, with
 * the scheduler's JWT secret, exactly as the scheduler's {@code LinkTokens} does: the agents start beside the scheduler,
 * before its admin API could mint them.
 */
final class AgentTokens {

	/** Long enough for any devstack session; every start mints new ones. */
	static final Duration VALIDITY = Duration.ofDays(30);

	private AgentTokens() {
	}

	/** A token of {@code role} ({@code slave} or {@code control}) for {@code subject}, valid for {@link #VALIDITY}. */
	static String mint(String jwtSecret, String subject, String role, Instant now) {
		String header = base64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
		String payload = base64(("{\"sub\":\"" + subject + "\",\"role\":\"" + role + "\",\"iat\":" + now.getEpochSecond()
				+ ",\"exp\":" + now.plus(VALIDITY).getEpochSecond() + "}").getBytes(StandardCharsets.UTF_8));
		String signingInput = header + "." + payload;
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(jwtSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return signingInput + "." + base64(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

	private static String base64(byte[] bytes) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
