package io.mediafleet.burner;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/**
 * Binds {@link BurnerProperties}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BurnerProperties.class)
final class BurnerConfiguration {

}
