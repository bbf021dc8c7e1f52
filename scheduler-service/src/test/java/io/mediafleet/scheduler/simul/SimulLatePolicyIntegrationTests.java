package io.mediafleet.scheduler.simul;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.mediafleet.scheduler.simul.SimulStatus.SlaveStatus;
import io.mediafleet.scheduler.simul.SimulStatus.StartState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Never stuck: a member that keeps the others waiting (a pyzmq slave on libzmq that never reports its file, or
 * never answers a start) is named and the simul's late policy applies; a real mpv agent plays alongside.
 */
class SimulLatePolicyIntegrationTests {

	private static final Duration PATIENCE = Duration.ofSeconds(45);

	private static final Duration FILE_TIMEOUT = Duration.ofSeconds(2);

	@TempDir
	Path temp;

	private SimulRig rig;

	private Process python;

	private Path pythonOutput;

	private final List<String> announcements = new CopyOnWriteArrayList<>();

	@AfterEach
	void close() throws Exception {
		if (this.python != null) {
			this.python.getOutputStream().close();
			if (!this.python.waitFor(10, TimeUnit.SECONDS)) {
				this.python.destroyForcibly();
			}
		}
		if (this.rig != null) {
			this.rig.close();
		}
	}

	@Test
	void startWithoutLeavesAMemberThatNeverReportsItsFileOutAndTheOthersPlay() throws Exception {
		Path tone = setUp("mute");
		this.rig.master.simulFile("tone.mp3", null, "test", LatePolicy.START_WITHOUT);
		await().atMost(PATIENCE).until(() -> this.rig.master.status().state() == SimulState.READY);
		// Announcements go out after the state change, outside the master's lock.
		await().atMost(PATIENCE).until(() -> this.announcements.contains(
				"simul tone.mp3: mute did not report the file within 2 s; going on without it (policy start-without)"));
		assertThat(slave("mute").late()).isEqualTo("file");
		assertThat(lateCount("file", "start-without")).isEqualTo(1.0);
		assertThat(this.rig.meters.get("mediafleet.simul.members.late.current").gauge().value()).isEqualTo(1.0);
		this.rig.master.start("test");
		await().atMost(PATIENCE).until(this.rig::startedOrCompleted);
		assertThat(slave("den").start()).isEqualTo(StartState.STARTED);
		assertThat(tone).exists();
	}

	@Test
	void abortStopsTheSimulWhenAMemberNeverReportsItsFile() throws Exception {
		setUp("mute");
		this.rig.master.simulFile("tone.mp3", null, "test", LatePolicy.ABORT);
		await().atMost(PATIENCE).until(() -> this.rig.master.status().state() == SimulState.FAILED);
		await().atMost(PATIENCE).until(() -> this.announcements.contains("simul tone.mp3: mute did not report the file within 2 s; simul aborted (policy abort)"));
		await().atMost(PATIENCE).until(() -> pythonSaid("received simul-stop"));
		assertThat(lateCount("file", "abort")).isEqualTo(1.0);
	}

	@Test
	void waitKeepsTheSimulNotReadyButNamesTheMember() throws Exception {
		setUp("mute");
		this.rig.master.simulFile("tone.mp3", null, "test", LatePolicy.WAIT);
		await().atMost(PATIENCE).until(() -> this.announcements.stream().anyMatch((text) -> text.equals(
				"simul tone.mp3: mute did not report the file within 2 s; waiting for it (policy wait)")));
		SimulStatus status = this.rig.master.status();
		assertThat(status.state()).isEqualTo(SimulState.LOCATING);
		assertThat(status.problems()).contains("no answer yet from mute");
		assertThat(status.latePolicy()).isEqualTo(LatePolicy.WAIT);
		assertThat(slave("mute").late()).isEqualTo("file");
		assertThat(lateCount("file", "wait")).isEqualTo(1.0);
	}

