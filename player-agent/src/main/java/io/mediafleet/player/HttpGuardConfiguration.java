package io.mediafleet.player;

import io.mediafleet.httpguard.HttpGuard;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Puts the shared {@link HttpGuard} on the HTTP port with the service's {@code http.max-connections-per-address};
 * timeouts and the port's overall connection limit are Boot's {@code server.tomcat.*} (see {@code application.yml}).
 */
@Configuration(proxyBeanMethods = false)
final class HttpGuardConfiguration {

	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> addressLimitedProtocol(PlayerProperties properties,
			MeterRegistry registry) {
		return HttpGuard.customizer(properties.http().maxConnectionsPerAddress(), registry);
	}

}
