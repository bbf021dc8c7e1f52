package io.mediafleet.tracker;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/**
 * Binds {@link TrackerProperties}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TrackerProperties.class)
final class TrackerConfiguration {

}
