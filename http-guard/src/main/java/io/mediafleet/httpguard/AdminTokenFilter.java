package io.mediafleet.httpguard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

/**
 * The one admin-token filter of every service: a request passes only with {@code Authorization: Bearer <token>},
 * compared in constant time; anything else is answered {@code 401} with a problem+json body. Its one default is the
 * safe one: with no token configured (null or blank) the admin API is disabled and every request is refused, saying
 * which setting enables it. No token is ever generated, logged or echoed.
 */
public final class AdminTokenFilter extends HttpFilter {

	private static final String BEARER = "Bearer ";

	private final byte @Nullable [] token;

	private final String realm;

	private final String setting;

	/**
	 * @param token the bearer token the admin API accepts; {@code null} or blank disables the admin API
	 * @param realm the {@code WWW-Authenticate} realm, e.g. {@code mediafleet-admin}
	 * @param setting the configuration key that holds the token, named in the refusal's detail
	 */
	public AdminTokenFilter(@Nullable String token, String realm, String setting) {
		this.token = (token == null || token.isBlank()) ? null : token.getBytes(StandardCharsets.UTF_8);
		this.realm = Objects.requireNonNull(realm, "realm");
		this.setting = Objects.requireNonNull(setting, "setting");
	}

	/** Whether a token is configured: {@code false} means every admin request is refused. */
	public boolean enabled() {
		return this.token != null;
	}

	@Override
	protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		if (accepts(request.getHeader("Authorization"))) {
			chain.doFilter(request, response);
			return;
		}
		response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
		response.setHeader("WWW-Authenticate", "Bearer realm=\"" + this.realm + "\"");
		response.setContentType("application/problem+json");
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		String detail = enabled() ? "a valid bearer token is required (" + this.setting + ")"
				: "the admin API is disabled: " + this.setting + " is not set";
		response.getWriter()
			.write("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,\"detail\":\"" + detail + "\"}");
	}

	/** Whether {@code authorization} (the header's value, or {@code null}) carries the configured token. */
	boolean accepts(@Nullable String authorization) {
		byte[] expected = this.token;
		return expected != null && authorization != null && authorization.regionMatches(true, 0, BEARER, 0, 7)
				&& MessageDigest.isEqual(expected, authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8));
	}

}
