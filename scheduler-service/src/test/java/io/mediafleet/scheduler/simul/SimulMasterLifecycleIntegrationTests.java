package io.mediafleet.scheduler.simul;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.mediafleet.player.library.MediaLibrary;
import io.mediafleet.player.playback.Player;
import io.mediafleet.player.simul.SimulSlave;
import io.mediafleet.schema.json.JsonLimits;
import io.mediafleet.schema.simul.SimulCodec;
import io.mediafleet.scheduler.SchedulerProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The master's lifecycle secures the buses as its settings say: plain only when {@code security=plain}, and with
 * CURVE a slave key added to the keys file is admitted without restarting anything.
 */
class SimulMasterLifecycleIntegrationTests {

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	@TempDir
	Path temp;

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private SimulMaster master;

	private SimulMasterLifecycle lifecycle;

	private SimulSlave agent;

	private Process python;

	@AfterEach
	void stopEverything() throws Exception {
		if (this.python != null) {
			this.python.getOutputStream().close();
			if (!this.python.waitFor(10, TimeUnit.SECONDS)) {
				this.python.destroyForcibly();
			}
		}
		if (this.agent != null) {
			this.agent.close();
		}
		if (this.lifecycle != null) {
			this.lifecycle.stop();
		}
	}

	@Test
	void plainSlaveJoinsWhenTheMasterIsSetToPlain() throws Exception {
		start(Map.of("security", "plain"));
		this.python = startPlainPythonSlave("py-legacy");
		await().atMost(PATIENCE).until(() -> this.master.liveSlaveCount() == 1);
		assertThat(this.master.status().slaves()).extracting(SimulStatus.SlaveStatus::name).containsExactly("py-legacy");
	}

	@Test
	void slaveKeyAddedToTheKeysFileIsAdmittedWithoutRestartingTheMaster() throws Exception {
		Path keys = Files.writeString(this.temp.resolve("slave-keys"), "# no slave yet\n");
		start(Map.of("curve.secret-key", SimulTestKeys.MASTER_SECRET, "curve.slave-keys-file", keys.toString()));
		this.agent = agent("den");
		await().atMost(PATIENCE)
			.until(() -> this.meters.counter("mediafleet.simul.slaves.refused", "reason", "unknown-key").count() >= 1);
		assertThat(this.master.liveSlaveCount()).isZero();
		// ZeroMQ does not retry a handshake the ZAP handler refused: the slave is started again once listed.
		this.agent.close();

		Files.writeString(keys, SimulTestKeys.SLAVE_PUBLIC + " den\n", StandardOpenOption.APPEND);
		this.agent = agent("den");
		await().atMost(PATIENCE).until(() -> this.master.liveSlaveCount() == 1);
	}

	private SimulSlave agent(String name) throws IOException {
		return SimulSlave.start(
				new SimulSlave.Settings(name, "127.0.0.1", this.lifecycle.advisePort(), this.lifecycle.commandPort(),
						Duration.ofMillis(200), Duration.ofSeconds(60), SimulTestKeys.listedSlave()),
				new MediaLibrary(Files.createDirectories(this.temp.resolve("media")), 10),
				new Player(List.of(Programs.require("true")), false), new SimpleMeterRegistry(),
				InstantSource.system());
	}

	private void start(Map<String, String> simulSettings) {
		Map<String, String> properties = new HashMap<>();
		properties.put("mediafleet.scheduler.simul.bind-address", "127.0.0.1");
		properties.put("mediafleet.scheduler.simul.advise-port", "0");
		properties.put("mediafleet.scheduler.simul.command-port", "0");
		simulSettings.forEach((key, value) -> properties.put("mediafleet.scheduler.simul." + key, value));
		SchedulerProperties bound = new Binder(new MapConfigurationPropertySource(properties))
			.bindOrCreate("mediafleet.scheduler", SchedulerProperties.class);
		this.master = new SimulMaster(new SimulCodec(JsonLimits.DEFAULTS), InstantSource.system(),
				new SimulMaster.Settings(Duration.ofSeconds(15), Duration.ofSeconds(1), Duration.ofSeconds(5),
						Duration.ofMillis(500), 64),
				this.meters);
		this.lifecycle = new SimulMasterLifecycle(this.master, bound.simul());
		this.lifecycle.start();
	}

	private Process startPlainPythonSlave(String name) throws IOException {
		Path script = this.temp.resolve("python_slave.py");
		try (InputStream in = getClass().getResourceAsStream("/simul/python_slave.py")) {
			assertThat(in).isNotNull();
			Files.copy(in, script);
		}
		Path media = Files.createDirectories(this.temp.resolve("py-media"));
		return new ProcessBuilder(Programs.python3WithZmq(), script.toString(), name, "127.0.0.1",
				Integer.toString(this.lifecycle.advisePort()), Integer.toString(this.lifecycle.commandPort()),
				media.toString())
			.redirectErrorStream(true)
			.redirectOutput(this.temp.resolve(name + ".out").toFile())
			.start();
	}

	static String read(Path path) throws IOException {
		return Files.readString(path, StandardCharsets.UTF_8);
	}

}
