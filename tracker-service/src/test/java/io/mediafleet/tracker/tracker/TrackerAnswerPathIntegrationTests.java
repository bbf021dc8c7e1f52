package io.mediafleet.tracker.tracker;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.netty.buffer.ByteBuf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.util.unit.DataSize;

import io.mediafleet.tracker.TrackerProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The fast answer path (pre-encoded {@code INFO} frames, one write per read batch, the shared catalogue buffer) on
 * both transports: answers follow host changes, and a pipelined burst mixing small and whole-catalogue answers comes
 * back complete and in request order.
 */
class TrackerAnswerPathIntegrationTests {

	private static final String SONG = "0f343b0931126a20f133d67c2b018a3b";

	@ParameterizedTest(name = "native transport: {0}")
	@ValueSource(booleans = { true, false })
	void infoAnswersFollowEveryHostChange(boolean nativeTransport) throws Exception {
		try (RunningTracker tracker = new RunningTracker(settings(nativeTransport));
				Socket a = connect(tracker); Socket b = connect(tracker); Socket client = connect(tracker)) {
			init(a, "127.0.0.1:7001", SONG);
			RawFrame.read(new DataInputStream(a.getInputStream()));
			int id = tracker.catalogue.entries().get(0).songId();
			assertThat(info(client, id)).endsWith("\t127.0.0.1:7001\n");

			init(b, "127.0.0.1:7002", SONG);
			await().atMost(Duration.ofSeconds(5)).until(() -> tracker.catalogue.peerCount() == 2);
			assertThat(info(client, id)).endsWith("\t127.0.0.1:7001,127.0.0.1:7002\n");

			a.close();
			await().atMost(Duration.ofSeconds(5)).until(() -> tracker.catalogue.peerCount() == 1);
			assertThat(info(client, id)).endsWith("\t127.0.0.1:7002\n");

			b.close();
			await().atMost(Duration.ofSeconds(5)).until(() -> tracker.catalogue.songCount() == 0);
			DataOutputStream out = new DataOutputStream(client.getOutputStream());
			RawFrame.write(out, 2, id, "");
			RawFrame gone = RawFrame.read(new DataInputStream(client.getInputStream()));
			assertThat(gone.type()).isEqualTo(6);
			assertThat(gone.text()).isEqualTo("no song with id " + id);
		}
	}

	@ParameterizedTest(name = "native transport: {0}")
	@ValueSource(booleans = { true, false })
	void pipelinedBurstIsAnsweredCompletelyAndInOrder(boolean nativeTransport) throws Exception {
		try (RunningTracker tracker = new RunningTracker(settings(nativeTransport)); Socket peer = connect(tracker);
				Socket client = connect(tracker)) {
			List<String> songs = new ArrayList<>();
			for (int i = 0; i < 300; i++) {
				songs.add(String.format("%032x", i + 1));
			}
			init(peer, "127.0.0.1:7001", songs.toArray(String[]::new));
			RawFrame.read(new DataInputStream(peer.getInputStream()));
			String all = list(client);
			assertThat(all.split("\n")).hasSize(300);

			// 2,000 requests in one write: INFO of every song in turn, a LIST every 97th, an unknown id every 89th
			DataOutputStream out = new DataOutputStream(new BufferedOutputStream(client.getOutputStream(), 1 << 16));
			List<Integer> expected = new ArrayList<>();
			for (int n = 0; n < 2000; n++) {
				int kind = (n % 97 == 96) ? 1 : (n % 89 == 88) ? 6 : 2;
				int id = (kind == 1) ? -1 : (kind == 6) ? 1_000_000 + n : 1 + n % 300;
				RawFrame.write(out, (kind == 6) ? 2 : kind, id, "");
				expected.add(kind * 10_000_000 + ((kind == 1) ? 0 : id % 10_000_000));
			}
			out.flush();
			for (int n = 0; n < 2000; n++) {
				RawFrame answer = RawFrame.read(new DataInputStream(client.getInputStream()));
				int key = answer.type() * 10_000_000 + ((answer.type() == 1) ? 0 : answer.songId() % 10_000_000);
				assertThat(key).as("answer %d", n).isEqualTo(expected.get(n));
				if (answer.type() == 1) {
					assertThat(answer.text()).isEqualTo(all);
				}
				else if (answer.type() == 2) {
					assertThat(answer.text()).startsWith(answer.songId() + "\t").endsWith("\t127.0.0.1:7001\n");
				}
			}
			assertThat(tracker.requests("info")).isEqualTo(2000 - 2000 / 97);
		}
	}

