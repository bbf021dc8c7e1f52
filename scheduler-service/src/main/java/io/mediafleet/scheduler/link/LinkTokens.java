package io.mediafleet.scheduler.link;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.mediafleet.scheduler.LinkSecret;
import org.jspecify.annotations.Nullable;

/**
 * Mints and checks the link's HS256 JWTs with nimbus-jose-jwt: claims {@code sub}, {@code role} ({@code slave} or
 * {@code control}), optional {@code slave_id}, {@code iat} and {@code exp}.
 *
 * <p>Example token (header {@code {"alg":"HS256","typ":"JWT"}}, payload
 * {@code {"sub":"burner-1","role":"slave","iat":1700000000,"exp":1731536000}}), three base64url parts joined by dots:
 * {@code eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOi....<signature>}. Tokens minted before the move to the
 * library (by {@code javax.crypto.Mac}) have the same form and keep working.
 *
 * <h2>Parameters to control memory consumption</h2> Tokens longer than {@link #MAX_TOKEN_LENGTH} characters are
 * rejected before decoding.
 */
public final class LinkTokens {

	/** Longest token accepted. */
	public static final int MAX_TOKEN_LENGTH = 4096;

	private final MACSigner signer;

	private final MACVerifier verifier;

	private final Clock clock;

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
		try {
			this.signer = new MACSigner(secret.key());
			this.verifier = new MACVerifier(secret.key());
		}
		catch (JOSEException ex) {
			throw new IllegalArgumentException("The link secret is not a usable HS256 key: " + ex.getMessage(), ex);
		}
		this.clock = clock;
	}

	/** A token for {@code role} ({@code slave} or {@code control}) valid for {@code ttl}. */
	public String mint(String subject, String role, @Nullable Long slaveId, Duration ttl) {
		if (!role.equals("slave") && !role.equals("control")) {
			throw new IllegalArgumentException("role must be slave or control");
		}
		Instant now = this.clock.instant();
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(subject).claim("role", role);
		if (slaveId != null) {
			claims.claim("slave_id", slaveId);
		}
		claims.issueTime(Date.from(now)).expirationTime(Date.from(now.plus(ttl)));
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(),
				claims.build());
		try {
			jwt.sign(this.signer);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("HS256 signing failed", ex);
		}
		return jwt.serialize();
	}

	/** The token's claims if it is well-formed, signed with our key, HS256 and not expired; otherwise {@code null}. */
	public @Nullable Claims verify(@Nullable String token) {
		if (token == null || token.length() > MAX_TOKEN_LENGTH) {
			return null;
		}
		try {
			SignedJWT jwt = SignedJWT.parse(token);
			if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(this.verifier)) {
				return null;
			}
			JWTClaimsSet claims = jwt.getJWTClaimsSet();
			Date expires = claims.getExpirationTime();
			if (expires != null && expires.toInstant().getEpochSecond() < this.clock.instant().getEpochSecond()) {
				return null;
			}
			if (!(claims.getClaim("role") instanceof String role) || !(role.equals("slave") || role.equals("control"))) {
				return null;
			}
			Long slaveId = (claims.getClaim("slave_id") instanceof Number number && isWhole(number)) ? number.longValue()
					: null;
			String subject = claims.getSubject();
			return new Claims((subject != null) ? subject : "", role, slaveId);
		}
		catch (ParseException | JOSEException | RuntimeException ex) {
			return null;
		}
	}

	private static boolean isWhole(Number number) {
		return number instanceof Long || number instanceof Integer || number instanceof Short || number instanceof Byte
				|| number instanceof java.math.BigInteger;
	}

}
