package io.mediafleet.tracker.tracker;

import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.util.unit.DataSize;

import io.mediafleet.schema.tsp.CatalogueEntry;
import io.mediafleet.schema.tsp.PeerAddress;
import io.mediafleet.tracker.Cidr;
import io.mediafleet.tracker.TrackerProperties;

/**
 * A real tracker on a free loopback port for the command line's tests, built without Spring (it lives in the
 * tracker's package for its package-private metrics).
 */
public final class TrackerForCliTests implements AutoCloseable {

	private final Catalogue catalogue;

	private final TspServer server;

	private TrackerForCliTests(PeerAdmission admission) throws InterruptedException {
		TrackerProperties.Tsp settings = new TrackerProperties.Tsp(0, "127.0.0.1", DataSize.ofMegabytes(1), 4096, 20_000,
				100, 100, 10_000, Duration.ofSeconds(30), Duration.ofMillis(20), 7071, 2, true);
		this.catalogue = new Catalogue(settings.maxSongs());
		TspServer[] holder = new TspServer[1];
		TrackerMetrics metrics = new TrackerMetrics(new SimpleMeterRegistry(), () -> holder[0].connectionCount(),
				this.catalogue::peerCount, this.catalogue::songCount);
		this.server = new TspServer(settings, this.catalogue, metrics, admission);
		holder[0] = this.server;
		this.server.start();
	}

	/** A tracker that admits anonymous peers from loopback, as the seed's tracker admitted everyone. */
	public static TrackerForCliTests start() throws InterruptedException {
		return new TrackerForCliTests(new PeerAdmission("cli-tests-unused-token", List.of(Cidr.parse("127.0.0.0/8"))));
	}

	/** A tracker that admits only peers sending {@code peerToken} in {@code INIT}. */
	public static TrackerForCliTests requiringToken(String peerToken) throws InterruptedException {
		return new TrackerForCliTests(PeerAdmission.tokenOnly(peerToken));
	}

	public PeerAddress address() {
		return PeerAddress.of("127.0.0.1", this.server.port());
	}

	public int songCount() {
		return this.catalogue.songCount();
	}

	public List<CatalogueEntry> entries() {
		return this.catalogue.entries();
	}

	@Override
	public void close() {
		this.server.stop();
	}

}
