package io.mediafleet.tracker.tracker;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

import io.mediafleet.schema.tsp.PeerAddress;
import io.mediafleet.tsppeer.PeerFetcher;
import io.mediafleet.tsppeer.PeerServer;
import io.mediafleet.tsppeer.SongFolder;
import io.mediafleet.tsppeer.SongSource;
import io.mediafleet.tsppeer.TrackerClient;

/** A complete tsp-peer on loopback: its folder, its PLAY server and its tracker connection. */
final class TestPeer implements AutoCloseable {

	final SongFolder folder;

	final PeerServer server;

	final TrackerClient client;

	TestPeer(PeerAddress tracker, Path directory) throws IOException {
		this.folder = SongFolder.scan(directory);
		TrackerClient[] holder = new TrackerClient[1];
		this.server = new PeerServer("127.0.0.1", 0, SongSource.of(() -> holder[0].catalogue(), () -> this.folder),
				PeerServer.Settings.DEFAULTS);
		this.client = new TrackerClient(tracker, TrackerClient.Settings.DEFAULTS, RunningTracker.PEER_TOKEN,
				() -> this.folder.announcement(address()), (catalogue) -> {
				});
		holder[0] = this.client;
		this.client.start();
	}

	PeerAddress address() {
		return PeerAddress.of("127.0.0.1", this.server.port());
	}

	PeerFetcher fetcher() {
		return new PeerFetcher(this.client, PeerFetcher.Settings.DEFAULTS, Set.of(address()));
	}

	@Override
	public void close() {
		this.client.close();
		this.server.close();
	}

}
