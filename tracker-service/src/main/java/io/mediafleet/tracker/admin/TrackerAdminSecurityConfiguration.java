package io.mediafleet.tracker.admin;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.mediafleet.tracker.TrackerProperties;
import io.mediafleet.tracker.TrackerTokens;

/**
 * Puts {@link TrackerAdminTokenFilter} in front of {@code /admin/tracker/*}. The admin API always needs a bearer
 * token: {@code mediafleet.tracker.admin.token}, or, when that is unset, a random one generated at startup and logged
 * in a warning (valid until the tracker restarts). Actuator endpoints are never behind the token.
 */
@Configuration(proxyBeanMethods = false)
class TrackerAdminSecurityConfiguration {

	private static final Log log = LogFactory.getLog(TrackerAdminSecurityConfiguration.class);

	static final String ADMIN_PATHS = "/admin/tracker/*";

	@Bean
	TrackerAdminToken trackerAdminToken(TrackerProperties properties) {
		TrackerProperties.Admin admin = properties.admin();
		if (admin.tokenSet()) {
			return new TrackerAdminToken(admin.token(), false);
		}
		String generated = TrackerTokens.generate();
		log.warn("mediafleet.tracker.admin.token is not set: generated the admin token " + generated + " for this run "
				+ "only (send it as 'Authorization: Bearer <token>' to /admin/tracker/*). Set "
				+ "MEDIAFLEET_TRACKER_ADMIN_TOKEN to keep one across restarts.");
		return new TrackerAdminToken(generated, true);
	}

	@Bean
	FilterRegistrationBean<TrackerAdminTokenFilter> trackerAdminTokenFilter(TrackerAdminToken token) {
		FilterRegistrationBean<TrackerAdminTokenFilter> registration = new FilterRegistrationBean<>(
				new TrackerAdminTokenFilter(token.value()));
		registration.addUrlPatterns(ADMIN_PATHS);
		registration.setName("trackerAdminTokenFilter");
		return registration;
	}

	/**
	 * The bearer token the admin API accepts.
	 *
	 * @param value the token
	 * @param generated whether it was generated because none was configured
	 */
	record TrackerAdminToken(String value, boolean generated) {

		@Override
		public String toString() {
			// never the token itself
			return "TrackerAdminToken[" + (this.generated ? "generated" : "configured") + "]";
		}

	}

}
