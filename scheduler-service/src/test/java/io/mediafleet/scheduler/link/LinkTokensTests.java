package io.mediafleet.scheduler.link;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.mediafleet.scheduler.LinkSecret;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The link's tokens keep their wire form: a token written by hand from the JWT layout (as the scheduler minted them
 * with {@code javax.crypto.Mac} before it used nimbus-jose-jwt) is accepted, and anything not signed HS256 with our
 * key, expired or of an unknown role is refused.
 */
class LinkTokensTests {

	private static final String SECRET = "0123456789abcdef0123456789abcdef-link-secret";

	private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

	private final LinkTokens tokens = new LinkTokens(LinkSecret.of(SECRET), Clock.fixed(NOW, ZoneOffset.UTC));

	@Test
	void aTokenWrittenByHandFromTheJwtLayoutIsAccepted() {
		String token = handMade("{\"alg\":\"HS256\",\"typ\":\"JWT\"}",
				"{\"sub\":\"burner-1\",\"role\":\"slave\",\"slave_id\":7,\"iat\":1700000000,\"exp\":"
						+ NOW.plusSeconds(60).getEpochSecond() + "}",
				"HmacSHA256", SECRET);
		assertThat(this.tokens.verify(token)).isEqualTo(new LinkTokens.Claims("burner-1", "slave", 7L));
	}

	@Test
	void aMintedTokenCarriesItsClaimsAndExpiresAfterItsTtl() {
		String token = this.tokens.mint("console", "control", null, Duration.ofHours(1));
		String[] parts = token.split("\\.");
		assertThat(parts).hasSize(3);
		assertThat(decode(parts[0])).contains("\"alg\":\"HS256\"").contains("\"typ\":\"JWT\"");
		assertThat(decode(parts[1])).contains("\"sub\":\"console\"", "\"role\":\"control\"",
				"\"iat\":" + NOW.getEpochSecond(), "\"exp\":" + NOW.plusSeconds(3600).getEpochSecond());
		assertThat(this.tokens.verify(token)).isEqualTo(new LinkTokens.Claims("console", "control", null));

		LinkTokens later = new LinkTokens(LinkSecret.of(SECRET), Clock.fixed(NOW.plusSeconds(3601), ZoneOffset.UTC));
		assertThat(later.verify(token)).isNull();
		assertThat(this.tokens.verify(this.tokens.mint("b", "slave", 3L, Duration.ofMinutes(1))))
			.isEqualTo(new LinkTokens.Claims("b", "slave", 3L));
	}

	@Test
	void tokensNotSignedHs256WithOurKeyAreRefused() {
		String payload = "{\"sub\":\"x\",\"role\":\"control\"}";
		assertThat(this.tokens.verify(handMade("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", payload, "HmacSHA256",
				"another-secret-another-secret-another-secret")))
			.isNull();
		assertThat(this.tokens.verify(handMade("{\"alg\":\"HS512\",\"typ\":\"JWT\"}", payload, "HmacSHA512", SECRET)))
			.isNull();
		String unsigned = base64("{\"alg\":\"none\"}") + "." + base64(payload) + ".";
		assertThat(this.tokens.verify(unsigned)).isNull();
		String good = this.tokens.mint("x", "control", null, Duration.ofHours(1));
		String tampered = good.substring(0, good.indexOf('.') + 1) + base64("{\"sub\":\"x\",\"role\":\"slave\"}")
				+ good.substring(good.lastIndexOf('.'));
		assertThat(this.tokens.verify(tampered)).isNull();
	}

	@Test
	void malformedOversizedOrRoleLessTokensAreRefused() {
		assertThat(this.tokens.verify(null)).isNull();
		assertThat(this.tokens.verify("")).isNull();
		assertThat(this.tokens.verify("a.b")).isNull();
		assertThat(this.tokens.verify("not a token at all")).isNull();
		assertThat(this.tokens.verify("x".repeat(LinkTokens.MAX_TOKEN_LENGTH + 1))).isNull();
		assertThat(this.tokens.verify(handMade("{\"alg\":\"HS256\",\"typ\":\"JWT\"}",
				"{\"sub\":\"x\",\"role\":\"admin\"}", "HmacSHA256", SECRET)))
			.isNull();
		assertThat(this.tokens.verify(handMade("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", "{\"sub\":\"x\"}",
				"HmacSHA256", SECRET)))
			.isNull();
		assertThat(this.tokens.verify(handMade("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", "[1,2,3]", "HmacSHA256", SECRET)))
			.isNull();
	}

	private static String handMade(String header, String payload, String macAlgorithm, String secret) {
		try {
			String input = base64(header) + "." + base64(payload);
			Mac mac = Mac.getInstance(macAlgorithm);
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), macAlgorithm));
			return input + "."
					+ Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String base64(String json) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

	private static String decode(String part) {
		return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
	}

}
