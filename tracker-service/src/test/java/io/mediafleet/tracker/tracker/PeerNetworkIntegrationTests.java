package io.mediafleet.tracker.tracker;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mediafleet.schema.tsp.CatalogueEntry;
import io.mediafleet.schema.tsp.PeerAddress;
import io.mediafleet.schema.tsp.TspEncoder;
import io.mediafleet.schema.tsp.TspFrame;
import io.mediafleet.schema.tsp.TspPayloads;
import io.mediafleet.schema.tsp.TspType;
import io.mediafleet.tsppeer.SongFolder;
import io.mediafleet.tsppeer.TestLibrary;
import io.mediafleet.tsppeer.TestPeer;
import io.mediafleet.tsppeer.TrackerClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three real peers (tsp-peer over real TCP, real files) with overlapping libraries against a real tracker.
 */
class PeerNetworkIntegrationTests {

	private static final Duration WITHIN_A_SECOND = Duration.ofSeconds(1);

	@TempDir
	Path root;

	private RunningTracker tracker;

	private String one;

	private String two;

	private String three;

	private String four;

	@BeforeEach
	void libraries() throws Exception {
		this.tracker = RunningTracker.start();
		// a: one, two   b: two, three   c: three, four
		Path a = this.root.resolve("a");
		Path b = this.root.resolve("b");
		Path c = this.root.resolve("c");
		this.one = SongFolder.md5(TestLibrary.song(a, "one.mp3", 20_000, 1));
		this.two = SongFolder.md5(TestLibrary.song(a, "two.mp3", 30_000, 2));
		Files.copy(a.resolve("two.mp3"), Files.createDirectories(b).resolve("two.mp3"));
		this.three = SongFolder.md5(TestLibrary.song(b, "three.mp3", 40_000, 3));
		Files.copy(b.resolve("three.mp3"), Files.createDirectories(c).resolve("three.mp3"));
		this.four = SongFolder.md5(TestLibrary.song(c, "four.mp3", 50_000, 4));
	}

	@AfterEach
	void stop() {
		this.tracker.close();
	}

	@Test
	void listAndInfoShowMergedHostsAndADroppedPeerIsBroadcastToTheOthers() throws Exception {
		try (TestPeer a = this.tracker.peer(this.root.resolve("a"));
				TestPeer b = this.tracker.peer(this.root.resolve("b"));
				Socket c = new Socket("127.0.0.1", this.tracker.server.port())) {
			SongFolder folderC = SongFolder.scan(this.root.resolve("c"));
			PeerAddress addressC = PeerAddress.of("127.0.0.1", 9);
			c.getOutputStream().write(new TspEncoder().encode(TspFrame.of(TspType.INIT, TspFrame.NO_SONG,
					new TspPayloads().formatInit(folderC.announcement(addressC)))));
			await().atMost(Duration.ofSeconds(5)).until(() -> a.client.catalogue().size() == 4
					&& b.client.catalogue().size() == 4);

			Map<String, CatalogueEntry> listed = byMd5(a.client.list());
			assertThat(listed).containsOnlyKeys(this.one, this.two, this.three, this.four);
			assertThat(listed.get(this.one).hosts()).containsExactly(a.address());
			assertThat(listed.get(this.two).hosts()).containsExactlyInAnyOrder(a.address(), b.address());
			assertThat(listed.get(this.three).hosts()).containsExactlyInAnyOrder(b.address(), addressC);
			assertThat(listed.get(this.four).hosts()).containsExactly(addressC);
			assertThat(listed.get(this.two).song().fileName()).isEqualTo("two.mp3");
			assertThat(listed.get(this.two).song().sizeBytes()).isEqualTo(30_000L);

			int threeId = listed.get(this.three).songId();
			List<CatalogueEntry> info = b.client.info(threeId);
			assertThat(info).singleElement().satisfies((entry) -> {
				assertThat(entry.songId()).isEqualTo(threeId);
				assertThat(entry.hosts()).containsExactlyInAnyOrder(b.address(), addressC);
			});

			// c drops without QUIT
			c.close();
			await().atMost(WITHIN_A_SECOND).until(() -> a.client.catalogue().size() == 3
					&& b.client.catalogue().size() == 3);
			Map<String, CatalogueEntry> after = byMd5(a.client.catalogue());
			assertThat(after).doesNotContainKey(this.four);
			assertThat(after.get(this.three).hosts()).containsExactly(b.address());
			assertThat(after.get(this.three).songId()).as("ids stay while a host remains").isEqualTo(threeId);
			assertThat(byMd5(b.client.catalogue())).isEqualTo(after);
		}
	}

