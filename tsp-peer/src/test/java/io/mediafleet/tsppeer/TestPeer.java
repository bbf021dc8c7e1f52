package io.mediafleet.tsppeer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.mediafleet.schema.tsp.PeerAddress;

/**
 * A complete tsp-peer on loopback: its folder, its PLAY server and its tracker connection. One copy, in this module's
 * test jar, for every module whose tests need real peers (tracker-service, mediafleet-cli).
 */
public final class TestPeer implements AutoCloseable {

	public final SongFolder folder;

	public final PeerServer server;

	public final TrackerClient client;

	/** An anonymous peer (no token in {@code INIT}). */
	public TestPeer(PeerAddress tracker, Path directory) throws IOException {
		this(tracker, null, directory);
	}

	/** A peer sending {@code token} in {@code INIT} ({@code null}: anonymous). */
	public TestPeer(PeerAddress tracker, @Nullable String token, Path directory) throws IOException {
		this.folder = SongFolder.scan(directory);
		TrackerClient[] holder = new TrackerClient[1];
		this.server = new PeerServer("127.0.0.1", 0, SongSource.of(() -> holder[0].catalogue(), () -> this.folder),
				PeerServer.Settings.DEFAULTS);
		this.client = new TrackerClient(tracker, TrackerClient.Settings.DEFAULTS, token,
				() -> this.folder.announcement(address()), (catalogue) -> {
				});
		holder[0] = this.client;
		this.client.start();
	}

	public PeerAddress address() {
		return PeerAddress.of("127.0.0.1", this.server.port());
	}

	public PeerFetcher fetcher() {
		return new PeerFetcher(this.client, PeerFetcher.Settings.DEFAULTS, Set.of(address()));
	}

	@Override
	public void close() {
		this.client.close();
		this.server.close();
	}

}
