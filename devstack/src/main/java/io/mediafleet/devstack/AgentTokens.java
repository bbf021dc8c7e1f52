package io.mediafleet.devstack;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Mints the link JWTs (HS256, claims {@code sub}, {@code role}, {@code iat}, {@code exp}) devstack hands its agents, with
 * the scheduler's JWT secret and the same library as the scheduler's {@code LinkTokens} (nimbus-jose-jwt): the agents
 * start beside the scheduler, before its admin API could mint them.
 */
final class AgentTokens {

	/** Long enough for any devstack session; every start mints new ones. */
	static final Duration VALIDITY = Duration.ofDays(30);

	private AgentTokens() {
	}

	/** A token of {@code role} ({@code slave} or {@code control}) for {@code subject}, valid for {@link #VALIDITY}. */
	static String mint(String jwtSecret, String subject, String role, Instant now) {
		JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(subject)
			.claim("role", role)
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(VALIDITY)))
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(), claims);
		try {
			jwt.sign(new MACSigner(jwtSecret.getBytes(StandardCharsets.UTF_8)));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("The JWT secret is not a usable HS256 key: " + ex.getMessage(), ex);
		}
		return jwt.serialize();
	}

}
