package io.mediafleet.scheduler.console;

import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The sign-in page (the form posts to Spring Security's {@code /console/sign-in}) and the check a page makes when
 * its live connection fails: is the session still there?
 */
@Controller
final class SignInController {

	@GetMapping(ConsoleSecurityConfiguration.SIGN_IN)
	String signIn(@RequestParam(required = false) @Nullable String error,
			@RequestParam(required = false) @Nullable String expired,
			@RequestParam(name = "signed-out", required = false) @Nullable String signedOut,
			@Nullable HttpSession session, Model model) {
		if (error != null) {
			Object last = (session != null) ? session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION) : null;
			String why = (last instanceof AuthenticationException ex) ? ex.getMessage() : null;
			model.addAttribute("tokenError",
					"the admin token is not set on this scheduler".equals(why)
							? "This scheduler has no admin token, so nobody can sign in: set MEDIAFLEET_SCHEDULER_ADMIN_TOKEN and restart it."
							: "That is not the admin token. bin/devstack prints it, and keeps it in devstack-data/admin-token.");
		}
		else if (expired != null) {
			model.addAttribute("notice", "Your session ended. Sign in again to go on.");
		}
		else if (signedOut != null) {
			model.addAttribute("notice", "You are signed out.");
		}
		return "console/sign-in";
	}

	/** 204 while signed in; otherwise the security chain answers 401 before this runs. */
	@GetMapping("/console/session")
	ResponseEntity<Void> session() {
		return ResponseEntity.noContent().build();
	}

}
