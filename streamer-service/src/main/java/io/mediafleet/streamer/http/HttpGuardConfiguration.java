package io.mediafleet.streamer.http;

import io.mediafleet.streamer.StreamerProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.tomcat.TomcatProtocolHandlerCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Puts {@link AddressLimitedNioProtocol} on the HTTP port with {@code mediafleet.streamer.http.*}; timeouts and the
 * port's overall connection limit are Boot's {@code server.tomcat.*} (see {@code application.yml}).
 */
@Configuration(proxyBeanMethods = false)
final class HttpGuardConfiguration {

	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> addressLimitedProtocol(StreamerProperties properties,
			MeterRegistry registry) {
		Counter refused = Counter.builder("mediafleet.http.connections.refused")
			.description("HTTP connections closed at accept because their source address had its limit open")
			.tag("reason", "per-address")
			.register(registry);
		int maxPerAddress = properties.http().maxConnectionsPerAddress();
		return (factory) -> {
			factory.setProtocol(AddressLimitedNioProtocol.class.getName());
			factory.addProtocolHandlerCustomizers((TomcatProtocolHandlerCustomizer<?>) (handler) -> {
				if (handler instanceof AddressLimitedNioProtocol protocol) {
					protocol.setMaxConnectionsPerAddress(maxPerAddress);
					protocol.onRefused(refused::increment);
				}
			});
		};
	}

}
