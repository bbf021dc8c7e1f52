package io.mediafleet.scheduler.link;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.mediafleet.scheduler.LinkSecret;
import io.mediafleet.schema.json.JsonLimits;
import io.mediafleet.schema.json.JsonSupport;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Mints and checks the link's HS256 JWTs with {@code javax.crypto.Mac}: claims {@code sub}, {@code role}
 * ({@code slave} or {@code control}), optional {@code slave_id}, {@code iat} and {@code exp}.
 *
 * <p>Example token (header {@code {"alg":"HS256","typ":"JWT"}}, payload
 * {@code {"sub":"burner-1","role":"slave","iat":1700000000,"exp":1731536000}}), three base64url parts joined by dots:
 * {@code eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOi....<signature>}.
 *
 * <h2>Parameters to control memory consumption</h2> Tokens longer than {@link #MAX_TOKEN_LENGTH} characters are
 * rejected before decoding.
 */
public final class LinkTokens {

	/** Longest token accepted. */
	public static final int MAX_TOKEN_LENGTH = 4096;

	private static final String HEADER = base64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

	private final byte[] key;

	private final Clock clock;

	private final JsonMapper mapper = JsonSupport.mapper(new JsonLimits(MAX_TOKEN_LENGTH, 4, 1024, 256));

	/**
	 * What a valid token says.
	 *
	 * @param subject who it was minted for
	 * @param role {@code slave} or {@code control}
	 * @param slaveId the only slave id it may register, or {@code null} for any
	 */
	public record Claims(String subject, String role, @Nullable Long slaveId) {
	}

	public LinkTokens(LinkSecret secret, Clock clock) {
		this.key = secret.key();
		this.clock = clock;
	}

	/** A token for {@code role} ({@code slave} or {@code control}) valid for {@code ttl}. */
	public String mint(String subject, String role, @Nullable Long slaveId, Duration ttl) {
		if (!role.equals("slave") && !role.equals("control")) {
			throw new IllegalArgumentException("role must be slave or control");
		}
		Instant now = this.clock.instant();
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("sub", subject);
		claims.put("role", role);
		if (slaveId != null) {
			claims.put("slave_id", slaveId);
		}
		claims.put("iat", now.getEpochSecond());
		claims.put("exp", now.plus(ttl).getEpochSecond());
		String payload = base64(this.mapper.writeValueAsBytes(claims));
		String signingInput = HEADER + "." + payload;
		return signingInput + "." + base64(sign(signingInput));
	}

	/** The token's claims if it is well-formed, signed with our key, HS256 and not expired; otherwise {@code null}. */
	public @Nullable Claims verify(@Nullable String token) {
		if (token == null || token.length() > MAX_TOKEN_LENGTH) {
			return null;
		}
		String[] parts = token.split("\\.", -1);
		if (parts.length != 3) {
			return null;
		}
		try {
			byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
			if (!MessageDigest.isEqual(signature, sign(parts[0] + "." + parts[1]))) {
				return null;
			}
			JsonNode header = this.mapper.readTree(Base64.getUrlDecoder().decode(parts[0]));
			if (!"HS256".equals(header.path("alg").asString(""))) {
				return null;
			}
			JsonNode payload = this.mapper.readTree(Base64.getUrlDecoder().decode(parts[1]));
			JsonNode exp = payload.path("exp");
			if (exp.isNumber() && exp.asLong() < this.clock.instant().getEpochSecond()) {
				return null;
			}
			String role = payload.path("role").asString("");
			if (!role.equals("slave") && !role.equals("control")) {
				return null;
			}
			JsonNode slaveId = payload.path("slave_id");
			return new Claims(payload.path("sub").asString(""), role, slaveId.isIntegralNumber() ? slaveId.asLong() : null);
		}
		catch (IllegalArgumentException | JacksonException ex) {
			return null;
		}
	}

	private byte[] sign(String input) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(this.key, "HmacSHA256"));
			return mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

	private static String base64(byte[] bytes) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
