package io.mediafleet.devstack;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The burner's token devstack mints is the scheduler's link JWT: HS256 over the two first parts with the JWT secret,
 * role and expiry in the payload. The signature is checked here with the JDK's own HMAC, not the library that made it.
 */
class AgentTokensTests {

	@Test
	void aSlaveTokenIsAnHs256JwtSignedWithTheSchedulerSecretAndValidForThirtyDays() throws Exception {
		String secret = "devstack-secret-of-at-least-32-characters";
		Instant now = Instant.ofEpochSecond(1_800_000_000L);
		String token = AgentTokens.mint(secret, "devstack-burner", "slave", now);
		String[] parts = token.split("\\.");
		assertThat(parts).hasSize(3);
		SignedJWT jwt = SignedJWT.parse(token);
		assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("HS256");
		assertThat(jwt.getHeader().getType().getType()).isEqualTo("JWT");
		JWTClaimsSet claims = jwt.getJWTClaimsSet();
		assertThat(claims.getSubject()).isEqualTo("devstack-burner");
		assertThat(claims.getClaim("role")).isEqualTo("slave");
		assertThat(claims.getIssueTime()).isEqualTo(Date.from(now));
		assertThat(claims.getExpirationTime()).isEqualTo(Date.from(now.plusSeconds(30 * 86_400)));
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		assertThat(Base64.getUrlDecoder().decode(parts[2]))
			.isEqualTo(mac.doFinal((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII)));
	}

	@Test
	void aSubjectWithQuotesStaysOneClaim() throws Exception {
		String token = AgentTokens.mint("devstack-secret-of-at-least-32-characters", "a\",\"role\":\"control", "slave",
				Instant.ofEpochSecond(1_800_000_000L));
		JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
		assertThat(claims.getSubject()).isEqualTo("a\",\"role\":\"control");
		assertThat(claims.getClaim("role")).isEqualTo("slave");
	}

	@Test
	void aSecretTooShortForHs256IsRefused() {
		assertThatIllegalStateException().isThrownBy(() -> AgentTokens.mint("short", "s", "slave", Instant.now()))
			.withMessageContaining("not a usable HS256 key");
	}

}
