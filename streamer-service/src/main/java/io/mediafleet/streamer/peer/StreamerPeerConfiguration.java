package io.mediafleet.streamer.peer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.mediafleet.streamer.StreamerProperties;
import io.mediafleet.streamer.stream.MissingTrackSource;
import io.mediafleet.tsppeer.PeerFetcher;

/**
 * The streamer's TSP peer, its fetcher of missing songs, and the meters
 * {@code mediafleet.streamer.peer.transfers} (by {@code outcome}) and {@code mediafleet.streamer.peer.bytes}.
 */
@Configuration(proxyBeanMethods = false)
final class StreamerPeerConfiguration {

	@Bean
	StreamerPeer streamerPeer(StreamerProperties properties, ObjectProvider<MeterRegistry> registry) {
		StreamerPeer peer = new StreamerPeer(properties);
		registry.ifAvailable((meters) -> {
			FunctionCounter.builder("mediafleet.streamer.peer.transfers", peer, (p) -> served(p))
				.tag("outcome", "served")
				.description("PLAY transfers to other peers")
				.register(meters);
			FunctionCounter.builder("mediafleet.streamer.peer.transfers", peer, (p) -> aborted(p))
				.tag("outcome", "aborted")
				.description("PLAY transfers to other peers")
				.register(meters);
			FunctionCounter.builder("mediafleet.streamer.peer.bytes", peer, (p) -> bytes(p))
				.description("mp3 bytes sent to other peers")
				.register(meters);
		});
		return peer;
	}

	/** Lets a {@code play} of a file the library lacks fetch it from a peer first. */
	@Bean
	MissingTrackSource missingTracksFromPeers(MissingSongFetcher fetcher) {
		return (filename) -> fetcher.fetch(filename, null);
	}

	@Bean
	MissingSongFetcher missingSongFetcher(StreamerPeer peer) {
		return new MissingSongFetcher(peer, PeerFetcher.Settings.DEFAULTS);
	}

	private static double served(StreamerPeer peer) {
		var stats = peer.stats();
		return (stats != null) ? stats.served() : 0;
	}

	private static double aborted(StreamerPeer peer) {
		var stats = peer.stats();
		return (stats != null) ? stats.aborted() : 0;
	}

	private static double bytes(StreamerPeer peer) {
		var stats = peer.stats();
		return (stats != null) ? stats.bytesSent() : 0;
	}

}
