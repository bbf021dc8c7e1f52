package io.mediafleet.scheduler.simul;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.mediafleet.player.simul.SimulSlave;
import io.mediafleet.scheduler.simul.SimulStatus.FileState;
import io.mediafleet.scheduler.simul.SimulStatus.SlaveStatus;
import io.mediafleet.scheduler.simul.SimulStatus.StartState;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Several agents at once, slaves that fall silent or leave, a master restart, and bad advice on the bus.
 */
class SimulFleetIntegrationTests {

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	@TempDir
	Path temp;

	private SimulRig rig;

	private final List<AutoCloseable> extras = new ArrayList<>();

	@AfterEach
	void stopEverything() throws Exception {
		for (AutoCloseable extra : this.extras.reversed()) {
			extra.close();
		}
		if (this.rig != null) {
			this.rig.close();
		}
	}

	@Test
	void threeMpvAgentsWithTheSameFileAllStart() throws Exception {
		this.rig = new SimulRig(this.temp);
		Path tone = this.rig.tone("tone.mp3", 440, 3);
		for (String name : List.of("alpha", "bravo", "charlie")) {
			this.rig.agent(name, this.rig.mediaDirectory(name, tone));
		}
		await().atMost(PATIENCE).until(() -> this.rig.master.liveSlaveCount() == 3);

		this.rig.master.simulFile("tone.mp3", null, "test");
		await().atMost(PATIENCE).until(() -> this.rig.master.status().state() == SimulState.READY);
		this.rig.master.start("test");
		await().atMost(PATIENCE).until(this.rig::startedOrCompleted);

		assertThat(this.rig.master.status().slaves()).extracting(SlaveStatus::name, SlaveStatus::start)
			.containsExactly(Tuple.tuple("alpha", StartState.STARTED), Tuple.tuple("bravo", StartState.STARTED),
					Tuple.tuple("charlie", StartState.STARTED));
		assertThat(this.rig.meters.get("mediafleet.simul.start.delay").timer().count()).isEqualTo(3);
		await().atMost(PATIENCE).until(() -> this.rig.master.status().state() == SimulState.COMPLETED);
	}

	@Test
	void agentWithADifferentFileUnderTheSameNameIsAMismatchAndTheSimulIsNotReady() throws Exception {
		this.rig = new SimulRig(this.temp);
		Path tone = this.rig.tone("tone.mp3", 440, 1);
		Path other = this.rig.tone("other.mp3", 880, 1);
		this.rig.agent("alpha", this.rig.mediaDirectory("alpha", tone));
		this.rig.agent("bravo", this.rig.mediaDirectory("bravo", tone));
		Path charlie = this.rig.mediaDirectory("charlie");
		Files.copy(other, charlie.resolve("tone.mp3"));
		this.rig.agent("charlie", charlie);
		await().atMost(PATIENCE).until(() -> this.rig.master.liveSlaveCount() == 3);
		List<String> announcements = new java.util.concurrent.CopyOnWriteArrayList<>();
		this.rig.master.addListener(announcements::add);

		this.rig.master.simulFile("tone.mp3", null, "test");
		await().atMost(PATIENCE).until(() -> this.rig.master.status().slaves().stream()
			.noneMatch((slave) -> slave.file() == FileState.UNKNOWN));

		SimulStatus status = this.rig.master.status();
		assertThat(status.state()).isEqualTo(SimulState.LOCATING);
		assertThat(status.slaves()).extracting(SlaveStatus::name, SlaveStatus::file)
			.containsExactly(Tuple.tuple("alpha", FileState.OK), Tuple.tuple("bravo", FileState.OK),
					Tuple.tuple("charlie", FileState.MISMATCH));
		assertThat(status.slaves().get(2).md5()).isNotEqualTo(status.slaves().get(0).md5());
		assertThat(status.problems()).singleElement().asString()
			.startsWith("md5 mismatch on charlie (expected " + status.slaves().get(0).md5());
		await().atMost(PATIENCE).until(() -> announcements.contains("simul tone.mp3: md5 mismatch on charlie"));
		assertThat(announcements).noneMatch((text) -> text.contains("is ready"));
	}

