package io.mediafleet.scheduler.simul;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.mediafleet.player.library.MediaLibrary;
import io.mediafleet.player.playback.Player;
import io.mediafleet.player.simul.SimulSlave;
import io.mediafleet.player.sync.PlaybackSync;
import io.mediafleet.schema.json.JsonLimits;
import io.mediafleet.schema.simul.CurveKey;
import io.mediafleet.schema.simul.SimulCodec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A simul master on free loopback ports plus real player agents, for tests: everything over real JeroMQ sockets.
 */
public final class SimulRig implements AutoCloseable {

	static final Duration READY_INTERVAL = Duration.ofMillis(200);

	/**
	 * Whether the simul has started: PLAYING, or already COMPLETED when its short tone ended before a poll looked (a
	 * loaded machine polls late).
	 */
	public boolean startedOrCompleted() {
		SimulState state = this.master.status().state();
		return state == SimulState.PLAYING || state == SimulState.COMPLETED;
	}

	public final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	final Path root;

	public SimulMaster master;

	private SimulBuses buses;

	private final List<AutoCloseable> closeables = new ArrayList<>();

	private final Duration slaveTimeout;

	private final Duration startLead;

	private final Duration fileTimeout;

	/** The buses' CURVE settings, or null for plain buses. */
	private final SimulBuses.@Nullable Curve curve;

	/** Each agent's player, by agent name, so tests can ask mpv for its position. */
	public final java.util.Map<String, Player> players = new java.util.concurrent.ConcurrentHashMap<>();

	// Each plain agent's own meters (start check, drift), by name: the benchmarks read them.
	public final java.util.Map<String, SimpleMeterRegistry> agentMeters = new java.util.concurrent.ConcurrentHashMap<>();

	private final Thread ticker;

	private volatile boolean running = true;

	public SimulRig(Path root) {
		this(root, Duration.ofSeconds(15));
	}

	public SimulRig(Path root, Duration slaveTimeout) {
		this(root, slaveTimeout, Duration.ofMillis(1500));
	}

	public SimulRig(Path root, Duration slaveTimeout, Duration startLead) {
		this(root, slaveTimeout, startLead, null);
	}

	/** A plain rig whose members must report the file within {@code fileTimeout}. */
	public SimulRig(Path root, Duration startLead, Duration fileTimeout, boolean plain) {
		this(root, Duration.ofSeconds(15), startLead, null, fileTimeout);
	}

	/**
	 * A rig whose buses use CURVE with {@link SimulTestKeys#MASTER_SECRET}, admitting only the slaves whose public
	 * keys are given.
	 */
	public static SimulRig withCurve(Path root, String... slavePublicKeys) {
		return new SimulRig(root, Duration.ofSeconds(15), Duration.ofMillis(1500), List.of(slavePublicKeys));
	}

	private SimulRig(Path root, Duration slaveTimeout, Duration startLead, @Nullable List<String> curveSlaveKeys) {
		this(root, slaveTimeout, startLead, curveSlaveKeys, Duration.ofSeconds(30));
	}

	private SimulRig(Path root, Duration slaveTimeout, Duration startLead, @Nullable List<String> curveSlaveKeys,
			Duration fileTimeout) {
		this.root = root;
		this.fileTimeout = fileTimeout;
		this.slaveTimeout = slaveTimeout;
		this.startLead = startLead;
		this.curve = (curveSlaveKeys != null) ? new SimulBuses.Curve(CurveKey.fromZ85(SimulTestKeys.MASTER_SECRET),
				new AuthorizedSlaveKeys(curveSlaveKeys, null, 100)::contains,
				(address, reason) -> this.master.slaveRefused(address, reason)) : null;
		this.master = newMaster();
		this.buses = new SimulBuses("127.0.0.1", 0, 0, SimulConfiguration.MAX_SOCKET_FRAME_BYTES,
				SimulConfiguration.HIGH_WATER_MARK, this.curve, this::onAdvise);
		this.master.attach(this.buses);
		this.ticker = Thread.ofPlatform().daemon().name("rig-tick").start(this::tickLoop);
	}

	private SimulMaster newMaster() {
		return new SimulMaster(new SimulCodec(JsonLimits.DEFAULTS), InstantSource.system(),
				new SimulMaster.Settings(this.slaveTimeout, this.startLead, Duration.ofSeconds(5),
						Duration.ofMillis(500), 64, this.fileTimeout),
				this.meters);
	}

	// The master is replaced on restart, so advice goes through the rig to whichever master is current.
	private void onAdvise(byte[] frame) {
		this.master.onAdvise(frame);
	}

