package io.mediafleet.devstack;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The burner's token devstack mints is the scheduler's link JWT: HS256 over the two first parts with the JWT secret,
 * role and expiry in the payload.
 */
class AgentTokensTests {

	@Test
	void aSlaveTokenIsAnHs256JwtSignedWithTheSchedulerSecretAndValidForThirtyDays() throws Exception {
		String secret = "devstack-secret-of-at-least-32-characters";
		String token = AgentTokens.mint(secret, "devstack-burner", "slave", Instant.ofEpochSecond(1_800_000_000L));
		String[] parts = token.split("\\.");
		assertThat(parts).hasSize(3);
		assertThat(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8))
			.isEqualTo("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
		assertThat(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)).isEqualTo(
				"{\"sub\":\"devstack-burner\",\"role\":\"slave\",\"iat\":1800000000,\"exp\":" + (1_800_000_000L + 30 * 86_400)
						+ "}");
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		assertThat(Base64.getUrlDecoder().decode(parts[2]))
			.isEqualTo(mac.doFinal((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII)));
	}

}