	@Test
	void abortStopsEveryoneWhenAMemberDoesNotAnswerTheStart() throws Exception {
		setUp("no-start");
		this.rig.master.simulFile("tone.mp3", null, "test", LatePolicy.ABORT);
		await().atMost(PATIENCE).until(() -> this.rig.master.status().state() == SimulState.READY);
		this.rig.master.start("test");
		await().atMost(PATIENCE).until(() -> this.rig.master.status().state() == SimulState.FAILED);
		await().atMost(PATIENCE).until(() -> this.announcements.contains("simul tone.mp3: mute did not answer simul-start; simul aborted (policy abort)"));
		assertThat(slave("mute").late()).isEqualTo("start");
		await().atMost(PATIENCE).until(() -> pythonSaid("received simul-stop"));
		await().atMost(PATIENCE).until(() -> !this.rig.players.get("den").isPlaying());
	}

	@Test
	void waitAsksASilentMemberAgainToStartAtTheGroupsPosition() throws Exception {
		setUp("no-start");
		this.rig.master.simulFile("tone.mp3", null, "test", LatePolicy.WAIT);
		await().atMost(PATIENCE).until(() -> this.rig.master.status().state() == SimulState.READY);
		this.rig.master.start("test");
		await().atMost(PATIENCE).until(() -> pythonSaid("\"position-ms\""));
		await().atMost(PATIENCE).until(() -> this.announcements
			.contains("simul tone.mp3: mute did not answer simul-start; waiting for it (policy wait)"));
		assertThat(this.rig.master.status().state()).isIn(SimulState.PLAYING, SimulState.COMPLETED);
		assertThat(lateCount("start", "wait")).isEqualTo(1.0);
	}

	@Test
	void startWithoutPlaysOnAndDoesNotAskASilentMemberAgain() throws Exception {
		setUp("no-start");
		this.rig.master.simulFile("tone.mp3", null, "test", LatePolicy.START_WITHOUT);
		await().atMost(PATIENCE).until(() -> this.rig.master.status().state() == SimulState.READY);
		this.rig.master.start("test");
		await().atMost(PATIENCE).until(() -> this.announcements.stream().anyMatch((text) -> text.equals(
				"simul tone.mp3: mute did not answer simul-start; going on without it (policy start-without)")));
		assertThat(this.rig.master.status().state()).isIn(SimulState.PLAYING, SimulState.COMPLETED);
		// Several resend intervals later, still no catch-up start for the silent member.
		Thread.sleep(1500);
		assertThat(Files.readString(this.pythonOutput, StandardCharsets.UTF_8)).doesNotContain("position-ms");
		assertThat(slave("mute").start()).isEqualTo(StartState.NO_ANSWER);
	}

	private Path setUp(String mode) throws Exception {
		this.rig = new SimulRig(this.temp, Duration.ofMillis(1500), FILE_TIMEOUT, true);
		this.rig.master.addListener(this.announcements::add);
		Path tone = this.rig.tone("tone.mp3", 440, 8);
		this.rig.agent("den", this.rig.mediaDirectory("den", tone));
		this.pythonOutput = this.temp.resolve("python.out");
		this.python = startSilentSlave("mute", this.rig.mediaDirectory("mute", tone), mode);
		await().atMost(PATIENCE).until(() -> this.rig.master.status().slaves().size() == 2);
		return tone;
	}

	private SlaveStatus slave(String name) {
		return this.rig.master.status().slaves().stream().filter((each) -> each.name().equals(name)).findFirst()
			.orElseThrow();
	}

	private double lateCount(String phase, String policy) {
		return this.rig.meters.get("mediafleet.simul.members.late").tag("phase", phase).tag("policy", policy)
			.counter().count();
	}

	private boolean pythonSaid(String text) throws IOException {
		return Files.readString(this.pythonOutput, StandardCharsets.UTF_8).contains(text);
	}

	private Process startSilentSlave(String name, Path media, String mode) throws IOException {
		Path script = this.temp.resolve("silent_slave.py");
		try (InputStream in = getClass().getResourceAsStream("/simul/silent_slave.py")) {
			assertThat(in).as("silent_slave.py on the test class path").isNotNull();
			Files.copy(in, script);
		}
		return new ProcessBuilder(Programs.python3WithZmq(), script.toString(), name, "127.0.0.1",
				Integer.toString(this.rig.advisePort()), Integer.toString(this.rig.commandPort()), media.toString(),
				mode)
			.redirectErrorStream(true)
			.redirectOutput(this.pythonOutput.toFile())
			.start();
	}

}
