package io.mediafleet.scheduler.simul;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import io.mediafleet.scheduler.simul.SimulStatus.FileState;
import io.mediafleet.scheduler.simul.SimulStatus.SlaveStatus;
import io.mediafleet.scheduler.simul.SimulStatus.StartState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

class SimulMasterAndAgentIntegrationTests {

	private static final Duration PATIENCE = Duration.ofSeconds(20);

	@TempDir
	Path temp;

	private SimulRig rig;

	@BeforeEach
	void startMaster() {
		this.rig = new SimulRig(this.temp);
	}

	@AfterEach
	void stopEverything() throws Exception {
		this.rig.close();
	}

	@Test
	void javaAgentGoesFromSimulFileToReadyToStartedToCompleted() throws Exception {
		Path tone = this.rig.tone("tone.mp3", 440, 2);
		this.rig.agent("den", this.rig.mediaDirectory("den", tone));
		await().atMost(PATIENCE).until(() -> this.rig.master.liveSlaveCount() == 1);

		this.rig.master.simulFile("tone.mp3", null, "test");
		await().atMost(PATIENCE).until(() -> this.rig.master.status().state() == SimulState.READY);
		SlaveStatus den = this.rig.master.status().slaves().get(0);
		assertThat(den.name()).isEqualTo("den");
		assertThat(den.file()).isEqualTo(FileState.OK);
		assertThat(den.md5()).hasSize(32);

		Instant at = this.rig.master.start("test");
		assertThat(this.rig.master.status().startAt()).isEqualTo(at);
		await().atMost(PATIENCE).until(this.rig::startedOrCompleted);
		assertThat(this.rig.master.status().slaves().get(0).start()).isEqualTo(StartState.STARTED);

		await().atMost(PATIENCE).until(() -> this.rig.master.status().state() == SimulState.COMPLETED);
		assertThat(this.rig.master.status().slaves().get(0).playCompleted()).isTrue();
		assertThat(this.rig.meters.get("mediafleet.simul.start.delay").timer().count()).isEqualTo(1);
	}

	@Test
	void missingFileIsReportedPerSlaveAndKeepsTheSimulFromBeingReady() throws Exception {
		Path tone = this.rig.tone("tone.mp3", 440, 1);
		this.rig.agent("den", this.rig.mediaDirectory("den", tone));
		this.rig.agent("attic", this.rig.mediaDirectory("attic"));
		await().atMost(PATIENCE).until(() -> this.rig.master.liveSlaveCount() == 2);

		this.rig.master.simulFile("tone.mp3", null, "test");
		await().atMost(PATIENCE).until(() -> this.rig.master.status().slaves().stream().noneMatch(
				(slave) -> slave.file() == FileState.UNKNOWN));
		SimulStatus status = this.rig.master.status();
		assertThat(status.state()).isEqualTo(SimulState.LOCATING);
		assertThat(status.slaves()).extracting(SlaveStatus::name, SlaveStatus::file)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("attic", FileState.MISSING),
					org.assertj.core.groups.Tuple.tuple("den", FileState.OK));
		assertThat(status.slaves().get(0).reason()).contains("not found");
		assertThat(status.problems()).containsExactly("missing on attic");
		assertThatExceptionOfType(SimulCommandException.class).isThrownBy(() -> this.rig.master.start("test"))
			.withMessageContaining("not ready")
			.withMessageContaining("missing on attic");
	}

	@Test
	void fileNameWithPathSeparatorOrDotDotIsRefusedWithAReason() throws Exception {
		this.rig.agent("den", this.rig.mediaDirectory("den"));
		await().atMost(PATIENCE).until(() -> this.rig.master.liveSlaveCount() == 1);

		this.rig.master.simulFile("../etc/passwd", null, "test");
		await().atMost(PATIENCE).until(() -> this.rig.master.status().slaves().get(0).file() == FileState.MISSING);
		assertThat(this.rig.master.status().slaves().get(0).reason()).contains("path separator");

		this.rig.master.simulFile("..", null, "test");
		await().atMost(PATIENCE).until(() -> this.rig.master.status().slaves().get(0).file() == FileState.MISSING);
		assertThat(this.rig.master.status().slaves().get(0).reason()).contains("not a file name");
	}

	@Test
	void stopReachesThePlayingAgent() throws Exception {
		Path tone = this.rig.tone("long.mp3", 440, 30);
		this.rig.agent("den", this.rig.mediaDirectory("den", tone));
		await().atMost(PATIENCE).until(() -> this.rig.master.liveSlaveCount() == 1);
		this.rig.master.simulFile("long.mp3", null, "test");
		await().atMost(PATIENCE).until(() -> this.rig.master.status().state() == SimulState.READY);
		this.rig.master.start("test");
		await().atMost(PATIENCE).until(() -> this.rig.master.status().state() == SimulState.PLAYING);

		this.rig.master.stop("test");
		assertThat(this.rig.master.status().state()).isEqualTo(SimulState.STOPPED);
		// A stopped player exits without simul-playcompleted; it may be started again.
		this.rig.master.start("test");
		await().atMost(PATIENCE).until(() -> this.rig.master.status().state() == SimulState.PLAYING);
		this.rig.master.stop("test");
		assertThat(this.rig.master.status().slaves().get(0).playCompleted()).isFalse();
	}

	@Test
	void fileThePlayerCannotPlayIsReportedAsNotStartedWithTheReasonAndTheSimulFails() throws Exception {
		Path attic = this.rig.mediaDirectory("attic");
		java.nio.file.Files.write(attic.resolve("broken.mp3"), new byte[] { 1, 2, 3 });
		this.rig.agent("attic", attic);
		await().atMost(PATIENCE).until(() -> this.rig.master.liveSlaveCount() == 1);
		this.rig.master.simulFile("broken.mp3", null, "test");
		await().atMost(PATIENCE).until(() -> this.rig.master.status().state() == SimulState.READY);

		this.rig.master.start("test");
		await().atMost(PATIENCE).until(() -> this.rig.master.status().state() == SimulState.FAILED);
		SlaveStatus attic1 = this.rig.master.status().slaves().get(0);
		assertThat(attic1.start()).isEqualTo(StartState.NOT_STARTED);
		assertThat(attic1.reason()).startsWith("player failed: the player exited with code ")
			.endsWith("while loading broken.mp3 (not a playable file?)");
	}

}
