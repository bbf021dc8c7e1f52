package io.mediafleet.tracker.tracker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mediafleet.schema.tsp.PeerAddress;
import io.mediafleet.schema.tsp.SongLine;
import io.mediafleet.tsppeer.FetchException;
import io.mediafleet.tsppeer.PeerFetcher;
import io.mediafleet.tsppeer.PeerServer;
import io.mediafleet.tsppeer.SongFolder;
import io.mediafleet.tsppeer.TestLibrary;
import io.mediafleet.tsppeer.TestPeer;
import io.mediafleet.tsppeer.TrackerClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Fetching songs peer to peer over real sockets: md5 verified, and a host dying mid-transfer replaced by the next.
 */
class PeerFetchIntegrationTests {

	private static final int BIG = 3 * 1024 * 1024;

	@TempDir
	Path root;

	private RunningTracker tracker;

	@BeforeEach
	void start() throws Exception {
		this.tracker = RunningTracker.start();
	}

	@AfterEach
	void stop() {
		this.tracker.close();
	}

	@Test
	void sourceKilledMidTransferIsReplacedByTheNextHostAndTheFileVerifies() throws Exception {
		Path source = TestLibrary.song(this.root.resolve("a"), "big.mp3", BIG, 42);
		Files.copy(source, Files.createDirectories(this.root.resolve("b")).resolve("big.mp3"));
		String md5 = SongFolder.md5(source);
		try (TestPeer a = this.tracker.peer(this.root.resolve("a"))) {
			await().atMost(Duration.ofSeconds(5)).until(() -> a.client.catalogue().size() == 1);
			try (TestPeer b = this.tracker.peer(this.root.resolve("b"));
					TestPeer c = this.tracker.peer(Files.createDirectories(this.root.resolve("c")))) {
				await().atMost(Duration.ofSeconds(5)).until(() -> this.tracker.catalogue.entries().stream()
					.anyMatch((entry) -> entry.hosts().size() == 2));
				// a (first in the tracker's host order) dies after one MiB of the three
				a.server.abortTransfersAfter(1024 * 1024);

				PeerFetcher.Fetched fetched = c.fetcher().fetchByMd5(md5, this.root.resolve("c/big.mp3"));

				assertThat(fetched.host()).isEqualTo(b.address());
				assertThat(fetched.failedHosts()).singleElement().asString()
					.startsWith(a.address() + ": closed the connection after 1048576 of " + BIG + " bytes");
				assertThat(SongFolder.md5(fetched.file())).isEqualTo(md5);
				assertThat(Files.mismatch(fetched.file(), source)).isEqualTo(-1);
				assertThat(a.server.stats().aborted()).isEqualTo(1);
				assertThat(b.server.stats().served()).isEqualTo(1);
				try (var files = Files.list(this.root.resolve("c"))) {
					assertThat(files.map((file) -> file.getFileName().toString())).containsExactly("big.mp3");
				}
			}
		}
	}

	@Test
	void hostServingOtherBytesFailsTheMd5CheckAndTheNextHostIsUsed() throws Exception {
		Path good = TestLibrary.song(this.root.resolve("good"), "song.mp3", 100_000, 7);
		Path bad = TestLibrary.song(this.root.resolve("bad"), "song.mp3", 100_000, 8);
		SongLine line = SongFolder.scan(this.root.resolve("good")).songs().get(0).song();
		TrackerClient[] liarClient = new TrackerClient[1];
		// the liar announces the good file's md5 but serves different bytes of the same size
		try (PeerServer liarServer = new PeerServer("127.0.0.1", 0, (id) -> Optional.of(bad), PeerServer.Settings.DEFAULTS)) {
			PeerAddress liar = PeerAddress.of("127.0.0.1", liarServer.port());
			liarClient[0] = new TrackerClient(this.tracker.address(), TrackerClient.Settings.DEFAULTS,
					() -> new io.mediafleet.schema.tsp.InitPayload(liar, List.of(line)), (catalogue) -> {
					});
			liarClient[0].start();
			await().atMost(Duration.ofSeconds(5)).until(() -> this.tracker.catalogue.songCount() == 1);
			try (TestPeer honest = this.tracker.peer(this.root.resolve("good"));
					TestPeer fetcher = this.tracker.peer(Files.createDirectories(this.root.resolve("c")))) {
				await().atMost(Duration.ofSeconds(5)).until(() -> this.tracker.catalogue.entries().get(0).hosts().size() == 2);

				PeerFetcher.Fetched fetched = fetcher.fetcher().fetchByFileName("song.mp3", this.root.resolve("c/song.mp3"));

				assertThat(fetched.host()).isEqualTo(honest.address());
				assertThat(fetched.failedHosts()).singleElement().asString().contains("sent a file with md5");
				assertThat(Files.mismatch(fetched.file(), good)).isEqualTo(-1);
			}
			finally {
				liarClient[0].close();
			}
		}
	}

	@Test
	void songNobodyHostsIsAFetchExceptionAndLeavesNoFileBehind() throws Exception {
		try (TestPeer c = this.tracker.peer(Files.createDirectories(this.root.resolve("c")))) {
			assertThatThrownBy(() -> c.fetcher().fetchByMd5("0f343b0931126a20f133d67c2b018a3b", this.root.resolve("c/x.mp3")))
				.isInstanceOf(FetchException.class)
				.hasMessageContaining("no song with md5 0f343b0931126a20f133d67c2b018a3b");
			try (var files = Files.list(this.root.resolve("c"))) {
				assertThat(files).isEmpty();
			}
		}
	}

}
