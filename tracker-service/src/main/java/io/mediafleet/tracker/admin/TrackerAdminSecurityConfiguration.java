package io.mediafleet.tracker.admin;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.mediafleet.httpguard.AdminTokenFilter;
import io.mediafleet.tracker.TrackerProperties;

/**
 * Puts http-guard's {@link AdminTokenFilter} in front of {@code /admin/tracker/*}, with the same safe default as the
 * scheduler's admin API: with {@code mediafleet.tracker.admin.token} unset the admin API is disabled (every request
 * answered 401, and a warning at startup). Actuator endpoints are never behind the token.
 */
@Configuration(proxyBeanMethods = false)
class TrackerAdminSecurityConfiguration {

	private static final Log log = LogFactory.getLog(TrackerAdminSecurityConfiguration.class);

	static final String ADMIN_PATHS = "/admin/tracker/*";

	@Bean
	FilterRegistrationBean<AdminTokenFilter> trackerAdminTokenFilter(TrackerProperties properties) {
		TrackerProperties.Admin admin = properties.admin();
		AdminTokenFilter filter = new AdminTokenFilter(admin.tokenSet() ? admin.token() : null,
				"mediafleet-tracker-admin", "mediafleet.tracker.admin.token");
		if (!filter.enabled()) {
			log.warn("mediafleet.tracker.admin.token is not set: the admin API (/admin/tracker/*) answers 401 to every "
					+ "request. Set MEDIAFLEET_TRACKER_ADMIN_TOKEN to enable it.");
		}
		FilterRegistrationBean<AdminTokenFilter> registration = new FilterRegistrationBean<>(filter);
		registration.addUrlPatterns(ADMIN_PATHS);
		registration.setName("trackerAdminTokenFilter");
		return registration;
	}

}
