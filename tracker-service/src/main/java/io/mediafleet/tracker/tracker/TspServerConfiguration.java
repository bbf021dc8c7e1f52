package io.mediafleet.tracker.tracker;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.mediafleet.tracker.TrackerProperties;

/**
 * Creates the catalogue, the tracker's meters and the TSP server, and runs the server with the application.
 */
@Configuration(proxyBeanMethods = false)
final class TspServerConfiguration {

	@Bean
	Catalogue trackerCatalogue(TrackerProperties properties) {
		return new Catalogue(properties.tsp().maxSongs());
	}

	@Bean
	TspServer tspServer(TrackerProperties properties, Catalogue catalogue, ObjectProvider<MeterRegistry> registry) {
		TspServer[] server = new TspServer[1];
		TrackerMetrics metrics = new TrackerMetrics(
				registry.getIfAvailable(io.micrometer.core.instrument.simple.SimpleMeterRegistry::new),
				() -> (server[0] != null) ? server[0].connectionCount() : 0, catalogue::peerCount, catalogue::songCount);
		server[0] = new TspServer(properties.tsp(), catalogue, metrics);
		return server[0];
	}

	@Bean
	SmartLifecycle tspServerLifecycle(TspServer server) {
		return new SmartLifecycle() {

			@Override
			public void start() {
				try {
					server.start();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException("interrupted while binding the TSP port", ex);
				}
			}

			@Override
			public void stop() {
				server.stop();
			}

			@Override
			public boolean isRunning() {
				return server.isRunning();
			}

		};
	}

}
