package io.mediafleet.player.simul;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;

import io.mediafleet.player.library.MediaLibrary;
import io.mediafleet.player.playback.Player;
import io.mediafleet.schema.json.JsonLimits;
import io.mediafleet.schema.simul.AdviseMessage;
import io.mediafleet.schema.simul.FileStatus;
import io.mediafleet.schema.simul.SimulCodec;
import io.mediafleet.schema.simul.SimulFile;
import io.mediafleet.schema.simul.SimulNotStarted;
import io.mediafleet.schema.simul.SimulStart;
import io.mediafleet.schema.simul.SimulStarted;
import io.mediafleet.schema.simul.SimulStop;
import io.mediafleet.schema.simul.SlaveExit;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import static io.mediafleet.player.TestPrograms.require;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The agent against a bare master made of two JeroMQ sockets in the test: what it advises and what it obeys.
 */
class SimulSlaveIntegrationTests {

	private static final Duration PATIENCE = Duration.ofSeconds(20);

	private final SimulCodec codec = new SimulCodec(JsonLimits.DEFAULTS);

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	@TempDir
	Path temp;

	private ZContext context;

	private ZMQ.Socket advise;

	private ZMQ.Socket command;

	private SimulSlave slave;

	private int advisePort;

	private int commandPort;

	@BeforeEach
	void startBareMasterAndAgent() throws Exception {
		this.context = new ZContext();
		this.advise = this.context.createSocket(SocketType.SUB);
		this.advise.subscribe(ZMQ.SUBSCRIPTION_ALL);
		this.advise.setReceiveTimeOut(100);
		int advisePort = this.advise.bindToRandomPort("tcp://127.0.0.1");
		this.advisePort = advisePort;
		this.command = this.context.createSocket(SocketType.PUB);
		int commandPort = this.command.bindToRandomPort("tcp://127.0.0.1");
		this.commandPort = commandPort;
		Path media = Files.createDirectories(this.temp.resolve("media"));
		Files.writeString(media.resolve("fox.txt"), "The quick brown fox jumps over the lazy dog");
		// "true" as the player: launched at the instant, exits 0 at once (no mpv needed for these rules).
		this.slave = SimulSlave.start(
				new SimulSlave.Settings("den", "127.0.0.1", advisePort, commandPort, Duration.ofMillis(100),
						Duration.ofSeconds(10)),
				new MediaLibrary(media, 10), new Player(List.of("true"), false), this.meters, InstantSource.system());
		// slave-ready proves the advise path; repeated commands below cope with the SUB side's slow join.
		receiveUntil(AdviseMessage.class);
	}

	@AfterEach
	void stopAll() {
		if (this.slave != null) {
			this.slave.close();
		}
		this.context.close();
	}

	@Test
	void answersSimulFileForItselfOrEveryoneAndIgnoresOtherDestinations() {
		await().atMost(PATIENCE).until(() -> {
			this.command.send(this.codec.encode(SimulFile.of("fox.txt").withDest("attic")));
			return this.meters.find("mediafleet.player.commands.ignored").counter() != null;
		});
		this.command.send(this.codec.encode(SimulFile.of("fox.txt").withDest("den")));
		FileStatus status = receiveUntil(FileStatus.class);
		assertThat(status.src()).isEqualTo("den");
		assertThat(status.md5()).isEqualTo("9e107d9d372bb6826bd81d3542a419d6");
		assertThat(this.meters.get("mediafleet.player.commands.received").tag("mtype", "simul-file").counter().count())
			.isEqualTo(1);
	}

	@Test
	void startsAtTheInstantAndRefusesAnInstantTooFarAhead() {
		await().atMost(PATIENCE).until(() -> {
			this.command.send(this.codec.encode(SimulStart.of("fox.txt").withDest("nobody")));
			return this.meters.find("mediafleet.player.commands.ignored").counter() != null;
		});
		this.command.send(this.codec.encode(new SimulStart(null, "fox.txt", System.currentTimeMillis() + 3_600_000)));
		assertThat(receiveUntil(SimulNotStarted.class).reason()).contains("ms ahead").contains("clocks in sync");

		this.command.send(this.codec.encode(new SimulStart(null, "fox.txt", System.currentTimeMillis() + 200)));
		assertThat(receiveUntil(SimulStarted.class).filename()).isEqualTo("fox.txt");
		assertThat(this.meters.get("mediafleet.player.start.lateness").timer().count()).isEqualTo(1);
	}

