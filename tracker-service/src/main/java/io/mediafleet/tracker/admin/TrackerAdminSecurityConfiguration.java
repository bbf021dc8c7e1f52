package io.mediafleet.tracker.admin;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.mediafleet.tracker.TrackerProperties;

/**
 * Puts {@link TrackerAdminTokenFilter} in front of {@code /admin/tracker/*}; while
 * {@code mediafleet.tracker.admin.token} is unset the filter lets everything through and a warning says so at
 * startup. Actuator endpoints are never behind the token.
 */
@Configuration(proxyBeanMethods = false)
class TrackerAdminSecurityConfiguration {

	private static final Log log = LogFactory.getLog(TrackerAdminSecurityConfiguration.class);

	static final String ADMIN_PATHS = "/admin/tracker/*";

	@Bean
	FilterRegistrationBean<TrackerAdminTokenFilter> trackerAdminTokenFilter(TrackerProperties properties) {
		TrackerProperties.Admin admin = properties.admin();
		if (!admin.tokenSet()) {
			log.warn("mediafleet.tracker.admin.token is not set: the tracker's REST admin API (/admin/tracker/*, "
					+ "including kicking peers) is open to anyone who reaches this port. Set "
					+ "MEDIAFLEET_TRACKER_ADMIN_TOKEN to require a bearer token.");
		}
		FilterRegistrationBean<TrackerAdminTokenFilter> registration = new FilterRegistrationBean<>(
				new TrackerAdminTokenFilter(admin.tokenSet() ? admin.token() : null));
		registration.addUrlPatterns(ADMIN_PATHS);
		registration.setName("trackerAdminTokenFilter");
		return registration;
	}

}
