package io.mediafleet.scheduler.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.server.ResponseStatusException;

/**
 * Guards the burn and link admin endpoints with {@code Authorization: Bearer <mediafleet.scheduler.admin.token>}
 * until the suite-wide admin token filter covers them; without a configured token these endpoints refuse everything.
 */
@ControllerAdvice(assignableTypes = { BurnAdminController.class, LinkAdminController.class })
final class BurnAdminTokenAdvice {

	private final byte[] expected;

	BurnAdminTokenAdvice(@Value("${mediafleet.scheduler.admin.token:}") String token) {
		this.expected = token.getBytes(StandardCharsets.UTF_8);
	}

	@ModelAttribute
	void requireAdminToken(HttpServletRequest request) {
		if (this.expected.length == 0) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN,
					"mediafleet.scheduler.admin.token is not set: the admin API is disabled");
		}
		String header = request.getHeader("Authorization");
		byte[] given = (header != null && header.startsWith("Bearer "))
				? header.substring(7).getBytes(StandardCharsets.UTF_8) : new byte[0];
		if (!MessageDigest.isEqual(given, this.expected)) {
			throw new ResponseStatusException(HttpStatus.UNAUTHORIZED, "admin token required");
		}
	}

}
