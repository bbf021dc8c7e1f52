package io.mediafleet.scheduler.console;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

import io.mediafleet.scheduler.SchedulerProperties;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.session.InvalidSessionStrategy;

/**
 * Two filter chains: {@code /console/**} needs a signed-in session (a form sign-in with the admin token, CSRF on every
 * change, sign out), everything else passes untouched to the guards it already has (the admin API's bearer token, the
 * link's JWTs), without sessions or CSRF.
 */
@Configuration(proxyBeanMethods = false)
final class ConsoleSecurityConfiguration {

	static final String SIGN_IN = "/console/sign-in";

	static final String EXPIRED = SIGN_IN + "?expired";

	/** The session cookie's name, as {@code server.servlet.session.cookie.name} in application.yml sets it. */
	static final String SESSION_COOKIE = "MEDIAFLEET_CONSOLE";

	@Bean
	@Order(1)
	SecurityFilterChain consoleChain(HttpSecurity http, SchedulerProperties properties) throws Exception {
		if (!properties.console().enabled()) {
			return http.securityMatcher("/console/**")
				.authorizeHttpRequests((requests) -> requests.anyRequest().denyAll())
				.build();
		}
		int timeoutSeconds = (int) Math.min(Integer.MAX_VALUE, properties.console().sessionTimeout().toSeconds());
		SavedRequestAwareAuthenticationSuccessHandler success = new SavedRequestAwareAuthenticationSuccessHandler() {

			@Override
			public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
					Authentication authentication) throws jakarta.servlet.ServletException, IOException {
				request.getSession().setMaxInactiveInterval(timeoutSeconds);
				super.onAuthenticationSuccess(request, response, authentication);
			}

		};
		success.setDefaultTargetUrl("/console");
		return http.securityMatcher("/console/**")
			// An event stream's async dispatch (when it ends) continues a request already authorized; judged again
			// after a sign out it would be refused on a committed response and logged as an error.
			.authorizeHttpRequests((requests) -> requests.dispatcherTypeMatchers(DispatcherType.ASYNC)
				.permitAll()
				.requestMatchers(SIGN_IN)
				.permitAll()
				.anyRequest()
				.hasRole("OPERATOR"))
			.formLogin((form) -> form.loginPage(SIGN_IN)
				.loginProcessingUrl(SIGN_IN)
				.usernameParameter("operator")
				.passwordParameter("token")
				.successHandler(success)
				.failureUrl(SIGN_IN + "?error"))
			.logout((logout) -> logout.logoutUrl("/console/sign-out")
				.logoutSuccessUrl(SIGN_IN + "?signed-out")
				.deleteCookies(SESSION_COOKIE))
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED)
				.invalidSessionStrategy(expired()))
			.exceptionHandling((errors) -> errors.authenticationEntryPoint(signInFirst())
				.accessDeniedHandler(refused()))
			.headers((headers) -> headers
				.contentSecurityPolicy((csp) -> csp.policyDirectives("default-src 'self'; img-src 'self' data:; "
						+ "media-src *; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; form-action 'self'")))
			.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain everythingElse(HttpSecurity http) throws Exception {
		// The admin API, actuator, the link and the OpenAPI document keep their own guards; no sessions, no CSRF
		// (they take bearer tokens, never cookies).
		return http.csrf((csrf) -> csrf.disable())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.disable())
			.logout((logout) -> logout.disable())
			.build();
	}

	@Bean
	AuthenticationProvider consoleSignIn(
			@Value("${mediafleet.scheduler.admin.token:#{null}}") @Nullable String adminToken) {
		byte[] expected = (adminToken == null || adminToken.isBlank()) ? null
				: adminToken.getBytes(StandardCharsets.UTF_8);
		return new AuthenticationProvider() {

			@Override
			public Authentication authenticate(Authentication authentication) {
				Object credentials = authentication.getCredentials();
				if (expected == null) {
					throw new BadCredentialsException("the admin token is not set on this scheduler");
				}
				if (credentials == null || !MessageDigest.isEqual(expected,
						credentials.toString().trim().getBytes(StandardCharsets.UTF_8))) {
					throw new BadCredentialsException("wrong token");
				}
				String name = authentication.getName().isBlank() ? "operator" : authentication.getName().strip();
				return UsernamePasswordAuthenticationToken.authenticated(
						name.substring(0, Math.min(name.length(), 60)), null,
						List.of(new SimpleGrantedAuthority("ROLE_OPERATOR")));
			}

			@Override
			public boolean supports(Class<?> authentication) {
				return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
			}

		};
	}

	/** A request the page made for itself (htmx, the live connection) gets a 401 it understands, not a page. */
	static boolean fromScript(HttpServletRequest request) {
		String accept = request.getHeader("Accept");
		return request.getHeader("HX-Request") != null || (accept != null && accept.contains("text/event-stream"));
	}

	private static void toSignIn(HttpServletRequest request, HttpServletResponse response, String location)
			throws IOException {
		if (fromScript(request)) {
			response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
			response.setHeader("HX-Redirect", location);
			return;
		}
		response.sendRedirect(location);
	}

	private static InvalidSessionStrategy expired() {
		return (request, response) -> {
			// A fresh session, so the sign-in page that follows can carry its CSRF token.
			request.getSession(true);
			toSignIn(request, response, EXPIRED);
		};
	}

	private static AuthenticationEntryPoint signInFirst() {
		return (request, response, exception) -> toSignIn(request, response,
				(request.getRequestedSessionId() != null) ? EXPIRED : SIGN_IN);
	}

	private static AccessDeniedHandler refused() {
		return (request, response, exception) -> {
			if (exception instanceof CsrfException && request.getSession(false) == null) {
				// The session ended while the page was open: its token went with it.
				toSignIn(request, response, EXPIRED);
				return;
			}
			response.sendError(HttpServletResponse.SC_FORBIDDEN,
					"This action was refused: reload the page and try again.");
		};
	}

}
