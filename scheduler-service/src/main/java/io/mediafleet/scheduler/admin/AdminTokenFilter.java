package io.mediafleet.scheduler.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets a request through to {@code /api/admin/**} only with {@code Authorization: Bearer <configured token>}; without
 * a configured token every admin request is refused. Compares in constant time.
 */
final class AdminTokenFilter extends OncePerRequestFilter {

	private final byte @Nullable [] token;

	AdminTokenFilter(@Nullable String token) {
		this.token = (token == null || token.isBlank()) ? null : token.getBytes(StandardCharsets.UTF_8);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (this.token != null && header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
				&& MessageDigest.isEqual(this.token, header.substring(7).trim().getBytes(StandardCharsets.UTF_8))) {
			chain.doFilter(request, response);
			return;
		}
		response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"mediafleet-admin\"");
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		String detail = (this.token == null) ? "the admin API is disabled: mediafleet.scheduler.admin.token is not set"
				: "a valid bearer token is required";
		response.getWriter()
			.write("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,\"detail\":\"" + detail + "\"}");
	}

}
