package io.mediafleet.streamer.peer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import io.mediafleet.schema.tsp.CatalogueEntry;
import io.mediafleet.schema.tsp.InitPayload;
import io.mediafleet.schema.tsp.PeerAddress;
import io.mediafleet.schema.tsp.SongLine;
import io.mediafleet.schema.tsp.TspDecoder;
import io.mediafleet.schema.tsp.TspEncoder;
import io.mediafleet.schema.tsp.TspFrame;
import io.mediafleet.schema.tsp.TspPayloads;
import io.mediafleet.schema.tsp.TspType;
import io.mediafleet.streamer.StreamerProperties;
import io.mediafleet.tsppeer.PeerServer;
import io.mediafleet.tsppeer.SongFolder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The streamer fetches a song its library lacks from real peers (real PLAY servers over TCP, the first dying
 * mid-transfer), md5-verified, and announces the grown library. The tracker here is a minimal stand-in answering
 * {@code INFO} with a fixed catalogue, because tracker-service (a repackaged Boot jar) cannot be a test
 * dependency; the real tracker is exercised with the same tsp-peer classes in tracker-service's PeerFetchIntegrationTests.
 */
class MissingSongFetcherIntegrationTests {

	@TempDir
	Path root;

	@Test
	void songMissingFromTheLibraryIsFetchedFromTheNextHostWhenTheFirstDiesAndThenAnnounced() throws Exception {
		byte[] bytes = new byte[2 * 1024 * 1024];
		new Random(11).nextBytes(bytes);
		Path source = Files.write(Files.createDirectories(this.root.resolve("source")).resolve("wanted.mp3"), bytes);
		String md5 = SongFolder.md5(source);
		Path library = Files.createDirectories(this.root.resolve("library"));
		try (PeerServer dying = new PeerServer("127.0.0.1", 0, (id) -> Optional.of(source), PeerServer.Settings.DEFAULTS);
				PeerServer healthy = new PeerServer("127.0.0.1", 0, (id) -> Optional.of(source),
						PeerServer.Settings.DEFAULTS)) {
			dying.abortTransfersAfter(512 * 1024);
			CatalogueEntry entry = new CatalogueEntry(5, SongLine.of(md5, bytes.length, Duration.ofSeconds(3), "Wanted",
					"Artist", "wanted.mp3"), List.of(PeerAddress.of("127.0.0.1", dying.port()),
							PeerAddress.of("127.0.0.1", healthy.port())));
			try (StandInTracker tracker = new StandInTracker(entry)) {
				new ApplicationContextRunner().withUserConfiguration(Properties.class, StreamerPeerConfiguration.class)
					.withPropertyValues("mediafleet.streamer.library-directory=" + library,
							"mediafleet.streamer.peer.port=0", "mediafleet.streamer.peer.bind-address=127.0.0.1",
							"mediafleet.streamer.peer.advertise-host=127.0.0.1", "mediafleet.streamer.tracker.host=127.0.0.1",
							"mediafleet.streamer.tracker.port=" + tracker.port(),
							"mediafleet.streamer.tracker.token=streamer-peer-token")
					.run((context) -> {
						await().atMost(Duration.ofSeconds(5)).until(() -> tracker.inits.size() == 1);
						assertThat(tracker.inits.get(0).songs()).isEmpty();
						// the configured peer token travels in the TOKEN line of every INIT
						assertThat(tracker.inits.get(0).token()).isEqualTo("streamer-peer-token");

						Path fetched = context.getBean(MissingSongFetcher.class).fetch("wanted.mp3", md5.toUpperCase());

						assertThat(fetched).isEqualTo(library.toAbsolutePath().resolve("wanted.mp3"));
						assertThat(Files.mismatch(fetched, source)).isEqualTo(-1);
						assertThat(dying.stats().aborted()).isEqualTo(1);
						assertThat(healthy.stats().served()).isEqualTo(1);
						await().atMost(Duration.ofSeconds(5)).until(() -> tracker.inits.size() == 2);
						assertThat(tracker.inits.get(1).songs()).extracting(SongLine::md5).containsExactly(md5);
						assertThat(tracker.inits.get(1).token()).isEqualTo("streamer-peer-token");
						assertThat(context.getBean(MissingSongFetcher.class).fetch("wanted.mp3", md5))
							.as("present now: no second fetch").isEqualTo(fetched);
						assertThat(healthy.stats().served()).isEqualTo(1);
					});
			}
		}
	}

	/** Accepts peers, records their INITs and answers INFO/LIST with a fixed catalogue. */
	private static final class StandInTracker implements AutoCloseable {

		final List<InitPayload> inits = new CopyOnWriteArrayList<>();

		private final ServerSocket server;

		private final byte[] catalogue;

		StandInTracker(CatalogueEntry entry) throws IOException {
			this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
			this.catalogue = new TspPayloads().formatCatalogue(List.of(entry));
			Thread.ofVirtual().start(this::accept);
		}

		int port() {
			return this.server.getLocalPort();
		}

		private void accept() {
			try {
				while (true) {
					Socket socket = this.server.accept();
					Thread.ofVirtual().start(() -> serve(socket));
				}
			}
			catch (IOException ex) {
				// closed
			}
		}

		private void serve(Socket socket) {
			TspEncoder encoder = new TspEncoder();
			TspDecoder decoder = new TspDecoder();
			List<TspFrame> frames = new ArrayList<>();
			byte[] buffer = new byte[8192];
			try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
				for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
					decoder.decode(ByteBuffer.wrap(buffer, 0, n), frames::add);
					for (TspFrame frame : frames) {
						switch (frame.type()) {
							case INIT -> this.inits.add(new TspPayloads().parseInit(frame.payload()));
							case INFO, LIST -> out.write(encoder.encode(TspFrame.of(frame.type(), frame.songId(), this.catalogue)));
							default -> {
								return;
							}
						}
					}
					frames.clear();
				}
			}
			catch (IOException ex) {
				// peer gone
			}
		}

		@Override
		public void close() throws IOException {
			this.server.close();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(StreamerProperties.class)
	static class Properties {

	}

}
