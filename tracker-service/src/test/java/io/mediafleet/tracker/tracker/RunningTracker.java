package io.mediafleet.tracker.tracker;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.util.unit.DataSize;

import io.mediafleet.schema.tsp.CatalogueEntry;
import io.mediafleet.schema.tsp.PeerAddress;
import io.mediafleet.tracker.Cidr;
import io.mediafleet.tracker.TrackerProperties;
import io.mediafleet.tsppeer.TestPeer;

/**
 * A real tracker on a free loopback port, built without Spring so a test can choose tiny limits cheaply. In this
 * module's test jar: mediafleet-cli's tests run their peers and commands against it too.
 */
public final class RunningTracker implements AutoCloseable {

	final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	final Catalogue catalogue;

	final TspServer server;

	/** The peer token of every test tracker; {@link #peer} sends it. */
	static final String PEER_TOKEN = "running-tracker-peer-token";

	/** Peers with {@link #PEER_TOKEN}, and anonymous ones from loopback (the seed's peers, as raw-bytes tests speak). */
	static final PeerAdmission ADMISSION = new PeerAdmission(PEER_TOKEN, List.of(Cidr.parse("127.0.0.0/8")));

	RunningTracker(TrackerProperties.Tsp settings) throws InterruptedException {
		this(settings, ADMISSION);
	}

	RunningTracker(TrackerProperties.Tsp settings, PeerAdmission admission) throws InterruptedException {
		this.catalogue = new Catalogue(settings.maxSongs());
		TspServer[] holder = new TspServer[1];
		TrackerMetrics metrics = new TrackerMetrics(this.registry, () -> holder[0].connectionCount(),
				this.catalogue::peerCount, this.catalogue::songCount);
		this.server = new TspServer(settings, this.catalogue, metrics, admission);
		holder[0] = this.server;
		this.server.start();
	}

	/** A tracker admitting peers with {@link #PEER_TOKEN}, and anonymous peers from loopback. */
	public static RunningTracker start() throws InterruptedException {
		return new RunningTracker(settings(Duration.ofSeconds(30), DataSize.ofMegabytes(1), 100, 10_000));
	}

	static TrackerProperties.Tsp settings(Duration idleTimeout, DataSize maxPayload, int maxConnections, int maxSongs) {
		return new TrackerProperties.Tsp(0, "127.0.0.1", maxPayload, 4096, 20_000, maxConnections, maxConnections, maxSongs,
				idleTimeout,
				Duration.ofMillis(20), 7071, 2, true);
	}

	/** A tracker that admits only peers sending {@code peerToken} in {@code INIT}. */
	public static RunningTracker requiringToken(String peerToken) throws InterruptedException {
		return new RunningTracker(settings(Duration.ofSeconds(30), DataSize.ofMegabytes(1), 100, 10_000),
				PeerAdmission.tokenOnly(peerToken));
	}

	public PeerAddress address() {
		return PeerAddress.of("127.0.0.1", this.server.port());
	}

	double errors(String cause) {
		return this.registry.get("mediafleet.tracker.errors").tag("cause", cause).counter().count();
	}

	double requests(String type) {
		return this.registry.get("mediafleet.tracker.requests").tag("type", type).counter().count();
	}

	/** A real tsp-peer serving {@code directory}, announced to this tracker with {@link #PEER_TOKEN}. */
	TestPeer peer(Path directory) throws IOException {
		return new TestPeer(address(), PEER_TOKEN, directory);
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
