package io.mediafleet.tracker.tracker;

import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.mediafleet.tracker.Cidr;
import io.mediafleet.tracker.TrackerProperties;
import io.mediafleet.tracker.TrackerTokens;

/**
 * Creates the catalogue, the tracker's meters and the TSP server, and runs the server with the application.
 */
@Configuration(proxyBeanMethods = false)
final class TspServerConfiguration {

	private static final Log log = LogFactory.getLog(TspServerConfiguration.class);

	@Bean
	Catalogue trackerCatalogue(TrackerProperties properties) {
		return new Catalogue(properties.tsp().maxSongs());
	}

	/**
	 * Who may announce: the configured peer token (or one generated for this run, logged so an operator can hand it
	 * to peers) and the networks of anonymous seed peers.
	 */
	@Bean
	PeerAdmission trackerPeerAdmission(TrackerProperties properties) {
		TrackerProperties.Peers peers = properties.peers();
		String token = peers.token();
		if (!peers.tokenSet()) {
			token = TrackerTokens.generate();
			log.warn("mediafleet.tracker.peers.token is not set: generated the peer token " + token + " for this run "
					+ "only. Peers must send it in a TOKEN line of INIT; set MEDIAFLEET_TRACKER_PEERS_TOKEN on the tracker "
					+ "and its peers to keep one across restarts.");
		}
		List<Cidr> anonymous = peers.anonymousNetworks().stream().map(Cidr::parse).toList();
		if (!anonymous.isEmpty()) {
			log.warn("Peers without a token may announce songs (for their own address only) from " + anonymous
					+ " (mediafleet.tracker.peers.anonymous-networks)");
		}
		return new PeerAdmission(token, anonymous);
	}

	@Bean
	TspServer tspServer(TrackerProperties properties, Catalogue catalogue, ObjectProvider<MeterRegistry> registry,
			PeerAdmission admission) {
		TspServer[] server = new TspServer[1];
		TrackerMetrics metrics = new TrackerMetrics(
				registry.getIfAvailable(io.micrometer.core.instrument.simple.SimpleMeterRegistry::new),
				() -> (server[0] != null) ? server[0].connectionCount() : 0, catalogue::peerCount, catalogue::songCount);
		server[0] = new TspServer(properties.tsp(), catalogue, metrics, admission);
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
