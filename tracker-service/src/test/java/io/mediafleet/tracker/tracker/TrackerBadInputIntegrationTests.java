package io.mediafleet.tracker.tracker;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

import io.mediafleet.schema.tsp.InitPayload;
import io.mediafleet.schema.tsp.PeerAddress;
import io.mediafleet.schema.tsp.SongLine;
import io.mediafleet.schema.tsp.TspDecoder;
import io.mediafleet.schema.tsp.TspEncoder;
import io.mediafleet.schema.tsp.TspFrame;
import io.mediafleet.schema.tsp.TspPayloads;
import io.mediafleet.schema.tsp.TspType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Bad input of every kind gets its {@code ERROR} or a close, is counted by cause, and never breaks the tracker.
 */
class TrackerBadInputIntegrationTests {

	private static final TspEncoder ENCODER = new TspEncoder();

	@TempDir
	Path root;

	private RunningTracker tracker;

	@AfterEach
	void stop() {
		if (this.tracker != null) {
			this.tracker.close();
		}
	}

	@Test
	void connectionThatNeverAnnouncesIsClosedAfterTheIdleTimeout() throws Exception {
		this.tracker = new RunningTracker(RunningTracker.settings(Duration.ofMillis(200), DataSize.ofKilobytes(64), 10, 10));
		try (Client client = new Client(this.tracker)) {
			TspFrame error = client.next();
			assertThat(error.type()).isEqualTo(TspType.ERROR);
			assertThat(error.payloadText()).startsWith("idle for PT0.2S without INIT");
			assertThat(client.closed()).isTrue();
		}
		assertThat(this.tracker.errors("idle")).isEqualTo(1);
	}

	@Test
	void announcedPeerStoppingInTheMiddleOfAFrameIsClosedAfterTheIdleTimeout() throws Exception {
		this.tracker = new RunningTracker(RunningTracker.settings(Duration.ofSeconds(1), DataSize.ofKilobytes(64), 10, 10));
		try (Client client = new Client(this.tracker)) {
			client.send(TspFrame.of(TspType.INIT, TspFrame.NO_SONG, new TspPayloads()
				.formatInit(InitPayload.of(PeerAddress.of("127.0.0.1", 7001), SongLine.of("A", "B", "a.mp3")))));
			assertThat(client.next().type()).isEqualTo(TspType.BROADCAST_LIST);
			client.raw(new byte[] { 1, (byte) 0xff, (byte) 0xff });
			TspFrame error = client.next();
			assertThat(error.payloadText()).contains("in the middle of a frame");
			assertThat(client.closed()).isTrue();
		}
		await().atMost(Duration.ofSeconds(2)).until(() -> this.tracker.catalogue.songCount() == 0);
	}

	@Test
	void requestsTheTrackerDoesNotServeAreAnsweredWithErrorAndTheConnectionStays() throws Exception {
		this.tracker = RunningTracker.start();
		try (Client client = new Client(this.tracker)) {
			client.send(TspFrame.of(TspType.PLAY, 7));
			TspFrame play = client.next();
			assertThat(play.type()).isEqualTo(TspType.ERROR);
			assertThat(play.songId()).isEqualTo(7);
			assertThat(play.payloadText()).contains("PLAY goes to a hosting peer");
			client.send(TspFrame.of(TspType.INFO, -5));
			TspFrame negative = client.next();
			assertThat(negative.payloadText()).isEqualTo("no song with id -5");
			client.send(TspFrame.error(TspFrame.NO_SONG, "ignored"));
			client.send(TspFrame.of(TspType.LIST, TspFrame.NO_SONG));
			assertThat(client.next().type()).as("an ERROR from a peer is not answered").isEqualTo(TspType.LIST);
		}
		assertThat(this.tracker.errors("unexpected-type")).isEqualTo(1);
		assertThat(this.tracker.errors("unknown-song")).isEqualTo(1);
		assertThat(this.tracker.requests("play")).isEqualTo(1);
	}

	@Test
	void initLineLongerThanTheLimitIsAnErrorNamingTheLine() throws Exception {
		this.tracker = RunningTracker.start();
		try (Client client = new Client(this.tracker)) {
			client.send(TspFrame.ofText(TspType.INIT, TspFrame.NO_SONG, "A, B > a.mp3\n" + "x".repeat(5000) + "\n"));
			TspFrame error = client.next();
			assertThat(error.payloadText()).isEqualTo("INIT line 2 is longer than 4096 bytes (maxLineLength)");
			client.send(TspFrame.ofText(TspType.INIT, TspFrame.NO_SONG, "A, B > a.mp3\n"));
			assertThat(client.next().type()).isEqualTo(TspType.BROADCAST_LIST);
		}
		assertThat(this.tracker.errors("bad-init")).isEqualTo(1);
	}

