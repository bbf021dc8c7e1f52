package io.mediafleet.scheduler.simul;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.mediafleet.scheduler.simul.SimulStatus.FileState;
import io.mediafleet.scheduler.simul.SimulStatus.SlaveStatus;
import io.mediafleet.scheduler.simul.SimulStatus.StartState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A slave written in Python against libzmq (python3-zmq), sending raw JSON with the later revision's underscore
 * names, joins the master next to a Java player agent; both go through the whole lifecycle.
 */
class SimulPythonInteropIntegrationTests {

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	@TempDir
	Path temp;

	private SimulRig rig;

	private Process python;

	@AfterEach
	void stopEverything() throws Exception {
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
	void pythonZmqSlaveAndJavaAgentBothGoThroughTheLifecycle() throws Exception {
		this.rig = new SimulRig(this.temp);
		Path tone = this.rig.tone("tone.mp3", 523, 2);
		this.rig.agent("java-den", this.rig.mediaDirectory("java-den", tone));
		Path pythonOutput = this.temp.resolve("python.out");
		this.python = startPythonSlave("py-attic", this.rig.mediaDirectory("py-attic", tone), pythonOutput);
		await().atMost(PATIENCE).until(() -> this.rig.master.liveSlaveCount() == 2);

		this.rig.master.simulFile("tone.mp3", null, "test");
		await().atMost(PATIENCE).until(() -> this.rig.master.status().state() == SimulState.READY);
		assertThat(this.rig.master.status().slaves()).extracting(SlaveStatus::file)
			.containsOnly(FileState.OK);
		assertThat(this.rig.master.status().slaves()).extracting(SlaveStatus::md5).doesNotContainNull().hasSize(2)
			.allMatch((md5) -> md5.equals(this.rig.master.status().slaves().get(0).md5()));

		this.rig.master.start("test");
		await().atMost(PATIENCE).until(this.rig::startedOrCompleted);
		assertThat(this.rig.master.status().slaves()).extracting(SlaveStatus::name, SlaveStatus::start)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("java-den", StartState.STARTED),
					org.assertj.core.groups.Tuple.tuple("py-attic", StartState.STARTED));
		await().atMost(PATIENCE)
			.until(() -> Files.readString(pythonOutput, StandardCharsets.UTF_8).contains("started tone.mp3"));

		this.rig.master.stop("test");
		await().atMost(PATIENCE)
			.until(() -> Files.readString(pythonOutput, StandardCharsets.UTF_8).contains("stopped tone.mp3"));

		// Closing its stdin makes the Python slave send slave_exit, which removes it at once.
		this.python.getOutputStream().close();
		await().atMost(PATIENCE).until(() -> this.rig.master.liveSlaveCount() == 1);
		assertThat(this.python.waitFor(10, TimeUnit.SECONDS)).isTrue();
		assertThat(this.python.exitValue()).as("python slave exit code; output:%n%s", Files.readString(pythonOutput))
			.isZero();
	}

	private Process startPythonSlave(String name, Path media, Path output) throws IOException {
		Path script = this.temp.resolve("python_slave.py");
		try (InputStream in = getClass().getResourceAsStream("/simul/python_slave.py")) {
			assertThat(in).as("python_slave.py on the test class path").isNotNull();
			Files.copy(in, script);
		}
		return new ProcessBuilder(Programs.python3WithZmq(), script.toString(), name, "127.0.0.1",
				Integer.toString(this.rig.advisePort()), Integer.toString(this.rig.commandPort()), media.toString())
			.redirectErrorStream(true)
			.redirectOutput(output.toFile())
			.start();
	}

}
