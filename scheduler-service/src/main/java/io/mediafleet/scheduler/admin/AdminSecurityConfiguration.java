package io.mediafleet.scheduler.admin;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.mediafleet.httpguard.AdminTokenFilter;

/**
 * Puts http-guard's {@link AdminTokenFilter} in front of {@code /api/admin/*} (unset token: every admin request is
 * refused); actuator endpoints and {@code /v3/api-docs} stay open.
 */
@Configuration(proxyBeanMethods = false)
final class AdminSecurityConfiguration {

	private static final Log log = LogFactory.getLog(AdminSecurityConfiguration.class);

	static final String ADMIN_PATHS = "/api/admin/*";

	@Bean
	FilterRegistrationBean<AdminTokenFilter> adminTokenFilter(
			@Value("${mediafleet.scheduler.admin.token:#{null}}") @Nullable String token) {
		if (token == null || token.isBlank()) {
			log.warn("mediafleet.scheduler.admin.token is not set: the REST admin API answers 401 to every request. "
					+ "Set MEDIAFLEET_SCHEDULER_ADMIN_TOKEN to enable it.");
		}
		FilterRegistrationBean<AdminTokenFilter> registration = new FilterRegistrationBean<>(
				new AdminTokenFilter(token, "mediafleet-admin", "mediafleet.scheduler.admin.token"));
		registration.addUrlPatterns(ADMIN_PATHS);
		registration.setName("adminTokenFilter");
		return registration;
	}

}