	private void tickLoop() {
		while (this.running) {
			this.master.tick();
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	public int advisePort() {
		return this.buses.advisePort();
	}

	public int commandPort() {
		return this.buses.commandPort();
	}

	/** Closes the buses and starts a fresh master (empty registry) on the same ports. */
	public void restartMaster() {
		int advise = this.buses.advisePort();
		int command = this.buses.commandPort();
		this.buses.close();
		this.master = newMaster();
		this.buses = new SimulBuses("127.0.0.1", advise, command, SimulConfiguration.MAX_SOCKET_FRAME_BYTES,
				SimulConfiguration.HIGH_WATER_MARK, this.curve, this::onAdvise);
		this.master.attach(this.buses);
	}

	/** A media directory named after the slave, holding the given files. */
	public Path mediaDirectory(String name, Path... files) throws IOException {
		Path directory = Files.createDirectories(this.root.resolve("media-" + name));
		for (Path file : files) {
			Files.copy(file, directory.resolve(file.getFileName()));
		}
		return directory;
	}

	/** Starts a Java player agent named {@code name} playing with headless mpv from {@code media}. */
	public SimulSlave agent(String name, Path media) {
		return agent(name, media, null);
	}

	/** Starts a Java player agent joining with these CURVE keys (null: plain). */
	public SimulSlave agent(String name, Path media, SimulSlave.@Nullable Curve keys) {
		return agent(name, media, keys, List.of(), PlaybackSync.Settings.DEFAULTS, Duration.ZERO);
	}

	/** Starts a Java player agent with this latency offset (its starts move that much earlier). */
	public SimulSlave agent(String name, Path media, SimulSlave.@Nullable Curve keys, Duration latencyOffset) {
		return agent(name, media, keys, List.of(), PlaybackSync.Settings.DEFAULTS, latencyOffset);
	}

	/** Starts a plain agent whose mpv gets {@code extraMpvArguments} and which keeps in step as {@code sync} says. */
	public SimulSlave agent(String name, Path media, List<String> extraMpvArguments, PlaybackSync.Settings sync) {
		return agent(name, media, null, extraMpvArguments, sync, Duration.ZERO);
	}

	private SimulSlave agent(String name, Path media, SimulSlave.@Nullable Curve keys, List<String> extraMpvArguments,
			PlaybackSync.Settings sync, Duration latencyOffset) {
		List<String> command = new ArrayList<>(mpvCommand(name));
		command.addAll(extraMpvArguments);
		Player player = new Player(command, true);
		this.players.put(name, player);
		SimpleMeterRegistry agentMeters = new SimpleMeterRegistry();
		this.agentMeters.put(name, agentMeters);
		SimulSlave slave = SimulSlave.start(new SimulSlave.Settings(name, "127.0.0.1", advisePort(), commandPort(),
				READY_INTERVAL, Duration.ofSeconds(60), keys, latencyOffset, sync), new MediaLibrary(media, 100), player,
				agentMeters, InstantSource.system());
		this.closeables.add(slave);
		return slave;
	}

	/** Starts a Java player agent that fetches files it lacks from TSP peers found through {@code tracker}. */
	public SimulSlave fetchingAgent(String name, Path media, io.mediafleet.schema.tsp.PeerAddress tracker) {
		Player player = new Player(mpvCommand(name), true);
		this.players.put(name, player);
		SimulSlave slave = SimulSlave.start(new SimulSlave.Settings(name, "127.0.0.1", advisePort(), commandPort(),
				READY_INTERVAL, Duration.ofSeconds(60)), new MediaLibrary(media, 100), player, new SimpleMeterRegistry(),
				InstantSource.system(), new io.mediafleet.player.library.TspFileFetcher(tracker, media,
						io.mediafleet.tsppeer.PeerFetcher.Settings.DEFAULTS));
		this.closeables.add(slave);
		return slave;
	}

	List<String> mpvCommand(String name) {
		// The player adds --pause and --input-ipc-server itself.
		return List.of(Programs.require("mpv"), "--no-terminal", "--no-config", "--ao=null", "--vo=null");
	}

	/** A short sine tone made by ffmpeg, named {@code name}. */
	public Path tone(String name, int frequencyHz, int seconds) throws IOException, InterruptedException {
		Path directory = Files.createDirectories(this.root.resolve("generated"));
		Path file = directory.resolve(name);
		Process ffmpeg = new ProcessBuilder(Programs.require("ffmpeg"), "-nostdin", "-loglevel", "error", "-f",
				"lavfi", "-i", "sine=frequency=" + frequencyHz + ":duration=" + seconds, "-y", file.toString())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		assertThat(ffmpeg.waitFor(60, TimeUnit.SECONDS)).as("ffmpeg finished").isTrue();
		assertThat(ffmpeg.exitValue()).as("ffmpeg exit code").isZero();
		return file;
	}

	@Override
	public void close() throws Exception {
		this.running = false;
		this.ticker.interrupt();
		for (AutoCloseable closeable : this.closeables.reversed()) {
			closeable.close();
		}
		this.buses.close();
	}

}