	@Test
	void connectionsBeyondTheLimitAreRefusedWithError() throws Exception {
		this.tracker = new RunningTracker(RunningTracker.settings(Duration.ofSeconds(30), DataSize.ofKilobytes(64), 2, 10));
		try (Client first = new Client(this.tracker); Client second = new Client(this.tracker)) {
			// an answer proves each connection is registered before the third arrives
			for (Client client : List.of(first, second)) {
				client.send(TspFrame.of(TspType.LIST, TspFrame.NO_SONG));
				assertThat(client.next().type()).isEqualTo(TspType.LIST);
			}
			try (Client third = new Client(this.tracker)) {
				TspFrame refused = third.next();
				assertThat(refused.payloadText()).isEqualTo("tracker full: 2 connections open");
				assertThat(third.closed()).isTrue();
			}
			first.send(TspFrame.of(TspType.LIST, TspFrame.NO_SONG));
			assertThat(first.next().type()).isEqualTo(TspType.LIST);
		}
		assertThat(this.tracker.errors("full")).isEqualTo(1);
	}

	@Test
	void initBeyondTheCatalogueLimitIsRefusedAsAWhole() throws Exception {
		this.tracker = new RunningTracker(RunningTracker.settings(Duration.ofSeconds(30), DataSize.ofKilobytes(64), 10, 2));
		try (Client client = new Client(this.tracker)) {
			client.send(TspFrame.ofText(TspType.INIT, TspFrame.NO_SONG, "A, B > a.mp3\nC, D > c.mp3\nE, F > e.mp3\n"));
			TspFrame error = client.next();
			assertThat(error.payloadText()).startsWith("INIT refused: the catalogue holds at most 2 songs");
			assertThat(this.tracker.catalogue.songCount()).isZero();
		}
		assertThat(this.tracker.errors("catalogue-full")).isEqualTo(1);
	}

	@Test
	void negativeLengthBreaksTheFramingAndClosesTheConnection() throws Exception {
		this.tracker = RunningTracker.start();
		try (Client client = new Client(this.tracker)) {
			client.raw(new byte[] { 2, 0, 0, 0, 1, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xf0 });
			TspFrame error = client.next();
			assertThat(error.payloadText()).contains("negative payload length -16");
			assertThat(client.closed()).isTrue();
		}
		assertThat(this.tracker.errors("framing")).isEqualTo(1);
	}

	@Test
	void kickedPeerLosesItsSongs() throws Exception {
		this.tracker = RunningTracker.start();
		try (Client client = new Client(this.tracker)) {
			client.send(TspFrame.ofText(TspType.INIT, TspFrame.NO_SONG, "A, B > a.mp3\n"));
			assertThat(client.next().type()).isEqualTo(TspType.BROADCAST_LIST);
			long peer = this.tracker.server.peers().get(0).id();
			assertThat(this.tracker.server.kick(peer)).isTrue();
			assertThat(client.closed()).isTrue();
			await().atMost(Duration.ofSeconds(2)).until(() -> this.tracker.catalogue.songCount() == 0);
			assertThat(this.tracker.server.kick(peer)).isFalse();
		}
		assertThat(this.tracker.errors("kicked")).isEqualTo(1);
	}

	/** A minimal blocking client using the schema's codec. */
	private static final class Client implements AutoCloseable {

		private final Socket socket;

		private final InputStream in;

		private final TspDecoder decoder = new TspDecoder();

		private final List<TspFrame> frames = new ArrayList<>();

		Client(RunningTracker tracker) throws IOException {
			this.socket = new Socket("127.0.0.1", tracker.server.port());
			this.socket.setSoTimeout(10_000);
			this.in = this.socket.getInputStream();
		}

		void send(TspFrame frame) throws IOException {
			raw(ENCODER.encode(frame));
		}

		void raw(byte[] bytes) throws IOException {
			this.socket.getOutputStream().write(bytes);
			this.socket.getOutputStream().flush();
		}

		TspFrame next() throws IOException {
			byte[] buffer = new byte[8192];
			while (this.frames.isEmpty()) {
				int n = this.in.read(buffer);
				if (n < 0) {
					throw new IOException("closed before a frame arrived");
				}
				this.decoder.decode(ByteBuffer.wrap(buffer, 0, n), this.frames::add);
			}
			return this.frames.remove(0);
		}

		boolean closed() throws IOException {
			return this.frames.isEmpty() && this.in.read() < 0;
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
		}

	}

}
