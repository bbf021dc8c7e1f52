package io.mediafleet.cli.tsp;

import java.io.IOException;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

import io.mediafleet.schema.tsp.PeerAddress;
import io.mediafleet.tsppeer.PeerServer;
import io.mediafleet.tsppeer.SongFolder;
import io.mediafleet.tsppeer.SongSource;
import io.mediafleet.tsppeer.TrackerClient;

/**
 * A shared folder as {@code mediafleet tsp share} runs it: the folder's songs announced to the tracker (again after
 * every reconnect) and served to other peers on a PLAY port, until closed.
 */
public final class TspShare implements AutoCloseable {

	private final SongFolder folder;

	private final PeerServer server;

	private final TrackerClient client;

	private final PeerAddress address;

	private TspShare(SongFolder folder, PeerServer server, TrackerClient client, PeerAddress address) {
		this.folder = folder;
		this.server = server;
		this.client = client;
		this.address = address;
	}

	/**
	 * Scans {@code directory}, listens on {@code bindAddress:port} (0: any free port) and announces the songs as
	 * reachable at {@code advertiseHost} and that port, without a peer token (for trackers that admit this network
	 * anonymously).
	 */
	public static TspShare start(PeerAddress tracker, Path directory, String bindAddress, int port, String advertiseHost)
			throws IOException {
		return start(tracker, null, directory, bindAddress, port, advertiseHost);
	}

	/**
	 * Like {@link #start(PeerAddress, Path, String, int, String)}, proving itself to the tracker with
	 * {@code peerToken} ({@code TOKEN} line of {@code INIT}; {@code null}: none).
	 */
	public static TspShare start(PeerAddress tracker, @Nullable String peerToken, Path directory, String bindAddress,
			int port, String advertiseHost) throws IOException {
		SongFolder folder = SongFolder.scan(directory);
		TrackerClient[] client = new TrackerClient[1];
		PeerServer server = new PeerServer(bindAddress, port, SongSource.of(() -> client[0].catalogue(), () -> folder),
				PeerServer.Settings.DEFAULTS);
		PeerAddress address = PeerAddress.of(advertiseHost, server.port());
		client[0] = new TrackerClient(tracker, TrackerClient.Settings.DEFAULTS, peerToken, () -> folder.announcement(address),
				(catalogue) -> {
				});
		client[0].start();
		return new TspShare(folder, server, client[0], address);
	}

	/** The folder's songs as scanned at start. */
	public SongFolder folder() {
		return this.folder;
	}

	/** The address announced for PLAY. */
	public PeerAddress address() {
		return this.address;
	}

	/** The tracker connection. */
	public TrackerClient client() {
		return this.client;
	}

	/** Sends QUIT to the tracker and stops serving. */
	@Override
	public void close() {
		this.client.close();
		this.server.close();
	}

}
