package io.mediafleet.scheduler.link;

import java.time.Clock;

import io.mediafleet.scheduler.LinkSecret;
import io.mediafleet.scheduler.SchedulerProperties;
import io.mediafleet.schema.link.LinkCatalogue;
import io.mediafleet.schema.link.LinkCodec;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/**
 * Wires the link hub at the configured path (default {@code /api/socket}) with a catalogue of the core messages plus
 * every feature's {@link LinkMessages} (today the burn farm's), behind the limit on connections that have not
 * registered yet.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class LinkConfiguration implements WebSocketConfigurer {

	private final LinkHub hub;

	private final SchedulerProperties properties;

	LinkConfiguration(LinkHub hub, SchedulerProperties properties) {
		this.hub = hub;
		this.properties = properties;
	}

	@Override
	public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
		registry.addHandler(this.hub, this.properties.link().path())
			.addInterceptors(new UnregisteredLimitInterceptor(this.hub));
	}

	@Configuration(proxyBeanMethods = false)
	static class HubBeans {

		@Bean
		LinkTokens linkTokens(LinkSecret secret) {
			return new LinkTokens(secret, Clock.systemUTC());
		}

		@Bean
		LinkContainerSettings linkContainerSettings() {
			return new LinkContainerSettings();
		}

		@Bean
		LinkCodec linkCodec(ObjectProvider<LinkMessages> features) {
			LinkCatalogue.Builder catalogue = LinkCatalogue.builder().withCoreMessages();
			features.orderedStream().forEach((feature) -> feature.register(catalogue));
			return new LinkCodec(catalogue.build());
		}

		@Bean
		LinkHub linkHub(LinkCodec codec, LinkTokens tokens, MeterRegistry registry, SchedulerProperties properties) {
			SchedulerProperties.Link link = properties.link();
			return new LinkHub(codec, tokens, new LinkMetrics(registry),
					new LinkHub.Settings(link.heartbeatInterval(), link.sessionTimeout(), link.handshakeTimeout(),
							link.maxBufferedMessages(), link.maxPendingRequests(), link.maxSessions(),
							link.maxUnregistered(), link.closeGrace()),
					Clock.systemUTC());
		}

	}

}
