package io.mediafleet.tsppeer;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.mediafleet.schema.tsp.CatalogueEntry;
import io.mediafleet.schema.tsp.InitPayload;
import io.mediafleet.schema.tsp.PeerAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The client side of the opt-in delta extension, against a tracker played by the test in raw bytes (type byte, song
 * id, payload length, payload): the client subscribes before {@code INIT}, merges deltas into the catalogue it holds,
 * and keeps working with a seed tracker that refuses the subscription with an {@code ERROR}.
 */
class TrackerClientDeltaIntegrationTests {

	private static final String X = "0f343b0931126a20f133d67c2b018a3b";

	private static final String Y = "5d41402abc4b2a76b9719d911017c592";

	@Test
	void subscribesBeforeInitAndMergesDeltasIntoTheCatalogue() throws Exception {
		try (ServerSocket tracker = new ServerSocket(0); TrackerClient client = announcing(tracker)) {
			client.start();
			try (Socket peer = accept(tracker)) {
				DataInputStream in = new DataInputStream(peer.getInputStream());
				DataOutputStream out = new DataOutputStream(peer.getOutputStream());
				assertThat(readHeaderAndPayload(in)).as("the subscription comes first").isEqualTo("7 1 ");
				assertThat(readHeaderAndPayload(in)).startsWith("0 -1 ");

				send(out, 7, -1, entry(1, X, "127.0.0.1:7001"));
				await().atMost(Duration.ofSeconds(5)).until(() -> client.catalogue().size() == 1);
				send(out, 7, 42, entry(2, Y, "127.0.0.1:7002"));
				await().atMost(Duration.ofSeconds(5)).until(() -> client.catalogue().size() == 2);
				send(out, 7, 43, entry(1, X, "127.0.0.1:7001,127.0.0.1:7003") + entry(2, Y, ""));

				await().atMost(Duration.ofSeconds(5)).until(() -> client.deltaBroadcastsApplied() == 2);
				List<CatalogueEntry> catalogue = client.catalogue();
				assertThat(catalogue).singleElement().satisfies((entry) -> {
					assertThat(entry.songId()).isEqualTo(1);
					assertThat(entry.hosts()).containsExactly(PeerAddress.of("127.0.0.1", 7001),
							PeerAddress.of("127.0.0.1", 7003));
				});

				// A whole broadcast replaces everything held.
				send(out, 7, -1, entry(5, Y, "127.0.0.1:7005"));
				await().atMost(Duration.ofSeconds(5))
					.until(() -> client.catalogue().size() == 1 && client.catalogue().get(0).songId() == 5);
			}
		}
	}

	@Test
	void aSeedTrackerRefusingTheSubscriptionStillServesWholeCataloguesAndAnswers() throws Exception {
		try (ServerSocket tracker = new ServerSocket(0); TrackerClient client = announcing(tracker)) {
			client.start();
			try (Socket peer = accept(tracker)) {
				DataInputStream in = new DataInputStream(peer.getInputStream());
				DataOutputStream out = new DataOutputStream(peer.getOutputStream());
				assertThat(readHeaderAndPayload(in)).isEqualTo("7 1 ");
				assertThat(readHeaderAndPayload(in)).startsWith("0 -1 ");
				// What a tracker without the extension answers (the same text as ours).
				send(out, 6, 1, "BROADCAST_LIST is not a tracker request; the tracker sends it");
				send(out, 7, -1, entry(1, X, "127.0.0.1:7001"));
				await().atMost(Duration.ofSeconds(5)).until(() -> client.catalogue().size() == 1);

				CompletableFuture<List<CatalogueEntry>> listed = CompletableFuture.supplyAsync(() -> {
					try {
						return client.list();
					}
					catch (TrackerException ex) {
						throw new IllegalStateException(ex);
					}
				});
				assertThat(readHeaderAndPayload(in)).isEqualTo("1 -1 ");
				send(out, 1, -1, entry(1, X, "127.0.0.1:7001") + entry(2, Y, "127.0.0.1:7002"));
				assertThat(listed.get(10, TimeUnit.SECONDS)).as("the refusal was not taken as LIST's answer")
					.extracting(CatalogueEntry::songId)
					.containsExactly(1, 2);
				assertThat(client.deltaBroadcastsApplied()).isZero();
				assertThat(client.lastError()).startsWith("tracker does not send delta broadcasts");
			}
		}
	}

	@Test
	void aTrackerThatHangsUpOnTheSubscriptionIsNotAskedAgain() throws Exception {
		try (ServerSocket tracker = new ServerSocket(0); TrackerClient client = announcing(tracker)) {
			client.start();
			try (Socket first = accept(tracker)) {
				assertThat(readHeaderAndPayload(new DataInputStream(first.getInputStream()))).isEqualTo("7 1 ");
			}
			try (Socket second = accept(tracker)) {
				DataInputStream in = new DataInputStream(second.getInputStream());
				assertThat(readHeaderAndPayload(in)).as("INIT alone, no subscription").startsWith("0 -1 ");
				send(new DataOutputStream(second.getOutputStream()), 7, -1, entry(1, X, "127.0.0.1:7001"));
				await().atMost(Duration.ofSeconds(5)).until(() -> client.catalogue().size() == 1);
				assertThat(client.connectCount()).isEqualTo(2);
			}
		}
	}

	private static TrackerClient announcing(ServerSocket tracker) {
		InitPayload init = new InitPayload(PeerAddress.of("127.0.0.1", 7001), List.of());
		return new TrackerClient(PeerAddress.of("127.0.0.1", tracker.getLocalPort()), TrackerClient.Settings.DEFAULTS,
				() -> init, (catalogue) -> {
				});
	}

	private static Socket accept(ServerSocket tracker) throws IOException {
		tracker.setSoTimeout(10_000);
		Socket socket = tracker.accept();
		socket.setSoTimeout(10_000);
		return socket;
	}

	private static String entry(int id, String md5, String hosts) {
		return id + "\t" + md5 + "\t1000\t1.0\tTitle\tArtist\tf" + id + ".mp3\t" + hosts + "\n";
	}

	/** Reads one frame that carries a length: "type songId payload". */
	private static String readHeaderAndPayload(DataInputStream in) throws IOException {
		int type = in.readUnsignedByte();
		int songId = in.readInt();
		byte[] payload = new byte[in.readInt()];
		in.readFully(payload);
		return type + " " + songId + " " + new String(payload, StandardCharsets.UTF_8);
	}

	private static void send(DataOutputStream out, int type, int songId, String payload) throws IOException {
		byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
		out.writeByte(type);
		out.writeInt(songId);
		out.writeInt(bytes.length);
		out.write(bytes);
		out.flush();
	}

}
