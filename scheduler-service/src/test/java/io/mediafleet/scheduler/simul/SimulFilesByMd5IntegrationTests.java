package io.mediafleet.scheduler.simul;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.mediafleet.schema.tsp.CatalogueEntry;
import io.mediafleet.schema.tsp.PeerAddress;
import io.mediafleet.schema.tsp.SongLine;
import io.mediafleet.scheduler.simul.SimulStatus.FileState;
import io.mediafleet.scheduler.simul.SimulStatus.SlaveStatus;
import io.mediafleet.scheduler.simul.SimulStatus.StartState;
import io.mediafleet.tsppeer.PeerServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Files found by md5: real mpv agents, one holding the simul's file under another name, one fetching it from a real
 * TSP peer (a PLAY server over TCP) found through a tracker stand-in.
 */
class SimulFilesByMd5IntegrationTests {

	private static final Duration PATIENCE = Duration.ofSeconds(45);

	@TempDir
	Path temp;

	private SimulRig rig;

	@AfterEach
	void close() throws Exception {
		if (this.rig != null) {
			this.rig.close();
		}
	}

	@Test
	void anAgentWithARenamedCopyJoinsByMd5AndPlaysIt() throws Exception {
		this.rig = new SimulRig(this.temp, Duration.ofSeconds(15), Duration.ofMillis(1500));
		Path tone = this.rig.tone("tone.mp3", 440, 2);
		this.rig.agent("den", this.rig.mediaDirectory("den", tone));
		Path attic = this.rig.mediaDirectory("attic");
		Files.copy(tone, attic.resolve("Tone (copy).mp3"));
		this.rig.agent("attic", attic);
		await().atMost(PATIENCE).until(() -> this.rig.master.status().slaves().size() == 2);

		this.rig.master.simulFile("tone.mp3", null, "test");

		await().atMost(PATIENCE).until(() -> this.rig.master.status().state() == SimulState.READY);
		assertThat(slave("attic").file()).isEqualTo(FileState.OK);
		assertThat(slave("attic").md5()).isEqualTo(slave("den").md5());
		this.rig.master.start("test");
		await().atMost(PATIENCE).until(this.rig::startedOrCompleted);
		await().atMost(PATIENCE).until(() -> slave("attic").start() == StartState.STARTED);
	}

	@Test
	void anAgentWithoutTheFileFetchesItFromATspPeerShowingProgressAndJoins() throws Exception {
		this.rig = new SimulRig(this.temp, Duration.ofSeconds(15), Duration.ofMillis(1500));
		Path tone = this.rig.tone("tone.mp3", 440, 2);
		String md5 = io.mediafleet.schema.folder.MediaFolder.md5(tone);
		this.rig.agent("den", this.rig.mediaDirectory("den", tone));
		Path attic = this.rig.mediaDirectory("attic");
		try (PeerServer peer = new PeerServer("127.0.0.1", 0, (id) -> Optional.of(tone), PeerServer.Settings.DEFAULTS);
				StandInTracker tracker = new StandInTracker(new CatalogueEntry(7,
						SongLine.of(md5, Files.size(tone), Duration.ofSeconds(2), "Tone", "ffmpeg", "tone.mp3"),
						List.of(PeerAddress.of("127.0.0.1", peer.port()))))) {
			this.rig.fetchingAgent("attic", attic, PeerAddress.of("127.0.0.1", tracker.port()));
			await().atMost(PATIENCE).until(() -> this.rig.master.status().slaves().size() == 2);

			this.rig.master.simulFile("tone.mp3", null, "test");

			// The master learns the md5 from den and sends it; attic asks the tracker (held back here) and says so.
			await().atMost(PATIENCE).until(() -> String.valueOf(slave("attic").reason()).startsWith("fetching from a TSP peer"));
			assertThat(this.rig.master.status().state()).isEqualTo(SimulState.LOCATING);
			tracker.open();
			await().atMost(PATIENCE).until(() -> this.rig.master.status().state() == SimulState.READY);
			assertThat(slave("attic").file()).isEqualTo(FileState.OK);
			assertThat(slave("attic").md5()).isEqualTo(md5);
			assertThat(Files.mismatch(attic.resolve("tone.mp3"), tone)).isEqualTo(-1);
			assertThat(peer.stats().served()).isEqualTo(1);
			this.rig.master.start("test");
			await().atMost(PATIENCE).until(() -> slave("attic").start() == StartState.STARTED);
		}
	}

	private SlaveStatus slave(String name) {
		return this.rig.master.status().slaves().stream().filter((each) -> each.name().equals(name)).findFirst()
			.orElseThrow();
	}

}
