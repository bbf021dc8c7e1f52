package io.mediafleet.scheduler.simul;

import java.nio.file.Path;
import java.time.Duration;

import io.mediafleet.scheduler.simul.SimulStatus.SlaveStatus;
import io.mediafleet.scheduler.simul.SimulStatus.StartState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Real mpv agents: a member that joins a simul already playing starts at the group's position, and a member's
 * latency offset moves its start earlier by that much and shows in the master's status.
 */
class SimulCatchUpIntegrationTests {

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
	void aMemberJoiningWhileTheGroupPlaysStartsAtTheGroupsPosition() throws Exception {
		this.rig = new SimulRig(this.temp, Duration.ofSeconds(15), Duration.ofMillis(1500));
		Path tone = this.rig.tone("tone.mp3", 440, 30);
		this.rig.agent("den", this.rig.mediaDirectory("den", tone));
		await().atMost(PATIENCE).until(() -> this.rig.master.status().slaves().size() == 1);
		this.rig.master.simulFile("tone.mp3", null, "test");
		await().atMost(PATIENCE).until(() -> this.rig.master.status().state() == SimulState.READY);
		this.rig.master.start("test");
		await().atMost(PATIENCE).until(() -> position("den") > 3.0);

		this.rig.agent("attic", this.rig.mediaDirectory("attic", tone));
		await().atMost(PATIENCE).until(() -> started("attic"));
		await().atMost(PATIENCE).until(() -> position("attic") > 0.0);
		double attic = position("attic");
		double den = position("den");
		assertThat(attic).as("attic started at the group's position, not at 0 (den at %.3f s)", den)
			.isGreaterThan(3.0);
		assertThat(Math.abs(den - attic)).as("den %.3f s, attic %.3f s", den, attic).isLessThan(1.5);
		assertThat(this.rig.meters.get("mediafleet.simul.members.caught-up").counter().count()).isEqualTo(1.0);
	}

	@Test
	void aLatencyOffsetStartsThatMemberEarlierAndIsShownInTheStatus() throws Exception {
		this.rig = new SimulRig(this.temp, Duration.ofSeconds(15), Duration.ofSeconds(4));
		Path tone = this.rig.tone("tone.mp3", 440, 30);
		Path denMedia = this.rig.mediaDirectory("den", tone);
		Path bluetoothMedia = this.rig.mediaDirectory("bluetooth", tone);
		this.rig.agent("den", denMedia);
		this.rig.agent("bluetooth", bluetoothMedia, null, Duration.ofMillis(2000));
		await().atMost(PATIENCE).until(() -> this.rig.master.status().slaves().size() == 2
				&& slave("bluetooth").latencyMs() != null);
		assertThat(slave("bluetooth").latencyMs()).isEqualTo(2000);
		assertThat(slave("den").latencyMs()).isZero();
		this.rig.master.simulFile("tone.mp3", null, "test");
		await().atMost(PATIENCE).until(() -> this.rig.master.status().state() == SimulState.READY);
		// Both mpvs loaded (paused) before the start, so that a slow mpv launch on a loaded machine does not eat the
		// offset: an agent cannot start before its player is ready.
		await().atMost(PATIENCE).until(() -> this.rig.players.get("den").isPrepared(denMedia.resolve("tone.mp3").toRealPath())
				&& this.rig.players.get("bluetooth").isPrepared(bluetoothMedia.resolve("tone.mp3").toRealPath()));
		this.rig.master.start("test");
		await().atMost(PATIENCE).until(() -> this.rig.master.status().state() == SimulState.PLAYING
				&& position("den") > 0.5);
		double bluetooth = position("bluetooth");
		double den = position("den");
		assertThat(bluetooth - den).as("bluetooth %.3f s ahead of den %.3f s", bluetooth, den).isBetween(1.5, 2.5);
	}

	private double position(String name) throws Exception {
		Double position = this.rig.players.get(name).position();
		return (position != null) ? position : -1;
	}

	// Absent (not joined yet) counts as not started.
	private boolean started(String name) {
		return this.rig.master.status().slaves().stream()
			.anyMatch((each) -> each.name().equals(name) && each.start() == StartState.STARTED);
	}

	private SlaveStatus slave(String name) {
		return this.rig.master.status().slaves().stream().filter((each) -> each.name().equals(name)).findFirst()
			.orElseThrow();
	}

}
