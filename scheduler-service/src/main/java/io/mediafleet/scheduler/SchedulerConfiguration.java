package io.mediafleet.scheduler;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.resource.Delay;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
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

	/**
	 * Lettuce reconnects with an exponential delay that grows to 30 s by default, so after a long Redis outage the
	 * scheduler heard its streamers again up to 30 s after Redis was back. Capped at 1 s, as the streamer's own
	 * client is capped at 2 s.
	 */
	@Bean
	ClientResourcesBuilderCustomizer redisReconnectDelay() {
		return (resources) -> resources
			.reconnectDelay(Delay.exponential(Duration.ofMillis(100), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS));
	}

}
