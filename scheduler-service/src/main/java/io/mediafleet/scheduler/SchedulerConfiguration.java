package io.mediafleet.scheduler;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Binds {@link SchedulerProperties} and derives the beans every feature of the scheduler shares.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SchedulerProperties.class)
final class SchedulerConfiguration {

	private static final Log log = LogFactory.getLog(SchedulerConfiguration.class);

	@Bean
	LinkSecret linkSecret(SchedulerProperties properties) {
		LinkSecret secret = LinkSecret.of(properties.link().jwtSecret());
		if (secret.generated()) {
			log.warn("mediafleet.scheduler.link.jwt-secret is not set: using a random secret for this run only; "
					+ "agent tokens will stop working when the scheduler restarts. Set MEDIAFLEET_SCHEDULER_LINK_JWTSECRET "
					+ "(at least 32 characters) in any shared deployment.");
		}
		return secret;
	}

}
