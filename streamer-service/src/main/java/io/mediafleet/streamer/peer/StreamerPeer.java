package io.mediafleet.streamer.peer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

import io.mediafleet.schema.tsp.CatalogueEntry;
import io.mediafleet.schema.tsp.PeerAddress;
import io.mediafleet.streamer.StreamerProperties;
import io.mediafleet.streamer.mp3.Mp3Audio;
import io.mediafleet.streamer.mp3.Mp3Parser;
import io.mediafleet.tsppeer.PeerServer;
import io.mediafleet.tsppeer.SongDescriber;
import io.mediafleet.tsppeer.SongFolder;
import io.mediafleet.tsppeer.SongSource;
import io.mediafleet.tsppeer.TrackerClient;

/**
 * Runs the streamer's TSP peer with the application: scans the library directory, serves {@code PLAY} on the peer
 * port and keeps the tracker connection (announcing the library after every connect).
 */
public final class StreamerPeer implements SmartLifecycle {

	private static final Log log = LogFactory.getLog(StreamerPeer.class);

	private final StreamerProperties properties;

	private volatile @Nullable SongFolder folder;

	private @Nullable PeerServer server;

	private @Nullable TrackerClient client;

	private @Nullable PeerAddress address;

	StreamerPeer(StreamerProperties properties) {
		this.properties = properties;
	}

	@Override
	public synchronized void start() {
		if (this.server != null) {
			return;
		}
		StreamerProperties.Peer peer = this.properties.peer();
		this.folder = scan(this.properties.libraryDirectory());
		try {
			this.server = new PeerServer(peer.bindAddress(), peer.port(), SongSource.of(this::catalogue, this::folder),
					PeerServer.Settings.DEFAULTS);
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot listen for TSP peers on " + peer.bindAddress() + ":" + peer.port(), ex);
		}
		PeerAddress self = PeerAddress.of(advertiseHost(peer.advertiseHost()), this.server.port());
		this.address = self;
		StreamerProperties.Tracker tracker = this.properties.tracker();
		this.client = new TrackerClient(PeerAddress.of(tracker.host(), tracker.port()), TrackerClient.Settings.DEFAULTS,
				tracker.token(), () -> folder().announcement(self), (catalogue) -> {
				});
		this.client.start();
		log.info("TSP peer " + self + " shares " + folder().songs().size() + " songs of " + folder().directory()
				+ " via tracker " + tracker.host() + ":" + tracker.port()
				+ ((tracker.token() != null && !tracker.token().isBlank()) ? " with its peer token"
						: " without a peer token (mediafleet.streamer.tracker.token unset)"));
	}

	/** Started with the application unless {@code mediafleet.streamer.peer.enabled} is false. */
	@Override
	public boolean isAutoStartup() {
		return this.properties.peer().enabled();
	}

	@Override
	public synchronized void stop() {
		if (this.client != null) {
			this.client.close();
			this.client = null;
		}
		if (this.server != null) {
			this.server.close();
			this.server = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.server != null;
	}

	/** Scans the library again and announces it, after a song was added. */
	public void rescan() {
		this.folder = scan(this.properties.libraryDirectory());
		TrackerClient current = trackerClient();
		if (current != null) {
			current.announce();
		}
	}

	/** The library as last scanned (scanned now if the peer never ran). */
	public SongFolder folder() {
		SongFolder current = this.folder;
		if (current == null) {
			current = scan(this.properties.libraryDirectory());
			this.folder = current;
		}
		return current;
	}

	/** The PLAY port actually listened on. */
	public synchronized int port() {
		if (this.server == null) {
			throw new IllegalStateException("the TSP peer is not running");
		}
		return this.server.port();
	}

	/** The address announced to the tracker, or {@code null} before start. */
	public synchronized @Nullable PeerAddress address() {
		return this.address;
	}

	/** The tracker connection, or {@code null} when stopped. */
	public synchronized @Nullable TrackerClient trackerClient() {
		return this.client;
	}

	synchronized PeerServer.@Nullable Stats stats() {
		return (this.server != null) ? this.server.stats() : null;
	}

	private List<CatalogueEntry> catalogue() {
		TrackerClient current = trackerClient();
		return (current != null) ? current.catalogue() : List.of();
	}

	/** Reads duration, title and artist from the MP3 itself, so other peers see what they would fetch. */
	private static final SongDescriber MP3_TAGS = (file) -> {
		Mp3Audio audio = Mp3Parser.withDefaults().read(file);
		return new SongDescriber.Description(audio.duration(), audio.title(), audio.artist());
	};

	private static SongFolder scan(Path directory) {
		try {
			Files.createDirectories(directory);
			return SongFolder.scan(directory, SongFolder.DEFAULT_MAX_FILES, MP3_TAGS);
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot scan the library " + directory + ": " + ex.getMessage(), ex);
		}
	}

	private static String advertiseHost(String configured) {
		if (!configured.isBlank()) {
			return configured;
		}
		try {
			return InetAddress.getLocalHost().getHostAddress();
		}
		catch (UnknownHostException ex) {
			return "127.0.0.1";
		}
	}

}