	@ParameterizedTest(name = "native transport: {0}")
	@ValueSource(booleans = { true, false })
	void aClientThatAsksFarFasterThanItReadsStillGetsEveryAnswerInOrder(boolean nativeTransport) throws Exception {
		try (RunningTracker tracker = new RunningTracker(settings(nativeTransport)); Socket peer = connect(tracker);
				Socket client = connect(tracker)) {
			List<String> songs = new ArrayList<>();
			for (int i = 0; i < 50; i++) {
				songs.add(String.format("%032x", i + 1));
			}
			init(peer, "127.0.0.1:7001", songs.toArray(String[]::new));
			RawFrame.read(new DataInputStream(peer.getInputStream()));
			int requests = 40_000;
			// far more answers (~4 MB) than the tracker's 1 MiB send buffer limit, asked before reading any
			Thread writer = Thread.ofPlatform().start(() -> {
				try {
					DataOutputStream out = new DataOutputStream(new BufferedOutputStream(client.getOutputStream(), 1 << 16));
					for (int n = 0; n < requests; n++) {
						RawFrame.write(out, 2, 1 + n % 50, "");
					}
					out.flush();
				}
				catch (IOException ex) {
					throw new IllegalStateException(ex);
				}
			});
			DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(client.getInputStream(), 1 << 16));
			for (int n = 0; n < requests; n++) {
				assertThat(in.readUnsignedByte()).as("answer %d", n).isEqualTo(2);
				assertThat(in.readInt()).as("answer %d", n).isEqualTo(1 + n % 50);
				in.skipNBytes(in.readInt());
			}
			writer.join(10_000);
			assertThat(writer.isAlive()).isFalse();
		}
	}

	@Test
	void aCatalogueViewOutlivesTheChangeThatReplacesIt() {
		Catalogue catalogue = new Catalogue(10);
		catalogue.announce(1, io.mediafleet.schema.tsp.PeerAddress.of("127.0.0.1", 7001), "127.0.0.1",
				new io.mediafleet.schema.tsp.TspPayloads(4096, 100).parseInit(
						("PEER\t127.0.0.1:7001\n" + SONG + "\t1\t1\tT\tA\tf.mp3\n").getBytes(StandardCharsets.UTF_8)).songs());
		ByteBuf before = catalogue.allPayload();
		String text = before.toString(StandardCharsets.UTF_8);
		catalogue.remove(1);
		assertThat(before.toString(StandardCharsets.UTF_8)).isEqualTo(text);
		assertThat(before.refCnt()).isEqualTo(1);
		before.release();
		assertThat(before.refCnt()).isZero();
		ByteBuf after = catalogue.allPayload();
		assertThat(after.readableBytes()).isZero();
		after.release();
	}

	private static TrackerProperties.Tsp settings(boolean nativeTransport) {
		return new TrackerProperties.Tsp(0, "127.0.0.1", DataSize.ofMegabytes(1), 4096, 20_000, 100, 100, 10_000,
				Duration.ofSeconds(30), Duration.ofMillis(20), 7071, 2, nativeTransport);
	}

	private static Socket connect(RunningTracker tracker) throws IOException {
		Socket socket = new Socket("127.0.0.1", tracker.server.port());
		socket.setSoTimeout(10_000);
		return socket;
	}

	private static void init(Socket socket, String address, String... md5s) throws IOException {
		StringBuilder init = new StringBuilder("PEER\t" + address + "\n");
		for (String md5 : md5s) {
			init.append(md5).append("\t1000\t1.0\tTitle ").append(md5, 0, 6).append("\tArtist\tf-").append(md5, 0, 6)
				.append(".mp3\n");
		}
		byte[] payload = init.toString().getBytes(StandardCharsets.UTF_8);
		DataOutputStream out = new DataOutputStream(socket.getOutputStream());
		out.writeByte(0);
		out.writeInt(-1);
		out.writeInt(payload.length);
		out.write(payload);
		out.flush();
	}

	private static String info(Socket socket, int id) throws IOException {
		DataOutputStream out = new DataOutputStream(socket.getOutputStream());
		RawFrame.write(out, 2, id, "");
		out.flush();
		RawFrame answer = RawFrame.read(new DataInputStream(socket.getInputStream()));
		assertThat(answer.type()).isEqualTo(2);
		assertThat(answer.songId()).isEqualTo(id);
		return answer.text();
	}

	private static String list(Socket socket) throws IOException {
		DataOutputStream out = new DataOutputStream(socket.getOutputStream());
		RawFrame.write(out, 1, -1, "");
		out.flush();
		RawFrame answer = RawFrame.read(new DataInputStream(socket.getInputStream()));
		assertThat(answer.type()).isEqualTo(1);
		return answer.text();
	}




}