	@Test
	void silentSlaveIsRemovedAfterTheTimeoutAndAnExitingOneAtOnce() throws Exception {
		this.rig = new SimulRig(this.temp, Duration.ofMillis(800));
		SimulSlave agent = this.rig.agent("steady", this.rig.mediaDirectory("steady"));
		try (ZContext context = new ZContext(); ZMQ.Socket quiet = context.createSocket(SocketType.PUB)) {
			quiet.connect("tcp://127.0.0.1:" + this.rig.advisePort());
			// Repeated until heard (PUB drops what is sent before the connection is up), then silence. Polled on
			// this thread: a ZeroMQ socket belongs to the thread that uses it.
			await().atMost(PATIENCE).pollInSameThread().pollInterval(Duration.ofMillis(50)).until(() -> {
				quiet.send("{\"mtype\":\"slave-ready\",\"src\":\"quiet\"}");
				return this.rig.master.status().slaves().stream().anyMatch((slave) -> slave.name().equals("quiet"));
			});
			await().atMost(PATIENCE).until(() -> this.rig.master.status().slaves().stream()
				.map(SlaveStatus::name).toList().equals(List.of("steady")));
			assertThat(this.rig.meters.get("mediafleet.simul.slaves.expired").counter().count()).isEqualTo(1);
		}
		// The agent sends slave-ready every 200 ms, well within the timeout: it stays.
		assertThat(this.rig.master.liveSlaveCount()).isEqualTo(1);
		agent.close();
		await().atMost(PATIENCE).until(() -> this.rig.master.liveSlaveCount() == 0);
		assertThat(this.rig.meters.get("mediafleet.simul.slaves.expired").counter().count()).isEqualTo(1);
	}

	@Test
	void agentsKeepWorkingWithARestartedMaster() throws Exception {
		this.rig = new SimulRig(this.temp);
		Path tone = this.rig.tone("tone.mp3", 440, 1);
		this.rig.agent("alpha", this.rig.mediaDirectory("alpha", tone));
		this.rig.agent("bravo", this.rig.mediaDirectory("bravo", tone));
		await().atMost(PATIENCE).until(() -> this.rig.master.liveSlaveCount() == 2);

		this.rig.restartMaster();
		assertThat(this.rig.master.liveSlaveCount()).isZero();
		await().atMost(PATIENCE).until(() -> this.rig.master.liveSlaveCount() == 2);
		this.rig.master.simulFile("tone.mp3", null, "test");
		await().atMost(PATIENCE).until(() -> this.rig.master.status().state() == SimulState.READY);
		this.rig.master.start("test");
		await().atMost(PATIENCE).until(this.rig::startedOrCompleted);
		assertThat(this.rig.master.status().slaves()).extracting(SlaveStatus::start)
			.containsOnly(StartState.STARTED);
	}

	@Test
	void badAdviceIsCountedAndDroppedAndContradictingReportsUnderOneNameAreFlagged() throws Exception {
		this.rig = new SimulRig(this.temp);
		try (ZContext context = new ZContext(); ZMQ.Socket twinA = context.createSocket(SocketType.PUB);
				ZMQ.Socket twinB = context.createSocket(SocketType.PUB)) {
			twinA.connect("tcp://127.0.0.1:" + this.rig.advisePort());
			twinB.connect("tcp://127.0.0.1:" + this.rig.advisePort());
			await().atMost(PATIENCE).pollInSameThread().pollInterval(Duration.ofMillis(50)).until(() -> {
				twinA.send("{\"mtype\":\"slave-ready\",\"src\":\"twin\"}");
				twinB.send("{\"mtype\":\"slave_ready\",\"src\":\"twin\"}");
				return this.rig.master.liveSlaveCount() == 1;
			});
			twinA.send("not json at all");
			twinA.send("{\"mtype\":\"slave-dance\",\"src\":\"twin\"}");
			twinA.send("{\"mtype\":\"simul-start\",\"filename\":\"x\"}");
			twinA.send("{\"mtype\":\"slave-ready\",\"src\":\"" + "x".repeat(70_000) + "\"}");
			twinA.send("{\"mtype\":\"slave-ready\",\"src\":\"evil\"}".getBytes(StandardCharsets.UTF_8), ZMQ.SNDMORE);
			twinA.send("second part");
			await().atMost(PATIENCE)
				.until(() -> this.rig.meters.get("mediafleet.simul.advise.rejected").counter().count() == 5);
			assertThat(this.rig.master.status().slaves()).extracting(SlaveStatus::name).containsExactly("twin");

			this.rig.master.simulFile("film.mkv", null, "test");
			twinA.send("{\"mtype\":\"file-status\",\"src\":\"twin\",\"filename\":\"film.mkv\","
					+ "\"md5\":\"9e107d9d372bb6826bd81d3542a419d6\",\"ts\":1700000000}");
			twinB.send("{\"mtype\":\"file-status\",\"src\":\"twin\",\"filename\":\"film.mkv\","
					+ "\"md5\":\"e4d909c290d0fb1ca068ffaddf22cbd0\",\"ts\":1700000001}");
			await().atMost(PATIENCE).until(() -> this.rig.master.status().slaves().get(0).conflicting());
			assertThat(this.rig.master.status().state()).isEqualTo(SimulState.LOCATING);
			assertThat(this.rig.master.status().problems())
				.contains("contradicting reports (one name used by two slaves?) from twin");
			assertThat(this.rig.meters.get("mediafleet.simul.advise.conflicts").counter().count()).isEqualTo(1);
		}
	}

}