	@Test
	void badCommandFramesAreCountedAndTheAgentCarriesOn() {
		await().atMost(PATIENCE).until(() -> {
			this.command.send("{\"mtype\":\"file-status\",\"src\":\"x\",\"filename\":\"f\",\"ts\":1}");
			return this.meters.find("mediafleet.player.commands.rejected").counter() != null;
		});
		// A marker answered in order proves every frame sent before it has been handled.
		this.command.send(this.codec.encode(SimulFile.of("a/b")));
		receiveUntil(SimulNotStarted.class, (notStarted) -> notStarted.filename().equals("a/b"));
		double before = this.meters.get("mediafleet.player.commands.rejected").counter().count();
		this.command.send("not json".getBytes(StandardCharsets.UTF_8));
		this.command.send(("{\"mtype\":\"simul-file\",\"filename\":\"" + "x".repeat(70_000) + "\"}")
			.getBytes(StandardCharsets.UTF_8));
		this.command.send(this.codec.encode(SimulFile.of("../fox.txt")));
		SimulNotStarted refused = receiveUntil(SimulNotStarted.class,
				(notStarted) -> notStarted.filename().equals("../fox.txt"));
		assertThat(refused.reason()).contains("path separator");
		// Frames arrive in order, so both bad ones were handled before the answer to the third.
		assertThat(this.meters.get("mediafleet.player.commands.rejected").counter().count()).isEqualTo(before + 2);
	}

	@Test
	void playbackOutcomesAndRefusedFilesAreCountedFromZeroBeforeAnyCommand() {
		for (String outcome : List.of("started", "completed", "failed", "stopped", "not-started")) {
			assertThat(this.meters.get("mediafleet.player.playbacks").tag("outcome", outcome).counter().count())
				.as(outcome)
				.isZero();
		}
		assertThat(this.meters.get("mediafleet.player.files.refused").counter().count()).isZero();
	}

	@Test
	void aPreloadThatFailedIsRetriedSoTheStartIsStillOnlyAnUnpause() throws Exception {
		Path media = Files.createDirectories(this.temp.resolve("attic-media"));
		Path tone = media.resolve("tone.wav");
		Process ffmpeg = new ProcessBuilder(require("ffmpeg"), "-nostdin", "-loglevel", "error", "-f", "lavfi", "-i",
				"sine=frequency=440:duration=5", "-y", tone.toString())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		assertThat(ffmpeg.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) && ffmpeg.exitValue() == 0).isTrue();
		// The first launch fails (as an mpv too slow to answer does on a loaded machine), later ones run mpv.
		Path launches = this.temp.resolve("launches");
		String script = "echo x >> '" + launches + "'; [ $(wc -l < '" + launches + "') -gt 1 ] || exit 3; exec '"
				+ require("mpv") + "' --no-terminal --no-config --ao=null --vo=null \"$@\"";
		Player player = new Player(List.of("/bin/sh", "-c", script, "sh"), true);
		SimpleMeterRegistry atticMeters = new SimpleMeterRegistry();
		try (SimulSlave attic = SimulSlave.start(
				new SimulSlave.Settings("attic", "127.0.0.1", this.advisePort, this.commandPort, Duration.ofMillis(100),
						Duration.ofSeconds(10)),
				new MediaLibrary(media, 10), player, atticMeters, InstantSource.system())) {
			// Connected once a stop (which loads nothing) arrives; then simul-file goes once, so only the agent's
			// own retry can launch the player a second time.
			await().atMost(PATIENCE).until(() -> {
				this.command.send(this.codec.encode(SimulStop.of("none.wav").withDest("attic")));
				return atticMeters.find("mediafleet.player.commands.received").tag("mtype", "simul-stop").counter() != null;
			});
			this.command.send(this.codec.encode(SimulFile.of("tone.wav").withDest("attic")));
			await().atMost(PATIENCE).until(() -> player.isPrepared(tone));
			assertThat(Files.readAllLines(launches)).hasSize(2);
		}
	}

	@Test
	void closingSendsSlaveExit() {
		this.slave.close();
		this.slave = null;
		assertThat(receiveUntil(SlaveExit.class).src()).isEqualTo("den");
	}

	private <T extends AdviseMessage> T receiveUntil(Class<T> type) {
		return receiveUntil(type, (message) -> true);
	}

	private <T extends AdviseMessage> T receiveUntil(Class<T> type, java.util.function.Predicate<T> match) {
		long deadline = System.nanoTime() + PATIENCE.toNanos();
		while (System.nanoTime() < deadline) {
			byte[] frame = this.advise.recv(0);
			if (frame != null) {
				AdviseMessage message = this.codec.decodeAdvise(frame);
				if (type.isInstance(message) && match.test(type.cast(message))) {
					return type.cast(message);
				}
			}
		}
		throw new AssertionError("no " + type.getSimpleName() + " within " + PATIENCE);
	}

}
