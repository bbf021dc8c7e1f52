package io.mediafleet.tsppeer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mediafleet.schema.tsp.TspDecoder;
import io.mediafleet.schema.tsp.TspEncoder;
import io.mediafleet.schema.tsp.TspFrame;
import io.mediafleet.schema.tsp.TspType;

import static org.assertj.core.api.Assertions.assertThat;

/** The PLAY server over real sockets: serves only its own songs, STOP aborts, silence and bad framing close. */
class PeerServerIntegrationTests {

	@TempDir
	Path folder;

	private Path song;

	private PeerServer server;

	@BeforeEach
	void start() throws IOException {
		byte[] bytes = new byte[8 * 1024 * 1024];
		new Random(5).nextBytes(bytes);
		this.song = Files.write(this.folder.resolve("song.mp3"), bytes);
		this.server = new PeerServer("127.0.0.1", 0, (id) -> (id == 7) ? Optional.of(this.song) : Optional.empty(),
				new PeerServer.Settings(4, Duration.ofSeconds(10)));
	}

	@AfterEach
	void stop() {
		this.server.close();
	}

	@Test
	void playOfAHostedSongAnswersThePlayFrameWithTheFileBytes() throws Exception {
		try (Socket socket = connect()) {
			send(socket, TspFrame.of(TspType.PLAY, 7));
			List<TspFrame> frames = new ArrayList<>();
			TspDecoder decoder = new TspDecoder(16 * 1024 * 1024);
			byte[] buffer = new byte[64 * 1024];
			while (frames.isEmpty()) {
				int n = socket.getInputStream().read(buffer);
				assertThat(n).isNotNegative();
				decoder.decode(ByteBuffer.wrap(buffer, 0, n), frames::add);
			}
			TspFrame answer = frames.get(0);
			assertThat(answer.type()).isEqualTo(TspType.PLAY);
			assertThat(answer.songId()).isEqualTo(7);
			assertThat(answer.payload()).isEqualTo(Files.readAllBytes(this.song));
		}
		assertThat(this.server.stats().served()).isEqualTo(1);
	}

	@Test
	void playOfASongNotHostedIsAnErrorAndTheConnectionStays() throws Exception {
		try (Socket socket = connect()) {
			List<TspFrame> frames = new ArrayList<>();
			send(socket, TspFrame.of(TspType.PLAY, 8));
			read(socket, frames, 1);
			assertThat(frames.get(0)).isEqualTo(TspFrame.error(8, "song 8 is not hosted here"));
			send(socket, TspFrame.of(TspType.LIST, TspFrame.NO_SONG));
			read(socket, frames, 2);
			assertThat(frames.get(1).payloadText()).isEqualTo("LIST goes to the tracker; a peer answers PLAY");
		}
	}

	@Test
	void stopDuringATransferClosesTheConnectionBeforeTheWholeFileIsSent() throws Exception {
		try (Socket socket = connect()) {
			socket.setReceiveBufferSize(16 * 1024);
			send(socket, TspFrame.of(TspType.PLAY, 7));
			InputStream in = socket.getInputStream();
			byte[] header = in.readNBytes(9);
			assertThat(header[0]).isEqualTo((byte) 3);
			send(socket, TspFrame.of(TspType.STOP, 7));
			long received = 0;
			byte[] buffer = new byte[64 * 1024];
			try {
				for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
					received += n;
				}
			}
			catch (IOException ex) {
				// a reset is as good as a close
			}
			assertThat(received).isLessThan(Files.size(this.song));
		}
		assertThat(this.server.stats().aborted()).isEqualTo(1);
	}

	@Test
	void silentConnectionIsClosedAfterTheIdleTimeout() throws Exception {
		try (PeerServer impatient = new PeerServer("127.0.0.1", 0, (id) -> Optional.empty(),
				new PeerServer.Settings(4, Duration.ofMillis(200)));
				Socket socket = new Socket("127.0.0.1", impatient.port())) {
			socket.setSoTimeout(10_000);
			assertThat(socket.getInputStream().read()).isEqualTo(-1);
			assertThat(impatient.stats().errors()).isEqualTo(1);
		}
	}

	@Test
	void unknownTypeByteIsAnsweredWithErrorAndClosed() throws Exception {
		try (Socket socket = connect()) {
			socket.getOutputStream().write(new byte[] { (byte) 0xee, 0, 0, 0, 0 });
			List<TspFrame> frames = new ArrayList<>();
			read(socket, frames, 1);
			assertThat(frames.get(0).payloadText()).contains("unknown frame type 0xee");
			assertThat(socket.getInputStream().read()).isEqualTo(-1);
		}
	}

	@Test
	void oneAddressGetsOnlyItsShareOfTheSlotsAndAnotherAddressIsStillServed() throws Exception {
		try (PeerServer shared = new PeerServer("0.0.0.0", 0, (id) -> Optional.empty(),
				new PeerServer.Settings(4, Duration.ofSeconds(10), 2))) {
			List<Socket> flood = new ArrayList<>();
			try {
				flood.add(connectFrom(shared, 2));
				flood.add(connectFrom(shared, 2));
				// Both admitted: each answers a PLAY of an unknown song with that song's ERROR.
				for (Socket socket : flood) {
					send(socket, TspFrame.of(TspType.PLAY, 9));
					List<TspFrame> frames = new ArrayList<>();
					read(socket, frames, 1);
					assertThat(frames.get(0).songId()).isEqualTo(9);
				}
				try (Socket third = connectFrom(shared, 2)) {
					List<TspFrame> frames = new ArrayList<>();
					read(third, frames, 1);
					assertThat(frames.get(0).payloadText())
						.isEqualTo("peer busy: more than 2 connections from your address");
					assertThat(third.getInputStream().read()).isEqualTo(-1);
				}
				try (Socket other = connectFrom(shared, 1)) {
					send(other, TspFrame.of(TspType.PLAY, 9));
					List<TspFrame> frames = new ArrayList<>();
					read(other, frames, 1);
					assertThat(frames.get(0).songId()).isEqualTo(9);
				}
				assertThat(shared.stats().refused()).isEqualTo(1);
			}
			finally {
				for (Socket socket : flood) {
					socket.close();
				}
			}
		}
	}

	private static Socket connectFrom(PeerServer server, int lastByte) throws IOException {
		Socket socket = new Socket();
		socket.bind(new InetSocketAddress(InetAddress.getByAddress(new byte[] { 127, 0, 0, (byte) lastByte }), 0));
		socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
		socket.setSoTimeout(10_000);
		return socket;
	}

	private Socket connect() throws IOException {
		Socket socket = new Socket("127.0.0.1", this.server.port());
		socket.setSoTimeout(10_000);
		return socket;
	}

	private static void send(Socket socket, TspFrame frame) throws IOException {
		socket.getOutputStream().write(new TspEncoder().encode(frame));
	}

	private static void read(Socket socket, List<TspFrame> frames, int count) throws IOException {
		TspDecoder decoder = new TspDecoder();
		byte[] buffer = new byte[4096];
		while (frames.size() < count) {
			int n = socket.getInputStream().read(buffer);
			assertThat(n).as("connection still open").isNotNegative();
			decoder.decode(ByteBuffer.wrap(buffer, 0, n), frames::add);
		}
	}

}
