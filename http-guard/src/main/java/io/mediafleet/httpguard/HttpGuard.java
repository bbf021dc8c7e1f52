package io.mediafleet.httpguard;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.tomcat.TomcatProtocolHandlerCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

/**
 * Puts {@link AddressLimitedNioProtocol} on a service's Tomcat port. Each service declares the customizer as a bean
 * with the limit from its own configuration record; timeouts and the port's overall connection limit stay Boot's
 * {@code server.tomcat.*}.
 */
public final class HttpGuard {

	private HttpGuard() {
	}

	/**
	 * A customizer that limits open connections per source address to {@code maxConnectionsPerAddress} (0: no
	 * limit), counting refusals in {@code mediafleet.http.connections.refused}.
	 */
	public static WebServerFactoryCustomizer<TomcatServletWebServerFactory> customizer(int maxConnectionsPerAddress,
			MeterRegistry registry) {
		Counter refused = Counter.builder("mediafleet.http.connections.refused")
			.description("HTTP connections closed at accept because their source address had its limit open")
			.tag("reason", "per-address")
			.register(registry);
		return (factory) -> {
			factory.setProtocol(AddressLimitedNioProtocol.class.getName());
			factory.addProtocolHandlerCustomizers((TomcatProtocolHandlerCustomizer<?>) (handler) -> {
				if (handler instanceof AddressLimitedNioProtocol protocol) {
					protocol.setMaxConnectionsPerAddress(maxConnectionsPerAddress);
					protocol.onRefused(refused::increment);
				}
			});
		};
	}

}
