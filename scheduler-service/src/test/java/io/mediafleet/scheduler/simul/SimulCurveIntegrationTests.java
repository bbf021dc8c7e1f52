package io.mediafleet.scheduler.simul;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.mediafleet.player.simul.SimulSlave;
import io.mediafleet.schema.simul.CurveKey;
import io.mediafleet.scheduler.simul.SimulStatus.SlaveStatus;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * CURVE on the simul buses, on the real wire: slaves whose public key the master lists join and play, whether they
 * are JeroMQ player agents or libzmq slaves (python3-zmq); a slave with an unknown key and a plain slave are refused
 * on both buses: the master never hears them and they never hear a command.
 */
class SimulCurveIntegrationTests {

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	@TempDir
	Path temp;

	private SimulRig rig;

	private final List<Process> pythons = new ArrayList<>();

	@AfterEach
	void stopEverything() throws Exception {
		for (Process python : this.pythons) {
			python.getOutputStream().close();
			if (!python.waitFor(10, TimeUnit.SECONDS)) {
				python.destroyForcibly();
			}
		}
		if (this.rig != null) {
			this.rig.close();
		}
	}

	@Test
	void javaAgentWithAListedKeyJoinsAndPlays() throws Exception {
		this.rig = SimulRig.withCurve(this.temp, SimulTestKeys.SLAVE_PUBLIC);
		Path tone = this.rig.tone("tone.mp3", 440, 2);
		this.rig.agent("den", this.rig.mediaDirectory("den", tone), SimulTestKeys.listedSlave());
		await().atMost(PATIENCE).until(() -> this.rig.master.liveSlaveCount() == 1);

		this.rig.master.simulFile("tone.mp3", null, "test");
		await().atMost(PATIENCE).until(() -> this.rig.master.status().state() == SimulState.READY);
		this.rig.master.start("test");
		await().atMost(PATIENCE).until(this.rig::startedOrCompleted);
		assertThat(refused("unknown-key")).isZero();
	}

	@Test
	void libzmqSlaveWithAListedKeyJoinsOverCurve() throws Exception {
		CurveKey pythonSecret = CurveKey.generateSecret();
		this.rig = SimulRig.withCurve(this.temp, pythonSecret.publicKey().z85());
		Path tone = this.rig.tone("tone.mp3", 523, 2);
		Path output = startPythonSlave("py-attic", this.rig.mediaDirectory("py-attic", tone),
				Map.of("SIMUL_MASTER_PUBLIC_KEY", SimulTestKeys.MASTER_PUBLIC, "SIMUL_SECRET_KEY", pythonSecret.z85()));
		await().atMost(PATIENCE).until(() -> this.rig.master.liveSlaveCount() == 1);

		this.rig.master.simulFile("tone.mp3", null, "test");
		await().atMost(PATIENCE).until(() -> this.rig.master.status().state() == SimulState.READY);
		this.rig.master.start("test");
		await().atMost(PATIENCE).until(() -> read(output).contains("started tone.mp3"));
		assertThat(read(output)).contains("advise event HANDSHAKE_SUCCEEDED", "command event HANDSHAKE_SUCCEEDED");
	}

	@Test
	void slavesWithUnknownKeysAreRefusedOnBothBuses() throws Exception {
		this.rig = SimulRig.withCurve(this.temp, SimulTestKeys.SLAVE_PUBLIC);
		Path tone = this.rig.tone("tone.mp3", 440, 1);
		CurveKey master = CurveKey.fromZ85(SimulTestKeys.MASTER_PUBLIC);
		Path output = startPythonSlave("py-stranger", this.rig.mediaDirectory("py-stranger", tone), Map.of(
				"SIMUL_MASTER_PUBLIC_KEY", master.z85(), "SIMUL_SECRET_KEY", CurveKey.generateSecret().z85()));
		this.rig.agent("intruder", this.rig.mediaDirectory("intruder", tone),
				new SimulSlave.Curve(master, CurveKey.generateSecret()));
		this.rig.agent("den", this.rig.mediaDirectory("den", tone), SimulTestKeys.listedSlave());

		await().atMost(PATIENCE)
			.until(() -> read(output).contains("advise event HANDSHAKE_FAILED_AUTH")
					&& read(output).contains("command event HANDSHAKE_FAILED_AUTH"));
		// Both buses of both strangers went to the ZAP handler and were turned away.
		await().atMost(PATIENCE).until(() -> refused("unknown-key") >= 4);
		assertOnlyDenTakesPart(output);
	}

	@Test
	void plainSlaveIsRefusedByACurveMaster() throws Exception {
		this.rig = SimulRig.withCurve(this.temp, SimulTestKeys.SLAVE_PUBLIC);
		Path tone = this.rig.tone("tone.mp3", 440, 1);
		Path output = startPythonSlave("py-plain", this.rig.mediaDirectory("py-plain", tone), Map.of());
		this.rig.agent("den", this.rig.mediaDirectory("den", tone), SimulTestKeys.listedSlave());

		await().atMost(PATIENCE)
			.until(() -> read(output).contains("advise event HANDSHAKE_FAILED")
					&& read(output).contains("command event HANDSHAKE_FAILED"));
		assertOnlyDenTakesPart(output);
	}

	private void assertOnlyDenTakesPart(Path strangerOutput) throws IOException {
		await().atMost(PATIENCE).until(() -> this.rig.master.liveSlaveCount() == 1);
		this.rig.master.simulFile("tone.mp3", null, "test");
		await().atMost(PATIENCE).until(() -> this.rig.master.status().state() == SimulState.READY);
		this.rig.master.start("test");
		await().atMost(PATIENCE).until(this.rig::startedOrCompleted);
		assertThat(this.rig.master.status().slaves()).extracting(SlaveStatus::name).containsExactly("den");
		assertThat(read(strangerOutput)).doesNotContain("HANDSHAKE_SUCCEEDED").doesNotContain("received ");
	}

	private double refused(String reason) {
		return this.rig.meters.counter("mediafleet.simul.slaves.refused", "reason", reason).count();
	}

	private static String read(Path output) throws IOException {
		return Files.readString(output, StandardCharsets.UTF_8);
	}

	private Path startPythonSlave(String name, Path media, Map<String, String> environment) throws IOException {
		Path script = this.temp.resolve("python_slave.py");
		if (!Files.exists(script)) {
			try (InputStream in = getClass().getResourceAsStream("/simul/python_slave.py")) {
				assertThat(in).as("python_slave.py on the test class path").isNotNull();
				Files.copy(in, script);
			}
		}
		Path output = this.temp.resolve(name + ".out");
		ProcessBuilder builder = new ProcessBuilder(Programs.python3WithZmq(), script.toString(), name, "127.0.0.1",
				Integer.toString(this.rig.advisePort()), Integer.toString(this.rig.commandPort()), media.toString())
			.redirectErrorStream(true)
			.redirectOutput(output.toFile());
		builder.environment().putAll(environment);
		this.pythons.add(builder.start());
		return output;
	}

}