	@Test
	void ourPeersSubscribeToDeltasAndMergeThemIntoTheCatalogueListGives() throws Exception {
		try (TestPeer a = this.tracker.peer(this.root.resolve("a"))) {
			await().atMost(Duration.ofSeconds(5)).until(() -> a.client.catalogue().size() == 2);
			TestPeer b = this.tracker.peer(this.root.resolve("b"));
			await().atMost(Duration.ofSeconds(5)).until(() -> a.client.catalogue().size() == 3
					&& a.client.deltaBroadcastsApplied() >= 1);
			assertThat(byMd5(a.client.catalogue())).isEqualTo(byMd5(a.client.list()));
			assertThat(byMd5(a.client.catalogue()).get(this.two).hosts()).containsExactlyInAnyOrder(a.address(),
					b.address());

			b.close();
			await().atMost(Duration.ofSeconds(5)).until(() -> a.client.catalogue().size() == 2);
			assertThat(byMd5(a.client.catalogue())).containsOnlyKeys(this.one, this.two)
				.isEqualTo(byMd5(a.client.list()));
			assertThat(a.client.deltaBroadcastsApplied()).isGreaterThanOrEqualTo(2);
			assertThat(this.tracker.registry.get("mediafleet.tracker.broadcast.frames").tag("kind", "delta").counter()
				.count()).isPositive();
		}
	}

	@Test
	void quitDropsThePeersSongsAndTheOthersHearOfIt() throws Exception {
		try (TestPeer a = this.tracker.peer(this.root.resolve("a"))) {
			TestPeer c = this.tracker.peer(this.root.resolve("c"));
			await().atMost(Duration.ofSeconds(5)).until(() -> a.client.catalogue().size() == 4);
			c.close();
			await().atMost(WITHIN_A_SECOND).until(() -> a.client.catalogue().size() == 2);
			assertThat(byMd5(a.client.catalogue())).containsOnlyKeys(this.one, this.two);
			assertThat(this.tracker.requests("quit")).isEqualTo(1);
		}
	}

	@Test
	void peerReconnectsAndAnnouncesAgainAfterTheTrackerComesBack() throws Exception {
		try (TestPeer a = this.tracker.peer(this.root.resolve("a"))) {
			await().atMost(Duration.ofSeconds(5)).until(() -> a.client.catalogue().size() == 2);
			int port = this.tracker.server.port();
			this.tracker.close();
			await().atMost(Duration.ofSeconds(5)).until(() -> !a.client.isConnected());
			this.tracker = new RunningTracker(new io.mediafleet.tracker.TrackerProperties.Tsp(port, "127.0.0.1",
					org.springframework.util.unit.DataSize.ofMegabytes(1), 4096, 20_000, 100, 100, 10_000, Duration.ofSeconds(30),
					Duration.ofMillis(20), 7071, 2, true));
			await().atMost(Duration.ofSeconds(15)).until(() -> this.tracker.catalogue.songCount() == 2);
			assertThat(a.client.connectCount()).isEqualTo(2);
			try (TrackerClient browser = TrackerClient.browsing(this.tracker.address())) {
				assertThat(byMd5(browser.list()).get(this.one).hosts()).containsExactly(a.address());
			}
		}
	}

	private static Map<String, CatalogueEntry> byMd5(List<CatalogueEntry> entries) {
		return entries.stream().collect(Collectors.toMap((entry) -> entry.song().md5(), Function.identity()));
	}

}
