package io.mediafleet.tracker.tracker;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The opt-in delta extension, written against the byte layout in {@code docs/protocols/tsp.md}: a peer that sent
 * {@code BROADCAST_LIST 1} gets the whole catalogue once, then only changed entries (removed songs without hosts);
 * a peer that did not ask (every seed peer) keeps getting whole catalogues with song id -1.
 */
class TrackerDeltaBroadcastIntegrationTests {

	private static final String X = "0f343b0931126a20f133d67c2b018a3b";

	private static final String Y = "5d41402abc4b2a76b9719d911017c592";

	private static final String Z = "7d793037a0760186574b0282f2f435e7";

	@Test
	void subscriberGetsTheBaseThenOnlyChangesAndEndsWithTheSameCatalogueAsList() throws Exception {
		try (RunningTracker tracker = RunningTracker.start(); Socket a = connect(tracker); Socket b = connect(tracker)) {
			RawFrame.send(new DataOutputStream(a.getOutputStream()), 7, 1, "");
			RawFrame.send(new DataOutputStream(a.getOutputStream()), 0, -1, "PEER\t127.0.0.1:7001\n" + line(X) + line(Y));
			RawFrame base = RawFrame.read(new DataInputStream(a.getInputStream()));
			assertThat(base.type()).isEqualTo(7);
			assertThat(base.songId()).as("the first broadcast is whole").isEqualTo(-1);
			Map<Integer, String> state = apply(new TreeMap<>(), base.text());
			assertThat(state).hasSize(2);

			RawFrame.send(new DataOutputStream(b.getOutputStream()), 0, -1, "PEER\t127.0.0.1:7002\n" + line(Y) + line(Z));
			RawFrame seedView = RawFrame.read(new DataInputStream(b.getInputStream()));
			assertThat(seedView.songId()).as("a peer that did not ask gets the whole catalogue").isEqualTo(-1);
			assertThat(seedView.text().split("\n")).hasSize(3);
			RawFrame delta = RawFrame.read(new DataInputStream(a.getInputStream()));
			assertThat(delta.type()).isEqualTo(7);
			assertThat(delta.songId()).as("a delta carries the broadcast's number").isPositive();
			String[] changed = delta.text().split("\n");
			assertThat(changed).hasSize(2);
			assertThat(changed[0]).contains(Y).endsWith("\t127.0.0.1:7001,127.0.0.1:7002");
			assertThat(changed[1]).contains(Z).endsWith("\t127.0.0.1:7002");
			apply(state, delta.text());

			b.close();
			RawFrame removal = RawFrame.read(new DataInputStream(a.getInputStream()));
			assertThat(removal.songId()).isGreaterThan(delta.songId());
			String[] lines = removal.text().split("\n", -1);
			assertThat(lines).hasSize(3);
			assertThat(lines[0]).contains(Y).endsWith("\t127.0.0.1:7001");
			assertThat(lines[1]).as("a removed song is an entry without hosts").contains(Z).endsWith("\t");
			apply(state, removal.text());

			RawFrame.send(new DataOutputStream(a.getOutputStream()), 1, -1, "");
			RawFrame list = RawFrame.read(new DataInputStream(a.getInputStream()));
			assertThat(list.type()).isEqualTo(1);
			assertThat(String.join("", state.values())).isEqualTo(list.text());
			await().atMost(Duration.ofSeconds(5))
				.until(() -> tracker.registry.get("mediafleet.tracker.broadcast.frames").tag("kind", "delta").counter()
					.count() == 2);
		}
	}

	@Test
	void aBroadcastListWithAnyOtherIdIsStillAnError() throws Exception {
		try (RunningTracker tracker = RunningTracker.start(); Socket a = connect(tracker)) {
			RawFrame.send(new DataOutputStream(a.getOutputStream()), 7, 2, "");
			RawFrame error = RawFrame.read(new DataInputStream(a.getInputStream()));
			assertThat(error.type()).isEqualTo(6);
			assertThat(error.text()).startsWith("BROADCAST_LIST is not a tracker request");
			RawFrame.send(new DataOutputStream(a.getOutputStream()), 7, 1, "x");
			assertThat(RawFrame.read(new DataInputStream(a.getInputStream())).type()).isEqualTo(6);
		}
	}

	/** Applies a catalogue payload (whole or delta) the way a subscribing peer does: upsert, or remove when hostless. */
	private static Map<Integer, String> apply(Map<Integer, String> state, String payload) {
		for (String entry : payload.split("\n")) {
			if (entry.isEmpty()) {
				continue;
			}
			int id = Integer.parseInt(entry.substring(0, entry.indexOf('\t')));
			if (entry.endsWith("\t")) {
				state.remove(id);
			}
			else {
				state.put(id, entry + "\n");
			}
		}
		return state;
	}

	private static String line(String md5) {
		return md5 + "\t1000\t1.0\tTitle " + md5.substring(0, 4) + "\tArtist\tf-" + md5.substring(0, 4) + ".mp3\n";
	}

	private static Socket connect(RunningTracker tracker) throws IOException {
		Socket socket = new Socket("127.0.0.1", tracker.server.port());
		socket.setSoTimeout(10_000);
		return socket;
	}




}
